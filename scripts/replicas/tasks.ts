import type { ScaffolderApi } from '../lib/scaffolderApi';

const FINAL = new Set(['completed', 'failed', 'cancelled']);
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

interface TaskEvent {
  type: string;
  createdAt: string;
  body: { stepId?: string; status?: string; message?: string };
}

export interface TaskOutcome {
  name: string;
  id: string;
  status: string;
  /** Reopened by the scaffolder's recovery (not by a retry) and run again. */
  resumed: boolean;
  /** When the first recovery reopened it, ms since the epoch. */
  recoveredAt?: number;
  retried: boolean;
  firstFailure?: string;
  lastMessage?: string;
  /** What `microservice:github:publish` said when it found its earlier run's work. */
  publishLog?: string;
}

/** The first line of a log message, without the logger's colours. */
const firstLine = (text?: string) =>
  String(text ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')[0];

async function outcomeOf(
  api: ScaffolderApi,
  name: string,
  id: string,
  status: string,
  before?: TaskOutcome,
): Promise<TaskOutcome> {
  const events = (await api(`/scaffolder/v2/tasks/${id}/events`))
    .body as TaskEvent[];
  // A retry reopens a task with a `recovered` event too: only the others are recoveries.
  const reopened = events.filter(e => e.type === 'recovered');
  const recoveries = reopened.slice(0, reopened.length - (before ? 1 : 0));
  const failure = events.filter(e => e.body.status === 'failed').at(-1);
  return {
    name,
    id,
    status,
    resumed: recoveries.length > 0,
    recoveredAt: recoveries.length
      ? Date.parse(recoveries[0].createdAt)
      : undefined,
    retried: Boolean(before),
    firstFailure: before?.lastMessage,
    lastMessage: failure ? firstLine(failure.body.message) : undefined,
    publishLog: events
      .filter(
        e =>
          e.body.stepId === 'publish' &&
          String(e.body.message).includes('Resumed:'),
      )
      .map(e => firstLine(e.body.message))
      .join('; '),
  };
}

/**
 * Polls the tasks (every 500 ms, at most `timeoutMs`) until each is final, then reads their
 * events. `retried` are the outcomes of the tasks retried since: they are read as retried.
 */
export async function waitForTasks(
  api: ScaffolderApi,
  ids: Record<string, string>,
  timeoutMs: number,
  retried: TaskOutcome[] = [],
): Promise<TaskOutcome[]> {
  const deadline = Date.now() + timeoutMs;
  let statuses: [string, string][];
  for (;;) {
    statuses = await Promise.all(
      Object.entries(ids).map(
        async ([name, id]) =>
          [
            name,
            (await api(`/scaffolder/v2/tasks/${id}`)).body.status as string,
          ] as [string, string],
      ),
    );
    if (statuses.every(([, s]) => FINAL.has(s)) || Date.now() >= deadline) {
      break;
    }
    await sleep(500);
  }
  return Promise.all(
    statuses.map(([name, status]) =>
      outcomeOf(
        api,
        name,
        ids[name],
        status,
        retried.find(r => r.name === name),
      ),
    ),
  );
}
