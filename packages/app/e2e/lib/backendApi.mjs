// Reads from the backend with the signed-in guest's own token (taken from the page's requests):
// the stack ids behind the form's display names, and each task step's status and log.

export function backendApi(page, baseUrl) {
  let authorization;
  page.on('request', request => {
    const header = request.headers().authorization;
    if (header?.startsWith('Bearer ') && request.url().startsWith(baseUrl)) {
      authorization = header;
    }
  });

  async function get(path) {
    if (!authorization) throw new Error('no guest token seen in the page yet');
    const res = await fetch(`${baseUrl}${path}`, {
      headers: { authorization },
    });
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
    return res.json();
  }

  /** { "Python / FastAPI": "python-fastapi", … } from the template's parameter schema. */
  async function stackIds() {
    try {
      const schema = await get(
        '/api/scaffolder/v2/templates/default/template/microservice/parameter-schema',
      );
      for (const step of schema.steps) {
        const stack = step.schema?.properties?.stack;
        if (stack?.enum) {
          const names = stack.enumNames ?? stack.enum;
          return Object.fromEntries(names.map((n, i) => [n, stack.enum[i]]));
        }
      }
    } catch {
      // fall back to the display names
    }
    return {};
  }

  /**
   * The finished task's steps: [{ id, name, status, log }] (status 'completed', 'failed',
   * 'skipped', …) and the run's error, if any. Waits up to 30 s for the completion event.
   */
  async function taskResult(taskId) {
    const task = await get(`/api/scaffolder/v2/tasks/${taskId}`);
    const deadline = Date.now() + 30_000;
    let events = [];
    for (;;) {
      events = await get(`/api/scaffolder/v2/tasks/${taskId}/events`);
      if (events.some(e => e.type === 'completion') || Date.now() > deadline) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    const completion = events.find(e => e.type === 'completion');
    const steps = task.spec.steps.map(step => {
      const own = events.filter(e => e.body?.stepId === step.id);
      return {
        id: step.id,
        name: step.name,
        status:
          own
            .map(e => e.body.status)
            .filter(Boolean)
            .at(-1) ?? 'not run',
        log: own.map(e => e.body.message ?? '').join('\n'),
      };
    });
    return { status: task.status, completion, steps };
  }

  return { get, stackIds, taskResult };
}
