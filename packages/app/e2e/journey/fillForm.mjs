// The Microservice template's form, page by page, as a developer fills it: each function is one
// check; `ctx` = { page, baseUrl, api, note, plan }, `j` = the journey (profiles.mjs).
import {
  choose,
  expectFields,
  fillAndCommit,
  fillText,
  pickEntity,
  press,
  readOptions,
  selectField,
  templateCard,
  textField,
  until,
} from '../lib/formFields.mjs';
import { plan } from './profiles.mjs';

const NAME_ERROR = /lowercase letters, digits and single hyphens/;
const JWT_LABEL =
  'JWT bearer tokens (stub to connect to your identity provider)';
const JWT_FIELDS = ['Token audience', 'Token issuer'];
const DEPLOY_FIELDS = ['Domain', 'Production replicas'];
const OWNER_REF = 'group:default/platform-team';

export async function openForm({ page, baseUrl }, j, shot) {
  await page.goto(`${baseUrl}/create`, { waitUntil: 'domcontentloaded' });
  const card = templateCard(page, 'Microservice');
  await card.waitFor();
  await shot('create');
  await card.getByRole('button', { name: 'Choose' }).click();
  await page.waitForURL(/\/create\/templates\/default\/microservice/);
  await textField(page, 'Name').waitFor();
}

