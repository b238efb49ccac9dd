// The journeys: two profiles that differ in every choice but the stack, and the stacks assigned to
// them round-robin (as many journeys as installed stacks, at least two).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const runId = Date.now().toString(36);

const LAYERS = new URL(
  '../../../../plugins/scaffolder-backend-module-microservice/blueprints/layers/',
  import.meta.url,
).pathname;

/** The title the form shows for an option value: its layer's manifest title, the one source. */
function optionTitle(option, value) {
  for (const folder of readdirSync(LAYERS)) {
    const manifest = parse(
      readFileSync(join(LAYERS, folder, 'blueprint.yaml'), 'utf8'),
    );
    if (manifest.option?.name === option && manifest.option.value === value) {
      return manifest.title;
    }
  }
  throw new Error(`no installed layer is ${option} ${value}`);
}

/** Choices besides the stack; journey N uses PROFILES[(N - 1) % 2]. Labels are as the form shows them. */
export const PROFILES = [
  {
    invalidName: 'Orders_Service',
    namePrefix: 'orders',
    description: 'Keeps the orders of the web shop',
    lifecycle: { value: 'experimental', label: 'Experimental' },
    resource: 'item',
    // Added on the Resource page after the default fields; found in the code and the API page.
    field: { name: 'due_on', json: 'dueOn', type: 'Date' },
    auth: { value: 'none', label: 'None' },
    metrics: true,
    tracing: false,
    ci: { value: 'github-actions', label: optionTitle('ci', 'github-actions') },
    deployment: {
      value: 'kubernetes',
      label: optionTitle('deployment', 'kubernetes'),
    },
    // Left at the defaults the form offers.
    domain: undefined,
    productionReplicas: undefined,
    repoOwner: 'acme',
    visibility: { value: 'private', label: 'Private' },
    files: [
      '.github/workflows/ci.yml',
      'deploy/kubernetes/overlays/production/kustomization.yaml',
    ],
    absentFiles: ['.gitlab-ci.yml', 'deploy/helm'],
  },
  {
    invalidName: 'invoices--service',
    namePrefix: 'invoices',
    description: 'Issues invoices: "net 30" & credit notes, in €',
    lifecycle: { value: 'production', label: 'Production' },
    resource: 'invoice',
    field: { name: 'quantity', json: 'quantity', type: 'Whole number' },
    auth: {
      value: 'jwt',
      label: 'JWT bearer tokens (stub to connect to your identity provider)',
    },
    // Picked in the System field; journey 1 leaves it empty.
    // The picker and the entity page show its title.
    system: {
      typed: 'developer',
      title: 'Developer platform',
      name: 'developer-platform',
    },
    jwtAudience: 'invoices-api',
    jwtIssuer: 'https://auth.acme.io/',
    metrics: false,
    tracing: true,
    ci: { value: 'gitlab-ci', label: optionTitle('ci', 'gitlab-ci') },
    deployment: { value: 'helm', label: optionTitle('deployment', 'helm') },
    domain: 'apps.acme.io',
    productionReplicas: 4,
    repoOwner: 'backstage-dev',
    visibility: { value: 'public', label: 'Public' },
    files: ['.gitlab-ci.yml', 'deploy/helm/{name}/values-production.yaml'],
    absentFiles: ['.github/workflows/ci.yml', 'deploy/kubernetes'],
  },
];

/** Journey `index` (0-based); its stack is set on the "Stack" page from plan(). Names are unique per run. */
export function journey(index) {
  const profile = PROFILES[index % PROFILES.length];
  const name = `${profile.namePrefix}-${runId}${index >= PROFILES.length ? index + 1 : ''}`;
  return {
    ...profile,
    index,
    id: `journey${index + 1}`,
    name,
    repo: name,
    files: profile.files.map(f => f.replace('{name}', name)),
    resourcePath: `/api/v1/${profile.resource}s`,
  };
}

/** How many journeys cover `stacks`, and a plain sentence saying which journey uses which. */
export function plan(stacks) {
  const count = Math.max(2, stacks.length);
  const assigned = Array.from(
    { length: count },
    (_, i) => stacks[i % stacks.length],
  );
  const sentence =
    stacks.length === 1
      ? `only 1 stack installed: both journeys use ${stacks[0].id}`
      : `${stacks.length} stacks installed: ${assigned
          .map((s, i) => `journey ${i + 1} uses ${s.id}`)
          .join(', ')}`;
  return { count, assigned, sentence };
}
