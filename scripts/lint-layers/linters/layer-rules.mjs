// layer-rules: the layer rules of blueprints/README.md, on the source files of every layer a
// service was rendered from (blueprint.yaml, files/**, fragments/**): a layer reads spec, stack,
// provided and fragments, and never
// - reads a form option (`spec.options.*`, `spec.ci`, `spec.deployment`): options only select
//   layers (rule `options`);
// - names a language, a stack or a stack's tools: every installed stack's name, language name and
//   title (the fixture stacks included), and well-known languages and their tools (rule `language`);
// - names another layer or another layer's choice: as a string in a template expression or
//   condition (`'helm'`), or in the text of a layer of another option (a CI layer that says
//   "Kubernetes") (rule `other-layer`).
// Its input is `<case>.blueprints.json` (render-matrix.ts). One unit is one layer source file,
// counted once per run however many services were rendered from it.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Languages, frameworks and tools a layer has no business naming, whatever is installed. */
const LANGUAGE_WORDS = [
  'python',
  'pip',
  'pypi',
  'venv',
  'pytest',
  'fastapi',
  'django',
  'flask',
  'alembic',
  'uvicorn',
  'java',
  'kotlin',
  'scala',
  'maven',
  'mvn',
  'gradle',
  'junit',
  'spring-boot',
  'javascript',
  'typescript',
  'nodejs',
  'node.js',
  'npm',
  'npx',
  'yarn',
  'pnpm',
  'deno',
  'bun',
  'golang',
  'gofmt',
  'rust',
  'rustup',
  'cargo',
  'clippy',
  'axum',
  'actix',
  'ruby',
  'rails',
  'bundler',
  'php',
  'composer',
  'csharp',
  'dotnet',
  'nuget',
  'elixir',
  'erlang',
  'haskell',
  'swift',
];

const OPTION_READS =
  /\bspec\s*(?:\.\s*(?:options|ci|deployment)\b|\[\s*['"](?:options|ci|deployment)['"]\s*\])/g;

const escape = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A whole word (letters, digits, `_`, `-` and `.` around it do not count as a boundary). */
const wordPattern = words =>
  new RegExp(
    `(?<![\\w.-])(?:${[...new Set(words)]
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|')})(?![\\w-])`,
    'gi',
  );

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(e => e.isFile())
    .map(e => join(e.parentPath, e.name));
}

const lineOf = (text, index) => text.slice(0, index).split('\n').length;

/** The template code of a file: `{{ … }}` and `{% … %}` (and a manifest's when/conditions). */
function templateCode(text, isManifest) {
  const code = [];
  for (const m of text.matchAll(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g))
    code.push({ text: m[0], index: m.index });
  if (isManifest)
    for (const m of text.matchAll(/^\s*(?:when:|'[^']*':|"[^"]*":)\s*(.+)$/gm))
      code.push({ text: m[1], index: m.index });
  return code;
}

/** The vocabulary of one render: what a layer must not name, by rule. */
function vocabulary(blueprints) {
  const { stacks, layers } = blueprints.installed;
  const stackWords = stacks.flatMap(s => [
    s.name,
    s.language.name,
    s.language.title,
  ]);
  return {
    // Short names ("go") would match ordinary words; their stacks' titles and names still count.
    language: wordPattern(
      [...stackWords, ...LANGUAGE_WORDS].filter(w => w.length >= 3),
    ),
    layers,
  };
}

function problemsOf(layer, path, file, vocab) {
  const text = readFileSync(path, 'utf8');
  if (text.includes('\0')) return undefined; // binary: nothing to read
  const problems = [];
  const scanned = `${file}\n${text}`; // the path names things too
  const at = index => {
    const line = lineOf(scanned, index) - 1;
    return line > 0 ? line : undefined;
  };
  for (const m of scanned.matchAll(OPTION_READS))
    problems.push({
      rule: 'options',
      line: at(m.index),
      message: `reads ${m[0].replace(/\s+/g, '')}: a form option only selects layers; read the fact from spec, stack or provided`,
    });
  for (const m of scanned.matchAll(vocab.language))
    problems.push({
      rule: 'language',
      line: at(m.index),
      message: `names "${m[0]}": a layer never names a language, a stack or its tools; read the fact from stack.*`,
    });
  const own = layer.option;
  const others = vocab.layers.filter(l => l.name !== layer.name);
  // Any other layer's name or option value, as a string in template code.
  const literals = new Set(
    others.flatMap(l => [l.name, ...(l.option ? [l.option.value] : [])]),
  );
  if (own) literals.delete(own.value);
  for (const code of templateCode(text, file === 'blueprint.yaml'))
    for (const m of code.text.matchAll(/(['"])([^'"]*)\1/g))
      if (literals.has(m[2]))
        problems.push({
          rule: 'other-layer',
          line: lineOf(text, code.index),
          message: `compares with "${m[2]}", another layer or its choice: contribute a fragment or read provided.<role> instead`,
        });
  // The choices of other options, anywhere in the text: a CI layer does not talk about Helm.
  const foreign = others
    .filter(l => l.option && l.option.name !== own?.name)
    .flatMap(l => [l.name, l.option.value]);
  if (foreign.length)
    for (const m of text.matchAll(wordPattern(foreign)))
      problems.push({
        rule: 'other-layer',
        line: lineOf(text, m.index),
        message: `names "${m[0]}", the choice of another option: a layer knows other layers only through provided.<role> and fragments`,
      });
  return problems;
}

/** The files each Results has counted already: one unit per layer file and run. */
const seen = new WeakMap();

export default {
  name: 'layer-rules',
  unit: 'layer files',
  version: async () => '(blueprints/README.md)',
  appliesTo(svc) {
    const json = `${svc.dir}.blueprints.json`;
    if (!existsSync(json)) return [];
    const blueprints = JSON.parse(readFileSync(json, 'utf8'));
    const vocab = vocabulary(blueprints);
    return blueprints.layers.flatMap(layer =>
      [
        join(layer.directory, 'blueprint.yaml'),
        ...filesUnder(join(layer.directory, 'files')),
        ...filesUnder(join(layer.directory, 'fragments')),
      ]
        .sort()
        .map(path => ({
          path,
          file: relative(layer.directory, path),
          layer: layer.name,
          blueprint: layer,
          vocab,
        })),
    );
  },
  async check(results, svc, items) {
    if (!seen.has(results)) seen.set(results, new Set());
    const done = seen.get(results);
    for (const item of items) {
      if (done.has(item.path)) continue;
      done.add(item.path);
      const problems = problemsOf(
        item.blueprint,
        item.path,
        item.file,
        item.vocab,
      );
      if (problems)
        results.record(
          this.name,
          svc,
          { file: item.file, layer: item.layer },
          problems,
          this.unit,
        );
    }
  },
  // A GitHub toolchain table keyed by language: the layer would have to name the fixture's.
  breakage: {
    case: { ci: 'github-actions', deployment: 'kubernetes' },
    blueprint: 'layers/github-actions',
    source: 'files/.github/workflows/ci.yml.njk',
    file: 'files/.github/workflows/ci.yml.njk',
    rule: 'language',
    break: text =>
      `{% set toolchains = { 'rust': 'dtolnay/rust-toolchain@stable' } %}\n${text}`,
  },
};
