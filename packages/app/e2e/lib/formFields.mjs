// Driving the scaffolder form (RJSF on Material UI v4) by roles and labels: selects, autocompletes,
// text fields and the visible state that proves a value was taken.

const escapeRegExp = text => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Polls `probe` until it returns a truthy value; throws `message()` after `timeout` ms. */
export async function until(probe, message, { timeout = 30_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(await message());
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

/** A MUI Select: a combobox (MUI v5) or a button with aria-haspopup (MUI v4), named "<label> <value>". */
export function selectField(page, label, value) {
  const name = value
    ? `${label} ${value}`
    : new RegExp(`^${escapeRegExp(label)}( |$)`);
  const exact = Boolean(value);
  return page
    .getByRole('combobox', { name, exact })
    .or(page.getByRole('button', { name, exact }))
    .first();
}

/** Opens a select and returns its options' texts, then closes it again. */
export async function readOptions(page, label) {
  await selectField(page, label).click();
  const listbox = page.getByRole('listbox');
  await listbox.getByRole('option').first().waitFor();
  const options = (await listbox.getByRole('option').allInnerTexts()).map(
    text => text.trim(),
  );
  await page.keyboard.press('Escape');
  await listbox.waitFor({ state: 'hidden' });
  return options;
}

/** Picks `option` in the select labelled `label` and waits until the select shows it. */
export async function choose(page, label, option) {
  await selectField(page, label).click();
  const listbox = page.getByRole('listbox');
  await listbox.getByRole('option', { name: option, exact: true }).click();
  await listbox.waitFor({ state: 'hidden' });
  await selectField(page, label, option).waitFor();
}

export const textField = (page, label) =>
  page.getByRole('textbox', { name: new RegExp(`^${escapeRegExp(label)}\\b`) });

/** Fills a text field and waits until it holds the text. */
export async function fillText(page, label, text) {
  const field = textField(page, label);
  await field.fill(text);
  await until(
    async () => (await field.inputValue()) === text,
    async () => `${label} holds "${await field.inputValue()}", not "${text}"`,
  );
}

/**
 * Fills a free-solo autocomplete (RepoUrlPicker's owner and repository) and leaves it with Tab:
 * those fields commit their value on blur, so a click on Next/Review right after typing would
 * validate the old value.
 */
export async function fillAndCommit(page, label, text) {
  await fillText(page, label, text);
  await textField(page, label).press('Tab');
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
  const kept = await textField(page, label).inputValue();
  if (kept !== text) throw new Error(`${label} became "${kept}" on leaving it`);
}

/** Types into an entity autocomplete (OwnerPicker, EntityPicker) and picks the matching option. */
export async function pickEntity(page, label, typed, option) {
  const field = textField(page, label);
  await field.click();
  await field.pressSequentially(typed);
  const listbox = page.getByRole('listbox');
  await listbox.getByRole('option', { name: option, exact: true }).click();
  await listbox.waitFor({ state: 'hidden' });
  return field.inputValue();
}

/** Waits until every named field is visible (`shown`) or absent (`!shown`). */
export async function expectFields(page, labels, shown) {
  for (const label of labels) {
    const field = textField(page, label).or(
      page.getByRole('spinbutton', { name: new RegExp(`^${label}`) }),
    );
    await field
      .first()
      .waitFor({ state: shown ? 'visible' : 'hidden', timeout: 10_000 })
      .catch(() => {
        throw new Error(
          `"${label}" should ${shown ? 'appear' : 'disappear'} but did not`,
        );
      });
  }
}

/** Clicks the form's Next (or Review/Create) button. */
export const press = (page, button) =>
  page.getByRole('button', { name: button, exact: true }).click();

/**
 * A template's card on /create: of the elements holding its title and a Choose button, the
 * innermost (the last in document order), which holds no other card.
 */
export const templateCard = (page, title) =>
  page
    .locator('div')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
    .filter({ has: page.getByRole('button', { name: 'Choose' }) })
    .last();
