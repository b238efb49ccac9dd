import { parse as parseYaml } from 'yaml';
import type { JsonObject } from '@backstage/types';

export interface BlueprintVersion {
  name: string;
  version: string;
  contentHash: string;
}

export interface RecordedProvenance {
  answers: JsonObject;
  blueprints: BlueprintVersion[];
}

/** The answers and blueprint versions a `.microservice-scaffolder.yaml` records. */
export function readProvenance(text: string): RecordedProvenance {
  const document = parseYaml(text) as {
    answers?: JsonObject;
    blueprints?: { stack?: BlueprintVersion; layers?: BlueprintVersion[] };
  } | null;
  if (!document?.answers || !document.blueprints?.stack) {
    throw new Error('it records no answers or no blueprints');
  }
  return {
    answers: document.answers,
    blueprints: [
      document.blueprints.stack,
      ...(document.blueprints.layers ?? []),
    ],
  };
}

export interface BlueprintChange {
  name: string;
  from?: string;
  to?: string;
}

/**
 * The blueprints that differ between two renders: added, removed, or changed in version or
 * content (a content change without a version bump is a locally edited blueprint).
 */
export function blueprintChanges(
  before: BlueprintVersion[],
  after: BlueprintVersion[],
): BlueprintChange[] {
  const previous = new Map(before.map(b => [b.name, b]));
  const next = new Map(after.map(b => [b.name, b]));
  const names = [...new Set([...previous.keys(), ...next.keys()])].sort();
  return names.flatMap(name => {
    const from = previous.get(name);
    const to = next.get(name);
    if (from && to && from.contentHash === to.contentHash) return [];
    return [{ name, from: from?.version, to: to?.version }];
  });
}

/** e.g. `python-fastapi 2.0.0 → 2.1.0`, `helm (added) 1.0.0`. */
export function describeChange(change: BlueprintChange): string {
  if (!change.from) return `${change.name} ${change.to} (added)`;
  if (!change.to) return `${change.name} ${change.from} (removed)`;
  return change.from === change.to
    ? `${change.name} ${change.to} (content changed)`
    : `${change.name} ${change.from} → ${change.to}`;
}
