import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { locationSpecToMetadataName } from '@backstage/plugin-catalog-node';
import catalogScaffolderModule from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import microserviceTemplateModule from '@microservice-scaffolder/plugin-catalog-backend-module-microservice-template';
import microserviceModule from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';
import {
  standInIntegrations,
  startTestGithubStandIn,
  type GithubStandIn,
} from 'github-stand-in';

export const STAND_IN_TOKEN = 'test-token';
const templatePath = (name: string) =>
  path.resolve(__dirname, `../../../../templates/${name}/template.yaml`);

export interface TaskRun {
  id: string;
  status: string;
  events: any[];
  /** Every log message of the task's latest run (a retry is a new run), one a line. */
  messages: string;
  /** The step that failed and the first line of its own error (absent when none failed). */
  failure?: { stepId: string; message: string };
}

/**
 * A Backstage backend with the catalog, the scaffolder, the GitHub module and ours, publishing
 * to a GitHub stand-in: the real chain of a Microservice task, on loopback.
 */
export async function startTaskTestBackend() {
  const github: GithubStandIn = await startTestGithubStandIn(STAND_IN_TOKEN);
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogScaffolderModule,
      microserviceTemplateModule,
      scaffolderPlugin,
      scaffolderGithubModule,
      microserviceModule,
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            github: standInIntegrations(github, STAND_IN_TOKEN),
          },
          scaffolder: { concurrentTasksLimit: 10 },
          catalog: {
            rules: [
              { allow: ['Component', 'API', 'Template', 'Location', 'Group'] },
            ],
            locations: ['microservice', 'microservice-upgrade'].map(name => ({
              type: 'file',
              target: templatePath(name),
            })),
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const baseUrl = `http://localhost:${port}/api`;

  async function api(url: string, init: RequestInit = {}) {
    const response = await fetch(`${baseUrl}${url}`, {
      ...init,
      headers: {
        Authorization: mockCredentials.user.header(),
        'Content-Type': 'application/json',
      },
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : undefined,
    };
  }

  async function eventually<T>(
    probe: () => Promise<T | undefined>,
    what: string,
    timeoutMs = 90_000,
  ) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  async function waitForTask(id: string): Promise<TaskRun> {
    // Long enough for 20 tasks at once on a machine busy with other suites: whether a task
    // finishes is tested here, how fast is the benchmark's business.
    const task = await eventually(
      async () => {
        const { body } = await api(`/scaffolder/v2/tasks/${id}`);
        return ['completed', 'failed'].includes(body.status) ? body : undefined;
      },
      `task ${id} to finish`,
      240_000,
    );
    const { body: events } = await api(`/scaffolder/v2/tasks/${id}/events`);
    // A retried task keeps its earlier runs' events: read the latest run's.
    const runStart = events.findLastIndex((e: any) =>
      String(e.body.message).startsWith('Starting up task'),
    );
    const latest = events.slice(Math.max(runStart, 0));
    const messages = latest.map((e: any) => e.body.message).join('\n');
    // The scaffolder logs a failing step's error (its stack) with status "failed".
    const failed = latest.find(
      (e: any) => e.type === 'log' && e.body.status === 'failed',
    );
    const failure = failed && {
      stepId: failed.body.stepId,
      message: String(failed.body.message).split('\n')[0],
    };
    return { id, status: task.status, events, messages, failure };
  }

  async function startTask(
    values: Record<string, unknown>,
    template = 'microservice',
  ): Promise<string> {
    await eventually(async () => {
      const { body } = await api(
        `/catalog/entities/by-name/template/default/${template}`,
      );
      return body?.metadata ? true : undefined;
    }, `the template ${template} in the catalog`);
    const { status, body } = await api('/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: `template:default/${template}`,
        values,
      }),
    });
    if (status !== 201)
      throw new Error(`Task refused (${status}): ${JSON.stringify(body)}`);
    return body.id;
  }

  /** The catalog's registered Location targets (URLs of catalog files). */
  async function locationTargets(): Promise<string[]> {
    const { body } = await api('/catalog/locations');
    return body.map((entry: any) => entry.data.target);
  }

  /** Asks the catalog to process the Location of `target` now rather than on its schedule. */
  async function refreshLocation(target: string) {
    const name = locationSpecToMetadataName({ type: 'url', target });
    const { status } = await api('/catalog/refresh', {
      method: 'POST',
      body: JSON.stringify({ entityRef: `location:default/${name}` }),
    });
    if (status !== 200) throw new Error(`refresh of ${target}: ${status}`);
  }

  async function entityStatus(ref: string) {
    const [kind, rest] = ref.split(':');
    return (await api(`/catalog/entities/by-name/${kind}/${rest}`)).status;
  }

  return {
    github,
    api,
    eventually,
    startTask,
    waitForTask,
    runTask: async (values: Record<string, unknown>, template?: string) =>
      waitForTask(await startTask(values, template)),
    entityStatus,
    locationTargets,
    refreshLocation,
    async stop() {
      await backend.stop();
      await github.stop();
    },
  };
}

export type TaskTestBackend = Awaited<ReturnType<typeof startTaskTestBackend>>;
