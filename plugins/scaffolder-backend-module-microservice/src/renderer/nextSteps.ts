import type { StackFacts } from '../engine';
import type { ServiceSpec } from '../spec';

/**
 * The shell lines a developer runs after cloning: the stack's own commands, so they are the ones
 * its README and CI use. Shown by the template on the task page.
 */
export function nextSteps(facts: StackFacts, spec: ServiceSpec): string {
  const { commands } = facts;
  const environment = [commands.setup, commands.activate]
    .filter(Boolean)
    .join(' && ');
  const lines = [
    `cd ${spec.repository.name}`,
    environment,
    commands.install,
    commands.database,
    commands.migrate,
    commands.test,
    `${commands.start}  # then open http://localhost:${facts.port}${facts.openapi.path}`,
  ];
  return lines.filter(Boolean).join('\n');
}
