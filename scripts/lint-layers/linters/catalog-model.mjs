// @backstage/catalog-model: each entity in catalog-info.yaml, with `$text/$json/$yaml` resolved as
// the catalog does, through the catalog's entity policies and the built-in kinds' validators;
// spec refs (owner, providesApis, …) must be valid refs of the right kind.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { toolRequire } from '../lib/env.mjs';

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

let loaded;
async function catalogModel() {
  if (!loaded) {
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
    loaded = { m, policy, validators };
  }
  return loaded;
}

async function validateEntity({ m, policy, validators }, entity) {
  const checked = await policy.enforce(entity);
  let known = false;
  for (const v of validators) if (await v.check(checked)) known = true;
  if (!known)
    throw new Error(`unknown kind ${entity.apiVersion} ${entity.kind}`);
  for (const [key, value] of Object.entries(checked.spec ?? {})) {
    if (!REF_KINDS[key]) continue;
    for (const target of [value].flat()) {
      // The processors turn these into relations; a ref that is not a valid entity name passes
      // the schema but never resolves.
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
}

export default {
  name: 'catalog-model',
  unit: 'entities',
  version: async () =>
    `@backstage/catalog-model ${
      JSON.parse(
        readFileSync(
          createRequire(import.meta.url).resolve(
            '@backstage/catalog-model/package.json',
          ),
          'utf8',
        ),
      ).version
    }`,
  appliesTo: svc =>
    svc.files
      .filter(f => /(^|\/)catalog-info\.ya?ml$/.test(f))
      .map(f => svc.item(f)),
  async check(results, svc, items) {
    const model = await catalogModel();
    const { parseAllDocuments } = toolRequire('yaml');
    for (const i of items) {
      let entities = 0;
      for (const doc of parseAllDocuments(readFileSync(i.path, 'utf8'))) {
        const record = problems =>
          results.record(this.name, svc, i, problems, this.unit);
        if (doc.errors.length) {
          record([{ rule: 'yaml', message: doc.errors[0].message }]);
          continue;
        }
        let entity = doc.toJS();
        if (!entity) continue;
        entities++;
        const ref = `${entity.kind}:${entity.metadata?.name}`;
        try {
          entity = resolvePlaceholders(entity, dirname(i.path));
        } catch (error) {
          record([
            { rule: 'placeholder', message: `${ref}: ${error.message}` },
          ]);
          continue;
        }
        try {
          await validateEntity(model, entity);
          record([]);
        } catch (error) {
          record([
            {
              rule: /^spec\.\w+: /.test(error.message)
                ? 'entity-ref'
                : 'entity',
              message: `${ref}: ${error.message}`,
            },
          ]);
        }
      }
      if (!entities)
        results.fail(this.name, svc, i, [
          { rule: 'empty', message: 'no entity in the file' },
        ]);
    }
  },
  // An owner that is no entity reference.
  breakage: {
    case: { ci: 'gitlab-ci', deployment: 'helm' },
    blueprint: 'layers/catalog',
    source: 'files/catalog-info.yaml.njk',
    file: 'catalog-info.yaml',
    rule: 'entity-ref',
    break: text =>
      text.replace(/^( *owner: ).*$/m, (_, key) => `${key}"team a!"`),
  },
};
