// After Review: the task runs, its page links the repository and the catalog entity, and both
// links lead to the new service. Each function is one check, like those in fillForm.mjs.
import { press } from '../lib/formFields.mjs';

const OWNER_REF = 'group:default/platform-team';
const TASK_TIMEOUT = 180_000;
const CATALOG_LAG = 60_000;

/** Waits for `locator`, reloading the page every 3 s (catalog processing lags registration). */
async function waitReloading(page, locator, what, timeout = CATALOG_LAG) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await locator.first().waitFor({ timeout: 3_000 });
      return;
    } catch {
      if (Date.now() > deadline) {
        throw new Error(`${what} not shown within ${timeout / 1000} s`);
      }
      await page.reload({ waitUntil: 'domcontentloaded' });
    }
  }
}

/** "orders-1a2b" → /^orders[ -]1a2b$/i: the entity's title is its name in title case. */
const titlePattern = name => name.split('-').join('[ -]');

/** The API has the service's name; its title is "<Title> API". */
const apiTitle = name => new RegExp(`^${titlePattern(name)}( API)?$`, 'i');

/** The readable part of a step's log: messages and errors, without stack frames. */
const readableLog = log =>
  log
    .split('\n')
    .filter(line => line.trim() && !/^(\s+at |Beginning step )/.test(line))
    .slice(0, 8)
    .join('\n');

export async function createAndComplete(ctx, j, shot) {
  const { page } = ctx;
  await press(page, 'Create');
  await page.waitForURL(/\/create\/tasks\/[^/]+$/);
  j.taskId = page.url().split('/').pop();
  const alert = page.getByRole('alert');
  await page
    .getByRole('link', { name: 'Open in catalog' })
    .or(alert)
    .first()
    .waitFor({ timeout: TASK_TIMEOUT });
  await shot('task');
  // The steps' states come from the scaffolder API: a page that merely looks done proves nothing.
  const result = await ctx.api.taskResult(j.taskId);
  if (result.steps.length === 0) {
    throw new Error(`task ${j.taskId}: the API lists no steps`);
  }
  const failedStep =
    result.steps.find(step => step.status === 'failed') ??
    result.steps.find(step => step.status !== 'completed');
  if (failedStep) {
    throw new Error(
      `task ${j.taskId}: step "${failedStep.name}" ${failedStep.status}:\n${readableLog(failedStep.log)}`,
    );
  }
  if (await alert.count()) {
    throw new Error(`task ${j.taskId}: ${await alert.first().innerText()}`);
  }
}

export async function taskOutputs({ page }, j, shot) {
  const repository = page.getByRole('link', { name: /^Repository\b/ });
  await repository.waitFor();
  await page.getByRole('link', { name: 'Open in catalog' }).waitFor();
  j.repoHref = await repository.getAttribute('href');
  await page.getByRole('heading', { name: 'Next steps' }).waitFor();
  const clone = (
    await page
      .getByText(/git clone /)
      .first()
      .innerText()
  ).trim();
  if (!clone.includes(`git clone ${j.repoHref}`)) {
    throw new Error(`Next steps say "${clone}", not "git clone ${j.repoHref}"`);
  }
  await shot('task outputs');
}

export async function repositoryOnStandIn(ctx, j, shot) {
  const { page, standInUrl } = ctx;
  const expected = `${standInUrl}/${j.repoOwner}/${j.repo}`;
  if (!j.repoHref.replace(/\.git$/, '').startsWith(expected)) {
    throw new Error(`the Repository link is ${j.repoHref}, not ${expected}`);
  }
  const navigation = page.context().waitForEvent('response', {
    predicate: r => r.url() === j.repoHref && r.request().isNavigationRequest(),
  });
  const [repoPage] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('link', { name: /^Repository\b/ }).click(),
  ]);
  ctx.repoPage = repoPage; // recordedAnswers goes on from here
  const status = (await navigation).status();
  if (status !== 200) throw new Error(`${j.repoHref} answered ${status}`);
  await repoPage
    .getByRole('heading', { name: `${j.repoOwner}/${j.repo}`, exact: true })
    .waitFor();
  const files = await repoPage.getByRole('listitem').allInnerTexts();
  await shot('repository on the stand-in', repoPage);
  const missing = ['README.md', 'catalog-info.yaml', ...j.files].filter(
    file => !files.includes(file),
  );
  const unexpected = files.filter(file =>
    j.absentFiles.some(prefix => file.startsWith(prefix)),
  );
  if (missing.length || unexpected.length) {
    throw new Error(
      `files missing: ${missing.join(', ') || '-'}; unexpected: ${unexpected.join(', ') || '-'}`,
    );
  }
}

