/**
 * What a developer does after `cp .env.example .env # then edit it`: the harness writes `.env`
 * from the rendered `.env.example`, setting the variables it decides (the database URLs, the
 * ports) — added at the end when the example does not list them — and filling every variable the
 * example leaves empty (a secret the developer must choose, e.g. JWT_SECRET) with a random value.
 * Nothing stack-specific lives here.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

function unquote(value: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(value);
  return quoted ? quoted[2] : value.replace(/\s+#.*$/, '');
}

export interface EnvFileResult {
  /** The variables written to `.env`, in order. */
  variables: Record<string, string>;
  /** One phrase per change made to the example, for the report. */
  changes: string[];
}

/** Writes `<dir>/.env` from `<dir>/.env.example`; undefined when the service has no example. */
export function writeEnvFile(
  directory: string,
  overrides: Record<string, string>,
): EnvFileResult | undefined {
  const example = path.join(directory, '.env.example');
  if (!fs.existsSync(example)) return undefined;
  const variables: Record<string, string> = {};
  const changes: string[] = [];
  const lines = fs
    .readFileSync(example, 'utf8')
    .split('\n')
    .map(line => {
      const match = LINE.exec(line);
      if (!match || line.trimStart().startsWith('#')) return line;
      const [, name, rawValue] = match;
      let value = unquote(rawValue);
      if (name in overrides) {
        value = overrides[name];
        changes.push(`${name} set`);
      } else if (value === '') {
        value = randomBytes(36).toString('base64url');
        changes.push(`${name} generated (48 random characters)`);
      }
      variables[name] = value;
      return `${name}=${value}`;
    });
  for (const [name, value] of Object.entries(overrides)) {
    if (!(name in variables)) {
      variables[name] = value;
      lines.push(`${name}=${value}`);
      changes.push(`${name} added`);
    }
  }
  fs.writeFileSync(path.join(directory, '.env'), lines.join('\n'));
  return { variables, changes };
}
