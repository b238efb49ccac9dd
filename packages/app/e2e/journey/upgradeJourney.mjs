// The platform team's journey after the developers': /create → Upgrade services → one service made
// by a journey, tracing switched on in the same pull request → Create → every step succeeds → the
// task's table links the pull request → the link opens it on the GitHub stand-in.
import { press, templateCard, until } from '../lib/formFields.mjs';

const TASK_TIMEOUT = 120_000;

async function openUpgradeForm({ page, baseUrl }, service, shot) {
  await page.goto(`${baseUrl}/create`, { waitUntil: 'domcontentloaded' });
  const card = templateCard(page, 'Upgrade services');
  await card.waitFor();
  await card.getByRole('button', { name: 'Choose' }).click();
  await page.waitForURL(/\/create\/templates\/default\/microservice-upgrade/);
  await shot('upgrade form');
}

async function chooseService({ page }, service, shot) {
  const field = page
    .getByRole('combobox', { name: /^Services/ })
    .or(page.getByRole('textbox', { name: /^Services/ }));
  await field.first().click();
  // The options show the Component's title ("Invoices Abc123"): type what name and title share.
  await field.first().pressSequentially(service.name.split('-').pop());
  // Its name or its title ("invoices-abc123" or "Invoices Abc123").
  const shown = new RegExp(service.name.replace(/-/g, '.'), 'i');
  const option = page
    .getByRole('listbox')
    .getByRole('option')
    .filter({ hasText: shown })
    .first();
  await option.click();
  await page.keyboard.press('Escape');
  await page
    .getByRole('button', { name: shown })
    .first()
    .waitFor()
    .catch(async () => {
      throw new Error(
        `the picker shows no chip for ${service.name}: ${await page
          .getByRole('button')
          .allInnerTexts()}`,
      );
    });
  await page.getByRole('checkbox', { name: /OpenTelemetry tracing/ }).check();
  await shot('service chosen, tracing ticked');
}

async function createAndComplete(ctx, service, shot) {
  const { page } = ctx;
  await press(page, 'Review');
  await press(page, 'Create');
  await page.waitForURL(/\/create\/tasks\/[^/]+$/);
  service.upgradeTaskId = page.url().split('/').pop();
  const result = await until(
    async () => {
      const r = await ctx.api.taskResult(service.upgradeTaskId);
      return r.completion ? r : undefined;
    },
    () => `task ${service.upgradeTaskId} did not finish`,
    { timeout: TASK_TIMEOUT },
  );
  const failed = result.steps.find(step => step.status !== 'completed');
  if (failed) {
    throw new Error(`step "${failed.name}" ${failed.status}:\n${failed.log}`);
  }
  const report = String(result.completion.body.output?.text?.[0]?.content);
  if (!report.includes(`component:default/${service.name} | opened |`)) {
    throw new Error(`the task's table does not say opened:\n${report}`);
  }
  await shot('upgrade task');
}

async function followPullRequest(ctx, service, shot) {
  const { page, standInUrl } = ctx;
  // The table's link (the log below repeats it).
  const link = page.locator('table a[href*="/pull/"]').first();
  await link.waitFor();
  const href = await link.getAttribute('href');
  if (
    !href?.startsWith(
      `${standInUrl}/${service.repoOwner}/${service.repo}/pull/`,
    )
  ) {
    throw new Error(`the pull request link is ${href}`);
  }
  // A new tab or the same one, as the Markdown renderer decides.
  const popup = page
    .waitForEvent('popup', { timeout: 10_000 })
    .catch(() => undefined);
  await link.click();
  const pullPage = (await popup) ?? page;
  await pullPage
    .getByRole('heading', {
      name: /^Microservice template: changed answers #\d+$/,
    })
    .waitFor();
  const body = await pullPage.locator('pre').innerText();
  if (!body.includes('.microservice-scaffolder.yaml')) {
    throw new Error(
      `the pull request's body does not list the answers file:\n${body}`,
    );
  }
  await shot('pull request on the stand-in', pullPage);
  if (pullPage !== page) await pullPage.close();
}

/** Runs the upgrade journey's checks for `service` (a journey's, completed); false on a failure. */
export async function runUpgradeJourney(ctx, service) {
  const checks = [
    ['/create lists Upgrade services; Choose opens its form', openUpgradeForm],
    [
      `pick ${service.name} in Services and tick OpenTelemetry tracing`,
      chooseService,
    ],
    ['Create runs the upgrade and its table says opened', createAndComplete],
    [
      'the pull request link opens the pull request on the GitHub stand-in',
      followPullRequest,
    ],
  ];
  console.log(`\n== upgrade: ${service.name}, tracing on`);
  const started = Date.now();
  let failedAt;
  for (const [name, fn] of checks) {
    const title = `upgrade: ${name}`;
    if (failedAt) {
      ctx.report.skip(title, `after "${failedAt}" failed`);
      continue;
    }
    const ok = await ctx.report.check(title, shot => fn(ctx, service, shot), {
      journey: 'upgrade',
      page: () => ctx.page,
    });
    if (!ok) failedAt = name;
  }
  ctx.report.time('upgrade journey', Date.now() - started);
  return !failedAt;
}
