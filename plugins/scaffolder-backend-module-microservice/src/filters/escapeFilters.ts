import { stringify as stringifyYaml } from 'yaml';
import type { FilterDefinition } from './filterDefinition';

/**
 * Filters that turn a value into a literal of one file format. User text reaches generated
 * files only through these, so a quote, colon or newline typed in the form cannot change the
 * structure of the file it lands in.
 */
export const escapeFilters: FilterDefinition[] = [
  {
    id: 'yaml',
    description:
      'A YAML flow scalar (strings double-quoted) for use after a YAML key.',
    example: { input: 'a: "b"', output: '"a: \\"b\\""' },
    fn: (value: unknown) =>
      stringifyYaml(value, {
        defaultStringType: 'QUOTE_DOUBLE',
        defaultKeyType: 'PLAIN',
        lineWidth: 0,
        collectionStyle: 'flow',
      }).trimEnd(),
  },
  {
    id: 'json',
    description:
      'A JSON literal; also a valid JavaScript, TypeScript, Python or Go string literal for strings. An indent (e.g. json(2)) pretty-prints.',
    example: { input: 'say "hi"', output: '"say \\"hi\\""' },
    fn: (value: unknown, indent?: number) =>
      JSON.stringify(value, null, indent)
        // Line and paragraph separators are legal in JSON strings but end a JavaScript line.
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029'),
  },
  {
    id: 'toml',
    description: 'A TOML basic string literal.',
    example: { input: 'say "hi"', output: '"say \\"hi\\""' },
    // JSON string escapes are TOML's too, except that TOML also forbids a raw DEL.
    fn: (value: string) =>
      JSON.stringify(String(value)).replace(/\u007f/g, '\\u007F'),
  },
  {
    id: 'markdown',
    description:
      'Inline Markdown text: HTML and Markdown syntax characters are escaped, so the text renders as typed.',
    example: { input: '<b>*hi*</b>', output: '&lt;b&gt;\\*hi\\*&lt;/b&gt;' },
    fn: (value: string) =>
      String(value)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        // Characters that start emphasis, code, links, tables, strikethrough or escapes anywhere.
        .replace(/[\\`*_[\]|~{}]/g, '\\$&')
        // Characters that start a heading, list or thematic break at the start of the text.
        .replace(/^(\s*)([#+=-])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
  },
  {
    id: 'shellQuote',
    description: 'A single-quoted POSIX shell word.',
    example: { input: "it's", output: "'it'\\''s'" },
    fn: (value: string) => `'${String(value).replace(/'/g, `'\\''`)}'`,
  },
];
