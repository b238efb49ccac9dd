/**
 * SQL reserved words: a table or column cannot be named one. They belong to the database, not to
 * a language, so they apply to every stack; each stack declares its language's own words in its
 * manifest (`language.reserved`), checked in reservedNames.ts.
 */

/** Whitespace-separated words, as a list. */
const words = (text: string): readonly string[] => text.trim().split(/\s+/);

/**
 * PostgreSQL's reserved key words plus the SQL:2016 reserved words most often typed as resource
 * names. Table names are also quoted by most query builders, but a reserved name still breaks
 * hand-written SQL, so such names are rejected.
 */
export const sqlReservedWords: readonly string[] = words(`
  all alter analyse analyze and any array as asc asymmetric authorization between binary both
  by call case cast check collate column commit constraint create cross current_date
  current_role current_time current_timestamp current_user cursor database date default
  deferrable delete desc distinct do drop else end except exec execute exists false fetch for
  foreign freeze from full function grant group having ilike in index initially inner insert
  intersect interval into is isnull join key lateral leading left like limit localtime
  localtimestamp merge natural not notnull null offset on only or order outer over overlaps
  partition placing primary procedure range references returning revoke right rollback row rows
  schema select session_user set similar some symmetric system_user table tablesample then time
  timestamp to trailing transaction trigger true union unique update user using value values
  variadic verbose view when where window with within without
`);

const sqlWords = new Set(sqlReservedWords);

/** Whether `word` is an SQL reserved word. */
export function sqlReservedWord(word: string): boolean {
  return sqlWords.has(word);
}

/** Why a resource name (singular snake case, and its plural) cannot be a table, or undefined. */
export function sqlReservedResourceName(
  singular: string,
  plural: string,
): string | undefined {
  for (const form of new Set([singular, plural])) {
    if (sqlWords.has(form)) {
      return `"${form}" is an SQL reserved word; choose a more specific name such as "${singular}_item" or "customer_${singular}"`;
    }
  }
  return undefined;
}
