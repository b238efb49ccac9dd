// Validates Kubernetes manifests against the API schemas shipped in the npm packages
// `kubernetes-models` (built-in kinds) and `@kubernetes-models/prometheus-operator` (ServiceMonitor),
// plus this project's own rule that every container has a read-only root filesystem. The Pod
// Security "restricted" profile is checked by psa-check (the API server's own admission code).
//
// Usage: node validate-k8s.mjs FILE...   (multi-document YAML)
// Prints one JSON line per object it validated: {"file","object","problems":[{"rule","message"}]},
// and one for a document it could not read or a file with no object at all; exit 1 on any problem.
// Must sit next to the tools' node_modules (the kubernetes-models linter copies it there): ES
// modules ignore NODE_PATH.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const CRD_PACKAGES = {
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

async function modelFor(apiVersion, kind) {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const pkg = CRD_PACKAGES[group] ?? 'kubernetes-models';
  const path =
    apiVersion === 'v1' ? `${pkg}/v1/${kind}` : `${pkg}/${apiVersion}/${kind}`;
  const module = await import(path);
  return module[kind];
}

function podSpecOf(object) {
  if (object.kind === 'Pod') return object.spec;
  if (object.kind === 'CronJob')
    return object.spec?.jobTemplate?.spec?.template?.spec;
  return object.spec?.template?.spec;
}

let failed = 0;
const report = (file, object, problems) => {
  if (problems.length) failed++;
  console.log(JSON.stringify({ file, object, problems }));
};

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  let objects = 0;
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length) {
      report(file, '', [{ rule: 'yaml', message: document.errors[0].message }]);
      objects++;
      continue;
    }
    const object = document.toJS();
    if (!object) continue;
    objects++;
    const name = `${object.kind}/${object.metadata?.name}`;
    if (!object.apiVersion || !object.kind) {
      report(file, name, [
        { rule: 'schema', message: 'apiVersion and kind are required' },
      ]);
      continue;
    }
    const problems = [];
    try {
      const Model = await modelFor(object.apiVersion, object.kind).catch(
        () => undefined,
      );
      if (!Model)
        throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
      new Model(object).validate();
    } catch (error) {
      problems.push({
        rule: 'schema',
        message: error.message.replace(/\s+/g, ' '),
      });
    }
    const pod = podSpecOf(object);
    for (const c of [
      ...(pod?.initContainers ?? []),
      ...(pod?.containers ?? []),
    ]) {
      if (c.securityContext?.readOnlyRootFilesystem !== true)
        problems.push({
          rule: 'readOnlyRootFilesystem',
          message: `container ${c.name}: readOnlyRootFilesystem must be true (project rule)`,
        });
    }
    report(file, name, problems);
  }
  if (!objects)
    report(file, '', [{ rule: 'empty', message: 'no Kubernetes object' }]);
}
process.exit(failed ? 1 : 0);
