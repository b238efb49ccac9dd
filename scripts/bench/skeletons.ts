/**
 * The same service as a skeleton for other renderers, made mechanically from a render: every
 * occurrence of a request value (the service and resource names in each form, the repository,
 * the image) becomes a placeholder that renders back to it, so each renderer writes the
 * identical tree. Files that hold template syntax of their own (GitHub Actions `${{ }}`, Helm's
 * `{{ }}`) are copied as they are, as each renderer's "copy without templating" option allows.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
  RenderedFile,
  RenderedService,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';

export interface Skeleton {
  /** Placeholder name → the value it renders to. */
  values: Record<string, string>;
  /** Files copied without templating (relative paths in the skeleton). */
  verbatim: string[];
  files: number;
}

/** The request values a renderer substitutes, longest first so no value splits another. */
function substitutions(service: RenderedService): [string, string][] {
  const { spec } = service;
  const forms = (prefix: string, names: Record<string, string>) =>
    Object.entries(names).map(([form, value]) => [`${prefix}_${form}`, value]);
  const candidates: [string, string][] = [
    ...forms('name', { ...spec.name }),
    ...forms('one', { ...spec.resource.singular }),
    ...forms('many', { ...spec.resource.plural }),
    ['owner', spec.repository.owner],
    ['image', spec.image],
    ['repository', spec.repository.url],
  ] as [string, string][];
  const seen = new Set<string>();
  return candidates
    .filter(
      ([, value]) => value.length >= 3 && !seen.has(value) && seen.add(value),
    )
    .sort((a, b) => b[1].length - a[1].length);
}

const TEMPLATE_SYNTAX = /\$\{\{|\{\{|\{%|\{#/;

function substitute(
  text: string,
  pairs: [string, string][],
  placeholder: (key: string) => string,
): string {
  // One pass over all values at once, longest alternatives first.
  const pattern = new RegExp(
    pairs
      .map(([, value]) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  const byValue = new Map(pairs.map(([key, value]) => [value, key]));
  return text.replace(pattern, match => placeholder(byValue.get(match)!));
}

function writeTree(
  root: string,
  files: RenderedFile[],
  pairs: [string, string][],
  placeholder: (key: string) => string,
  templateSuffix: string,
): string[] {
  const verbatim: string[] = [];
  for (const file of files) {
    const text = file.content.toString('utf8');
    // Copied as rendered: text a template engine would read as its own syntax, and CRLF text
    // (Jinja writes every line ending as \n, so mvnw.cmd would not come out the same).
    const raw =
      TEMPLATE_SYNTAX.test(text) ||
      TEMPLATE_SYNTAX.test(file.path) ||
      text.includes('\r');
    const relative = raw
      ? file.path
      : substitute(file.path, pairs, placeholder) + templateSuffix;
    if (raw) verbatim.push(relative);
    const target = path.join(root, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(
      target,
      raw ? file.content : substitute(text, pairs, placeholder),
      { mode: file.executable ? 0o755 : 0o644 },
    );
  }
  return verbatim;
}

/** A skeleton for Backstage's `fetch:template`: `${{ values.<key> }}` placeholders. */
export function fetchTemplateSkeleton(
  service: RenderedService,
  root: string,
): Skeleton {
  const pairs = substitutions(service);
  const verbatim = writeTree(
    root,
    service.files,
    pairs,
    key => `\${{ values.${key} }}`,
    '',
  );
  return {
    values: Object.fromEntries(pairs),
    verbatim,
    files: service.files.length,
  };
}

/** A copier template: `{{ <key> }}` in `.jinja` files, a copier.yml with the answers' defaults. */
export function copierSkeleton(
  service: RenderedService,
  root: string,
): Skeleton {
  const pairs = substitutions(service);
  const template = path.join(root, 'template');
  const verbatim = writeTree(
    template,
    service.files,
    pairs,
    key => `{{ ${key} }}`,
    '.jinja',
  );
  const questions = pairs
    .map(
      ([key, value]) =>
        `${key}:\n  type: str\n  default: ${JSON.stringify(value)}`,
    )
    .join('\n');
  fs.writeFileSync(
    path.join(root, 'copier.yml'),
    `_subdirectory: template\n_templates_suffix: .jinja\n${questions}\n`,
  );
  return {
    values: Object.fromEntries(pairs),
    verbatim,
    files: service.files.length,
  };
}