/** A YAML scalar as written by the action: plain, 'single' or "double" quoted. */
function unquote(value) {
  if (value.startsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  if (value.startsWith('"')) return JSON.parse(value);
  return value;
}

/** `.microservice-scaffolder.yaml` holds the answers the render action got: the form's choices. */
export async function recordedAnswers(ctx, j, shot) {
  const repoPage = ctx.repoPage;
  await repoPage
    .getByRole('link', { name: '.microservice-scaffolder.yaml', exact: true })
    .click();
  await repoPage.waitForURL(/\/blob\/main\/\.microservice-scaffolder\.yaml$/);
  const text = await repoPage.locator('body').innerText();
  await shot('recorded answers', repoPage);
  const answers = Object.fromEntries(
    [...text.split(/^answers:$/m)[1].matchAll(/^ {2}(\w+): (.*)$/gm)].map(
      ([, key, value]) => [key, unquote(value.trim())],
    ),
  );
  const expected = {
    name: j.name,
    description: j.description,
    owner: OWNER_REF,
    lifecycle: j.lifecycle.value,
    system: j.systemRef,
    stack: j.stack.id,
    database: 'postgresql',
    resource: j.resource,
    auth: j.auth.value,
    jwtAudience: j.jwtAudience,
    jwtIssuer: j.jwtIssuer,
    metrics: String(j.metrics),
    tracing: String(j.tracing),
    ci: j.ci.value,
    deployment: j.deployment.value,
    domain: j.domain ?? 'example.com',
    productionReplicas: String(j.productionReplicas ?? 3),
    repoUrl: `github.com?owner=${j.repoOwner}&repo=${j.repo}`,
  };
  const wrong = Object.entries(expected)
    .filter(([key, value]) => answers[key] !== value)
    .map(([key, value]) => `${key}: ${answers[key]} (expected ${value})`);
  if (wrong.length) throw new Error(`answers differ: ${wrong.join('; ')}`);
}

export async function catalogEntity({ page }, j, shot) {
  await page.getByRole('link', { name: 'Open in catalog' }).click();
  await page.waitForURL(new RegExp(`/catalog/default/component/${j.name}$`));
  const title = page.getByRole('heading', {
    level: 2,
    name: new RegExp(`^${titlePattern(j.name)}$`, 'i'),
  });
  await waitReloading(page, title, `the component ${j.name}`);
  const main = page.getByRole('main');
  await main.getByText('Component', { exact: true }).first().waitFor();
  await main
    .getByRole('link', { name: 'platform-team', exact: true })
    .first()
    .waitFor();
  await main.getByText(j.description, { exact: true }).first().waitFor();
  if (j.system) {
    await main
      .getByRole('link', { name: j.system.title, exact: true })
      .first()
      .waitFor();
  } else {
    await main.getByText('No System', { exact: true }).first().waitFor();
  }
  await shot('catalog entity');
}

export async function apisTab({ page }, j, shot) {
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'APIs', exact: true })
    .or(page.getByRole('tab', { name: 'APIs', exact: true }))
    .first()
    .click();
  await page.waitForURL(/\/apis$/);
  const provided = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: 'Provided APIs' }) });
  const link = page.getByRole('link', { name: apiTitle(j.name) });
  const api = provided.getByRole('row').filter({ has: link });
  await waitReloading(page, api, `the provided API of ${j.name}`);
  const href = await api
    .first()
    .getByRole('link', { name: apiTitle(j.name) })
    .getAttribute('href');
  if (!href?.endsWith(`/catalog/default/api/${j.name}`)) {
    throw new Error(`the provided API links to ${href}`);
  }
  await api.first().getByText('OpenAPI', { exact: true }).waitFor();
  await shot('apis tab');
}

export async function apiDefinition({ page }, j, shot) {
  await page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: 'Provided APIs' }) })
    .getByRole('link', {
      name: new RegExp(`^${titlePattern(j.name)}( API)?$`, 'i'),
    })
    .first()
    .click();
  await page.waitForURL(new RegExp(`/catalog/default/api/${j.name}$`));
  await page
    .getByRole('main')
    .getByText('API', { exact: true })
    .first()
    .waitFor();
  const definitionTab = page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Definition' });
  if (await definitionTab.count()) await definitionTab.click();
  await page.getByRole('tab', { name: 'OpenAPI' }).waitFor();
  await page
    .getByRole('button', { name: new RegExp(`^GET ${j.resourcePath}\\b`) })
    .first()
    .waitFor();
  await shot('api definition');
  // The field the journey added is in the definition (Swagger UI folds the schemas; Raw shows
  // the document as registered).
  await page.getByRole('tab', { name: 'Raw' }).click();
  await page.getByText(`"${j.field.json}"`).first().waitFor();
  await shot('api definition raw');
}

/**
 * The field the journey added reached the stack's own code (not only the contract and docs the
 * layers write): some source file other than openapi.json, README, docs and delivery files
 * declares it, in its column (snake case) or property (camel case) form.
 */
export async function fieldInCode(ctx, j) {
  const api = `${ctx.standInUrl}/api/v3/repos/${j.repoOwner}/${j.repo}`;
  const headers = { Authorization: 'Bearer stand-in-token' };
  const tree = await (
    await fetch(`${api}/git/trees/main?recursive=1`, { headers })
  ).json();
  const delivery =
    /^(openapi\.json|README\.md|catalog-info\.yaml|mkdocs\.yml|\.env\.example|docker-compose\.yml|docs\/|deploy|\.github\/|\.gitlab-ci|Jenkinsfile|\.microservice-scaffolder)/;
  const sources = tree.tree.filter(entry => !delivery.test(entry.path));
  const word = new RegExp(`\\b(${j.field.name}|${j.field.json})\\b`);
  for (const entry of sources) {
    const response = await fetch(`${api}/contents/${entry.path}?ref=main`, {
      headers: { ...headers, Accept: 'application/vnd.github.raw' },
    });
    const text = await response.text();
    if (word.test(text)) {
      ctx.note(`${j.field.name} is declared in ${entry.path}`);
      return;
    }
  }
  throw new Error(
    `no source file of the repository declares ${j.field.name} (${sources.length} files searched)`,
  );
}
