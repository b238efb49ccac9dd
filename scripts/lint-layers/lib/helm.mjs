// The Helm cases of a service: each chart × values-<env>.yaml (or the chart alone).
import { basename, dirname } from 'node:path';
import { isYaml } from './service.mjs';

export function helmCases(svc) {
  const charts = svc.files
    .filter(f => /^deploy\/helm\/[^/]+\/Chart\.yaml$/.test(f))
    .map(dirname);
  return charts.flatMap(chart => {
    const envs = svc.files
      .filter(f => f.startsWith(`${chart}/values-`) && isYaml(f))
      .map(f => basename(f).replace(/^values-|\.ya?ml$/g, ''));
    return (envs.length ? envs : ['default']).map(env => ({
      chart,
      name: basename(chart),
      env,
      values:
        env === 'default' ? [] : ['--values', `${chart}/values-${env}.yaml`],
      file: env === 'default' ? chart : `${chart} [values-${env}.yaml]`,
      layer: svc.layerOf(`${chart}/Chart.yaml`),
    }));
  });
}
