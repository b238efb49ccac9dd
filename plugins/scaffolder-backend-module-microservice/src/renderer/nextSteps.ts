import type { RenderContext } from '../engine';

/**
 * The shell lines a developer runs after cloning: the stack's quick-start commands, the same
 * list its README and TechDocs show. Shown by the template on the task page.
 */
export function nextSteps({ spec, stack }: RenderContext): string {
  const lines = stack.quickStart.map(command =>
    command.role === 'start'
      ? `${command.run}  # then open http://localhost:${stack.runtime.port}${spec.api.paths.docs}`
      : command.run,
  );
  return [`cd ${spec.repository.name}`, ...lines].join('\n');
}
