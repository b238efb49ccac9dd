import type { MockDirectory } from '@backstage/backend-test-utils';
import { stringify as stringifyYaml } from 'yaml';
import { normaliseServiceInput, parseServiceInput } from '../spec';

/** Facts of a made-up stack, for tests that exercise the engine rather than a real stack. */
export const fixtureFacts = {
  language: 'python',
  languageVersion: '3.12',
  runtimeImage: 'python:3.12-slim',
  port: 8000,
  health: { liveness: '/healthz', readiness: '/readyz' },
  metricsPath: '/metrics',
  openapi: { path: '/openapi.json', file: 'openapi.json' },
  dependencyEcosystem: 'pip',
  commands: {
    install: 'make install',
    lint: 'make lint',
    typecheck: 'make typecheck',
    test: 'make test',
    migrate: 'make migrate',
    start: 'make run',
  },
};

type Files = Record<string, string>;

export function stackManifest(name: string, extra: object = {}) {
  return stringifyYaml({
    kind: 'stack',
    name,
    title: name,
    description: `The ${name} fixture stack`,
    version: '1.0.0',
    facts: fixtureFacts,
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
      ci: ['github-actions', 'none'],
      deployment: ['none'],
    },
  );
  return normaliseServiceInput(input, {
    host: 'github.com',
    owner: 'acme',
    repo: 'orders-service',
  });
}
