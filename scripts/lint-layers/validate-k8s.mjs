// Validates Kubernetes manifests against the API schemas shipped in the npm packages
// `kubernetes-models` (built-in kinds) and `@kubernetes-models/prometheus-operator` (ServiceMonitor),
// plus this project's own rule that every container has a read-only root filesystem. The Pod
// Security "restricted" profile is checked by psa-check (the API server's own admission code).
//
// Usage: node validate-k8s.mjs FILE...   (multi-document YAML)
// Prints one JSON line per problem: {"file","object","rule","message"}; exit 1 on any.
// Must sit next to the tools' node_modules (run.sh copies it there): ES modules ignore NODE_PATH.
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

let problems = 0;
const report = (file, object, rule, message) => {
  problems++;
  console.log(JSON.stringify({ file, object, rule, message }));
};

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length) {
      report(file, '', 'yaml', document.errors[0].message);
      continue;
    }
    const object = document.toJS();
    if (!object) continue;
    const name = `${object.kind}/${object.metadata?.name}`;
    if (!object.apiVersion || !object.kind) {
      report(file, name, 'schema', 'apiVersion and kind are required');
      continue;
    }
    try {
      const Model = await modelFor(object.apiVersion, object.kind).catch(
        () => undefined,
      );
      if (!Model)
        throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
      new Model(object).validate();
    } catch (error) {
      report(file, name, 'schema', error.message.replace(/\s+/g, ' '));
    }
    const pod = podSpecOf(object);
    for (const c of [
      ...(pod?.initContainers ?? []),
      ...(pod?.containers ?? []),
    ]) {
      if (c.securityContext?.readOnlyRootFilesystem !== true)
        report(
          file,
          name,
          'readOnlyRootFilesystem',
          `container ${c.name}: readOnlyRootFilesystem must be true (project rule)`,
        );
    }
  }
}
process.exit(problems ? 1 : 0);
