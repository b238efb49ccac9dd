// Every linter, in the order of the summary. Each module exports
//   { name, unit, stage?, minimum?, version(), appliesTo(service) → items, check(results, service, items), breakage }
// - unit: what one check is (files, objects, pod templates, …); check() records one per unit it
//   really examined, so a count never includes input the tool skipped.
// - stage 'manifests': runs after the producers (kustomize, helm template) have added the manifests
//   they derive to service.derived.
// - minimum (default 1): a full matrix run in which the tool checked fewer units fails.
// - breakage: the self-test's deliberate break of a layer (or stack) file that this tool, and no
//   other one unless named in alsoFails, must report naming the layer and the file.
import actionlint from './actionlint.mjs';
import catalogModel from './catalog-model.mjs';
import dclint from './dclint.mjs';
import deployScript from './deploy-script.mjs';
import dockerfileUtils from './dockerfile-utils.mjs';
import gitlabCiLocal from './gitlab-ci-local.mjs';
import helmLint from './helm-lint.mjs';
import helmTemplate from './helm-template.mjs';
import kubernetesModels from './kubernetes-models.mjs';
import kustomize from './kustomize.mjs';
import layerRules from './layer-rules.mjs';
import npmGroovyLint from './npm-groovy-lint.mjs';
import psaCheck from './psa-check.mjs';
import shellcheck from './shellcheck.mjs';
import yamllint from './yamllint.mjs';
import zizmor from './zizmor.mjs';

export const LINTERS = [
  layerRules,
  yamllint,
  actionlint,
  zizmor,
  gitlabCiLocal,
  npmGroovyLint,
  shellcheck,
  deployScript,
  dockerfileUtils,
  dclint,
  catalogModel,
  kustomize,
  helmLint,
  helmTemplate,
  kubernetesModels,
  psaCheck,
];
