/**
 * Words a generated service cannot use as a name, per target. A service or resource name is
 * turned into identifiers (Python modules and variables, TypeScript/JavaScript identifiers, Go
 * package names, Java package segments) and SQL table names; a name that is a keyword in any of
 * them would render a service that does not compile or migrate. The form's JSON schema cannot
 * express these lists, so the action rejects them (before anything is written or published) with
 * a message that suggests an alternative.
 */

/** Whitespace-separated words, as a list. */
const words = (text: string): readonly string[] => text.trim().split(/\s+/);

/** Python 3.12 keywords (`keyword.kwlist`); soft keywords (match, case, type, _) are valid names. */
export const pythonKeywords: readonly string[] = words(`
  and as assert async await break class continue def del elif else except finally for from
  global if import in is lambda nonlocal not or pass raise return try while with yield
`);

/** TypeScript/JavaScript reserved words and strict-mode reserved words (ECMAScript 2024, TS). */
export const typescriptKeywords: readonly string[] = words(`
  arguments await break case catch class const continue debugger default delete do else enum
  eval export extends false finally for function if implements import in instanceof interface
  let new null package private protected public return static super switch this throw true
  try typeof var void while with yield
`);

/** Go keywords and predeclared identifiers that cannot name a package sensibly. */
export const goKeywords: readonly string[] = words(`
  break case chan const continue default defer else fallthrough for func go goto if import
  interface map package range return select struct switch type var
`);

/** Java keywords and literals (JLS 21 §3.9), which cannot be package segments or identifiers. */
export const javaKeywords: readonly string[] = words(`
  abstract assert boolean break byte case catch char class const continue default do double
  else enum extends false final finally float for goto if implements import instanceof int
  interface long native new null package private protected public return short static
  strictfp super switch synchronized this throw throws transient true try void volatile while
  _
`);

/**
 * SQL reserved words: PostgreSQL's reserved key words plus the SQL:2016 reserved words most
 * often typed as resource names. Table names are also quoted by SQLAlchemy, but a reserved table
 * name still breaks hand-written SQL, so such resource names are rejected.
 */
export const sqlReservedWords: readonly string[] = words(`
  all alter analyse analyze and any array as asc asymmetric authorization between binary both
  by call case cast check collate column commit constraint create cross current_date
  current_role current_time current_timestamp current_user cursor database date default
  deferrable delete desc distinct do drop else end except exec execute exists false fetch for
  foreign freeze from full function grant group having ilike in index initially inner insert
  intersect interval into is isnull join key lateral leading left like limit localtime
  localtimestamp merge natural not notnull null offset on only or order outer over overlaps
  partition placing primary procedure range references returning revoke right rollback row
  rows schema select session_user set similar some symmetric system_user table tablesample
  then time timestamp to trailing transaction trigger true union unique update user using
  value values variadic verbose view when where window with within without
`);

/**
 * Top-level modules a generated Python package must not shadow: the standard library (Python
 * 3.12 `sys.stdlib_module_names`, public lowercase names) and the service's own dependencies.
 * A service named `json` would become `import json`, which Python resolves to the standard
 * library, so the service could not import itself.
 */
export const pythonModuleNames: readonly string[] = words(`
  abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb
  binascii bisect builtins bz2 calendar cgi cgitb chunk cmath cmd code codecs codeop
  collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg
  crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest
  email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions
  ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq
  hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json
  keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap
  modulefinder msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers
  opcode operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil
  platform plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr
  pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy
  sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket
  socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string
  stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib
  tempfile termios textwrap this threading time timeit tkinter token tokenize tomllib trace
  traceback tracemalloc tty turtle turtledemo types typing unicodedata unittest urllib uu
  uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp
  zipfile zipimport zlib zoneinfo alembic conftest test fastapi greenlet httpx jwt migrations mypy
  opentelemetry prometheus_client psycopg pydantic pydantic_settings pytest pythonjsonlogger
  ruff sqlalchemy starlette tests uvicorn
`);

/**
 * Resource names the generated code already uses for its own modules: a resource called
 * `common` would render `schemas/common.py` over the stack's shared schemas.
 */
export const generatedModuleNames: readonly string[] = words(`
  base common config deps errors health logs main metrics middleware openapi security session
  tracing
`);

const toSet = (...lists: readonly (readonly string[])[]) =>
  new Set(lists.flat());

const identifierKeywords = toSet(
  pythonKeywords,
  typescriptKeywords,
  goKeywords,
  javaKeywords,
);
const sqlWords = toSet(sqlReservedWords);
const pythonModules = toSet(pythonModuleNames);
const generatedModules = toSet(generatedModuleNames);

function targetsOf(word: string, sql: boolean): string[] {
  const targets: string[] = [];
  const lists: [string, readonly string[]][] = [
    ['Python', pythonKeywords],
    ['TypeScript/JavaScript', typescriptKeywords],
    ['Go', goKeywords],
    ['Java', javaKeywords],
  ];
  for (const [language, list] of lists) {
    if (list.includes(word)) targets.push(`a ${language} keyword`);
  }
  if (sql && sqlWords.has(word)) targets.push('an SQL reserved word');
  return targets;
}

/**
 * Why a service name cannot be used, or undefined. `snake` is the name's Python package form
 * (`orders_service`); the Java package segment is the same without underscores.
 */
export function reservedServiceName(snake: string): string | undefined {
  const javaSegment = snake.replace(/_/g, '');
  const camel = snake.replace(/_([a-z0-9])/g, (_, c: string) =>
    c.toUpperCase(),
  );
  for (const form of new Set([snake, javaSegment, camel])) {
    if (identifierKeywords.has(form)) {
      return `"${form}" is ${targetsOf(form, false).join(' and ')}, which the generated code cannot use as a package name; try "${form}-service"`;
    }
  }
  if (pythonModules.has(snake)) {
    return `the Python package "${snake}" would shadow a standard-library or dependency module of the same name; try "${snake.replace(/_/g, '-')}-service"`;
  }
  return undefined;
}

/** Why a resource name (singular snake case, and its plural) cannot be used, or undefined. */
export function reservedResourceName(
  singular: string,
  plural: string,
): string | undefined {
  for (const form of new Set([singular, plural])) {
    const targets = targetsOf(form, true);
    if (targets.length > 0) {
      return `"${form}" is ${targets.join(' and ')}; choose a more specific name such as "${singular}_item" or "customer_${singular}"`;
    }
  }
  if (generatedModules.has(singular)) {
    return `"${singular}" already names a module of the generated service; choose a more specific name such as "${singular}_item"`;
  }
  return undefined;
}
