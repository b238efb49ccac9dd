import type { MockDirectory } from '@backstage/backend-test-utils';
import { stringify as stringifyYaml } from 'yaml';
import {
  fieldTypes,
  normaliseServiceInput,
  parseServiceInput,
} from '../request';
import { requiredCommandRoles } from '../engine/manifest';

/** The manifest of a made-up stack, for tests that exercise the engine rather than a real stack. */
export const fixtureStack = {
  language: {
    name: 'fixture',
    title: 'Fixture',
    version: '1.0',
    packageName: '{{ spec.name.snake }}',
    reserved: { identifiers: ['def'], packages: ['json'], modules: ['common'] },
    types: Object.fromEntries(
      fieldTypes.map(type => [
        type,
        { native: `${type}-{{ field.name.snake }}` },
      ]),
    ),
  },
  runtime: {
    image: 'fixture:{{ stack.language.version }}',
    user: 10001,
    shell: true,
    port: 8000,
    portVariable: 'PORT',
    migrate: ['migrate', 'up'],
  },
  ci: {
    image: 'fixture-ci:{{ stack.language.version }}',
    coverage: { report: 'coverage.xml', format: 'cobertura' },
    cache: { paths: ['.cache'], key: ['lockfile'] },
  },
  dependencies: { ecosystem: 'pip', lockfile: 'lockfile' },
  commands: requiredCommandRoles.map(role => ({
    role,
    run: `make ${role}`,
    title: `Run ${role}`,
  })),
};

type Files = Record<string, string>;

export function stackManifest(name: string, extra: object = {}) {
  return stringifyYaml({
    kind: 'stack',
    name,
    title: name,
    description: `The ${name} fixture stack`,
    version: '1.0.0',
    ...fixtureStack,
    ...extra,
  });
}

export function layerManifest(name: string, extra: object = {}) {
  return stringifyYaml({
    kind: 'layer',
    name,
    title: name,
    description: `The ${name} fixture layer`,
    version: '1.0.0',
    ...extra,
  });
}

/** Writes `<root>/stacks/<name>` or `<root>/layers/<name>` with a manifest and files. */
export function addBlueprint(
  directory: MockDirectory,
  group: 'stacks' | 'layers',
  name: string,
  manifest: string,
  files: Files,
) {
  directory.addContent({
    [`${group}/${name}/blueprint.yaml`]: manifest,
    ...Object.fromEntries(
      Object.entries(files).map(([file, content]) => [
        `${group}/${name}/files/${file}`,
        content,
      ]),
    ),
  });
}

/** The spec of a typical request, normalised as the action would. */
export function exampleSpec(values: Record<string, unknown> = {}) {
  const input = parseServiceInput(
    {
      name: 'orders-service',
      owner: 'group:default/team-a',
      repoUrl: 'github.com?owner=acme&repo=orders-service',
      ...values,
    },
    {
      stacks: ['fixture'],
      options: { ci: ['github-actions', 'none'], deployment: ['none'] },
    },
  );
  return normaliseServiceInput(
    input,
    { host: 'github.com', owner: 'acme', repo: 'orders-service' },
    undefined,
    ['ci', 'deployment'],
  );
}
