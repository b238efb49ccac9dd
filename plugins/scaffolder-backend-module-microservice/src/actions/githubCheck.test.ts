import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startTestGithubStandIn, type GithubStandIn } from 'github-stand-in';
import { parse as parseYaml } from 'yaml';
import { createGithubCheckAction } from './githubCheck';
import { examples } from './githubCheck.examples';

const TOKEN = 'right-token';

describe('microservice:github:check', () => {
  let github: GithubStandIn;

  beforeAll(async () => {
    github = await startTestGithubStandIn(TOKEN);
    await github.store.create({
      owner: 'acme',
      name: 'taken',
      private: true,
      description: null,
      topics: [],
      protectedBranches: {},
    });
  });
  afterAll(() => github.stop());

  function actionWithToken(token: string) {
    return createGithubCheckAction({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              { host: 'github.com', apiBaseUrl: github.apiBaseUrl, token },
            ],
          },
        }),
      ),
    });
  }

  async function check(repoUrl: string, token = TOKEN) {
    const ctx = createMockActionContext({ input: { repoUrl } });
    await actionWithToken(token).handler(ctx);
    return ctx;
  }

  it('passes for a free name in an organisation or the token user’s account', async () => {
    const org = await check('github.com?owner=acme&repo=orders-service');
    expect(org.output).toHaveBeenCalledWith('ownerType', 'Organization');
    const user = await check(
      'github.com?owner=backstage-dev&repo=orders-service',
    );
    expect(user.output).toHaveBeenCalledWith('ownerType', 'User');
  });

  it.each([
    [
      'github.com?owner=acme&repo=taken',
      /The repository acme\/taken already exists/,
    ],
    [
      'github.com?owner=nobody&repo=svc',
      /The GitHub owner "nobody" does not exist/,
    ],
    [
      'github.com?owner=someone-else&repo=svc',
      /does not exist|cannot create repositories/,
    ],
  ])('refuses %s', async (repoUrl, message) => {
    await expect(check(repoUrl)).rejects.toThrow(message);
  });

  it('refuses a token GitHub does not accept, without repeating the token', async () => {
    const failure = check('github.com?owner=acme&repo=svc', 'wrong-token');
    await expect(failure).rejects.toThrow(/refused the GitHub token \(401\)/);
    await expect(failure).rejects.not.toThrow(/wrong-token/);
  });

  it('creates nothing', async () => {
    await check('github.com?owner=acme&repo=orders-service');
    expect(github.store.list().map(r => r.name)).toEqual(['taken']);
  });

  it.each(examples.map(example => [example.description, example]))(
    'runs the example: %s',
    async (_, example) => {
      const step = parseYaml(example.example).steps[0];
      const ctx = await check(step.input.repoUrl);
      expect(ctx.output).toHaveBeenCalledWith('ownerType', 'Organization');
    },
  );
});