export async function invalidName({ page }, j, shot) {
  // The owner first: the browser's own "required" check would otherwise stop at Owner.
  const owner = await pickEntity(page, 'Owner', 'platform', 'platform-team');
  if (owner !== OWNER_REF) throw new Error(`Owner holds "${owner}"`);
  await fillText(page, 'Name', j.invalidName);
  await press(page, 'Next');
  await page
    .getByRole('listitem')
    .filter({ hasText: NAME_ERROR })
    .first()
    .waitFor()
    .catch(async () => {
      const errors = await page.getByRole('listitem').allInnerTexts();
      throw new Error(
        `no readable name error for "${j.invalidName}"; errors shown: ${JSON.stringify(errors)}`,
      );
    });
  const text = await page.locator('body').innerText();
  const raw = text.match(/must match pattern[^\n]*|"\^\[a-z\][^\n]*/);
  if (raw) throw new Error(`the form shows a raw pattern: ${raw[0]}`);
  await shot('invalid name');
  // Still on "Service": the Name field is there, the next page's fields are not.
  await textField(page, 'Name').waitFor();
  if (await selectField(page, 'Language and framework').count()) {
    throw new Error('the form went on to "Stack" with an invalid name');
  }
}

export async function servicePage({ page }, j, shot) {
  await fillText(page, 'Name', j.name);
  await fillText(page, 'Description', j.description);
  if (j.system) {
    j.systemRef = await pickEntity(
      page,
      'System',
      j.system.typed,
      j.system.title,
    );
    if (j.systemRef !== `system:default/${j.system.name}`) {
      throw new Error(`System holds "${j.systemRef}"`);
    }
  } else {
    await textField(page, 'System').waitFor(); // optional
  }
  await choose(page, 'Lifecycle', j.lifecycle.label);
  await shot('service');
  await press(page, 'Next');
  await selectField(page, 'Language and framework').waitFor();
  if (await page.getByText(NAME_ERROR).count()) {
    throw new Error('the name error is still shown after fixing the name');
  }
}

export async function stackPage(ctx, j, shot) {
  const { page } = ctx;
  const labels = await readOptions(page, 'Language and framework');
  if (!ctx.plan) {
    const ids = await ctx.api.stackIds();
    ctx.plan = plan(labels.map(label => ({ label, id: ids[label] ?? label })));
    ctx.note(ctx.plan.sentence);
  }
  j.stack = ctx.plan.assigned[j.index];
  if (!labels.includes(j.stack.label)) {
    throw new Error(`"${j.stack.label}" is not offered: ${labels.join(', ')}`);
  }
  await choose(page, 'Language and framework', j.stack.label);
  await choose(page, 'Database', 'PostgreSQL');
  await page
    .getByRole('checkbox', { name: 'Prometheus metrics' })
    .setChecked(j.metrics);
  await page
    .getByRole('checkbox', { name: 'OpenTelemetry tracing' })
    .setChecked(j.tracing);

  // The token fields come with JWT and go with None.
  await expectFields(page, JWT_FIELDS, false);
  await choose(page, 'Authentication', JWT_LABEL);
  await expectFields(page, JWT_FIELDS, true);
  if (j.auth.value === 'jwt') {
    await fillText(page, 'Token audience', j.jwtAudience);
    await fillText(page, 'Token issuer', j.jwtIssuer);
  } else {
    await choose(page, 'Authentication', j.auth.label);
    await expectFields(page, JWT_FIELDS, false);
  }
  await shot('stack');
  await press(page, 'Next');
  await textField(page, 'Resource').waitFor();
}

/** The resource and its fields: the default three, plus one the journey adds. */
export async function resourcePage({ page }, j, shot) {
  await fillText(page, 'Resource', j.resource);
  const names = page.getByRole('textbox', { name: /^Name\b/ });
  const before = await names.count();
  if (before !== 3)
    throw new Error(`expected the 3 default fields, found ${before}`);
  await page
    .getByRole('button', { name: /^Add( Item)?$/ })
    .last()
    .click();
  await until(
    async () => (await names.count()) === before + 1,
    () => 'no new field appeared after "Add Item"',
  );
  await names.last().fill(j.field.name);
  const type = selectField(page, 'Type');
  await page
    .getByRole('button', { name: /^Type\b/ })
    .last()
    .click();
  const listbox = page.getByRole('listbox');
  await listbox
    .getByRole('option', { name: j.field.type, exact: true })
    .click();
  await listbox.waitFor({ state: 'hidden' });
  await until(
    async () =>
      (
        await page
          .getByRole('button', { name: /^Type\b/ })
          .last()
          .innerText()
      ).includes(j.field.type),
    () => `the new field's type did not become ${j.field.type}`,
  );
  await type.waitFor();
  await shot('resource');
  await press(page, 'Next');
  await selectField(page, 'CI/CD').waitFor();
}

export async function deliveryPage({ page }, j, shot) {
  await choose(page, 'CI/CD', j.ci.label);
  // Kubernetes is the default: Domain (default example.com) and replicas are shown…
  await expectFields(page, DEPLOY_FIELDS, true);
  const domain = await textField(page, 'Domain').inputValue();
  if (domain !== 'example.com')
    throw new Error(`Domain defaults to "${domain}"`);
  // …and go away with no deployment…
  await choose(page, 'Deployment', 'None');
  await expectFields(page, DEPLOY_FIELDS, false);
  await shot('delivery without deployment');
  // …and come back with the journey's deployment.
  await choose(page, 'Deployment', j.deployment.label);
  await expectFields(page, DEPLOY_FIELDS, true);
  if (j.domain) await fillText(page, 'Domain', j.domain);
  if (j.productionReplicas) {
    const replicas = page.getByRole('spinbutton', {
      name: /^Production replicas/,
    });
    await replicas.fill(String(j.productionReplicas));
    await until(
      async () =>
        (await replicas.inputValue()) === String(j.productionReplicas),
      () => 'Production replicas did not take the value',
    );
  }
  await shot('delivery');
  await press(page, 'Next');
  await page.getByRole('heading', { name: 'Repository location' }).waitFor();
}

export async function repositoryPage({ page }, j, shot) {
  const host = page
    .getByRole('combobox')
    .filter({ has: page.getByRole('option', { name: 'github.com' }) });
  const hostValue = await host.inputValue();
  if (hostValue !== 'github.com') throw new Error(`Host is "${hostValue}"`);
  await fillAndCommit(page, 'Owner', j.repoOwner);
  await fillAndCommit(page, 'Repository', j.repo);
  await choose(page, 'Visibility', j.visibility.label);
  await shot('repository');
  await press(page, 'Review');
  await page
    .getByRole('row', { name: `Name ${j.name}`, exact: true })
    .waitFor()
    .catch(async () => {
      const errors = await page.getByRole('listitem').allInnerTexts();
      throw new Error(`no review page; errors: ${JSON.stringify(errors)}`);
    });
}

/** The review lists every answer by its title, enums by their display names. */
export async function reviewPage({ page }, j, shot) {
  const rows = [
    ['Name', j.name],
    ['Description', j.description],
    ['Owner', OWNER_REF],
    ['Lifecycle', j.lifecycle.label],
    ['Language and framework', j.stack.label],
    ['Database', 'PostgreSQL'],
    ['Resource', j.resource],
    ['Authentication', j.auth.label],
    ['CI/CD', j.ci.label],
    ['Deployment', j.deployment.label],
    ['Domain', j.domain ?? 'example.com'],
    ['Production replicas', String(j.productionReplicas ?? 3)],
    ['Visibility', j.visibility.label],
    ['Repository location', `github.com?owner=${j.repoOwner}&repo=${j.repo}`],
  ];
  if (j.auth.value === 'jwt') {
    rows.push(['Token audience', j.jwtAudience], ['Token issuer', j.jwtIssuer]);
  }
  const missing = [];
  for (const [label, value] of rows) {
    const row = page.getByRole('row', {
      name: `${label} ${value}`,
      exact: true,
    });
    if (!(await row.count())) missing.push(`${label}: ${value}`);
  }
  const cells = await page.getByRole('cell').allInnerTexts();
  const raw = [j.stack.id, j.auth.value, j.ci.value, j.deployment.value]
    .concat([j.lifecycle.value, j.visibility.value])
    .filter(value => cells.includes(value));
  if (j.auth.value !== 'jwt' && cells.includes('Token audience')) {
    raw.push('Token audience shown although auth is None');
  }
  await shot('review');
  if (missing.length || raw.length) {
    throw new Error(
      `review lacks ${JSON.stringify(missing)}; shows raw values ${JSON.stringify(raw)}; rows: ${JSON.stringify(
        await page.getByRole('row').allInnerTexts(),
      )}`,
    );
  }
}
