import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { RenderedFile } from '../engine';

/** Files copied byte for byte (not `.njk`): Helm templates are not YAML until Helm renders them. */
const isVerbatim = (file: RenderedFile) =>
  file.origin.kind !== 'renderer' && !/\.njk$/.test(file.origin.source);

/**
 * Checks that every rendered structured file of a service still parses: YAML (every document)
 * and JSON. Returns one line per problem; empty when everything parses.
 */
export function structuredFileProblems(files: RenderedFile[]): string[] {
  const problems: string[] = [];
  for (const file of files.filter(f => !isVerbatim(f))) {
    const text = file.content.toString('utf8');
    if (/\.ya?ml$/.test(file.path)) {
      for (const document of parseAllDocuments(text)) {
        for (const error of document.errors) {
          problems.push(`${file.path}: ${error.message}`);
        }
      }
    } else if (/\.json$/.test(file.path)) {
      try {
        JSON.parse(text);
      } catch (error) {
        problems.push(`${file.path}: ${(error as Error).message}`);
      }
    }
  }
  return problems;
}

const PYTHON_CHECK = `
import json, sys, tomllib
problems = []
for item in json.load(sys.stdin):
    try:
        if item["path"].endswith(".toml"):
            tomllib.loads(item["text"])
        else:
            compile(item["text"], item["path"], "exec", dont_inherit=True)
    except Exception as error:
        problems.append(f'{item["label"]}: {type(error).__name__}: {error}')
json.dump(problems, sys.stdout)
`;

/**
 * Parses every .toml file with tomllib and compiles every .py file with python3 (3.11+), for
 * many services at once; `label` names the service in problems.
 */
export function pythonProblems(
  services: { label: string; files: RenderedFile[] }[],
): string[] {
  const items = services.flatMap(({ label, files }) =>
    files
      .filter(file => /\.(toml|py)$/.test(file.path))
      .map(file => ({
        label: `${label} ${file.path}`,
        path: file.path,
        text: file.content.toString('utf8'),
      })),
  );
  const result = spawnSync('python3', ['-c', PYTHON_CHECK], {
    input: JSON.stringify(items),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`python3 failed: ${result.stderr || result.error}`);
  }
  return JSON.parse(result.stdout);
}

/** True for a path that is absolute, not normalised, climbs with `..`, or holds a control character or backslash. */
export function isUnsafeRelativePath(file: string): boolean {
  return (
    path.posix.normalize(file) !== file ||
    path.posix.isAbsolute(file) ||
    file.split('/').some(segment => segment === '..' || segment === '.') ||
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f\\]/.test(file)
  );
}

/** Undoes the `markdown` filter, to compare rendered Markdown with the text typed. */
export function unescapeMarkdown(text: string): string {
  return text
    .replace(/\\([\\`*_[\]|~{}#+=\-.)])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
