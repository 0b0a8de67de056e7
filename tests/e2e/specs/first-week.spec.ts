import { test, expect } from '../fixtures/app';

// The first week with your own program (issue 22): what is typed lands where it was meant,
// focus stays where the work continues, and the Plan says where things are.

test('a new row takes what is typed, by keyboard or after a click, and an Id change keeps the place in the row', async ({ app, page }) => {
  await app.open();
  await app.startProgram('Checkout revamp', '2027-01-04', '2027-03-26');
  // "Create program" leaves focus where the empty Plan's first step is: its teams.
  await expect(page.getByLabel('New team name')).toBeFocused();
  // Straight after "+ Add work item": the stand-in title is selected, typing replaces it.
  await page.getByRole('button', { name: '+ Add work item' }).click();
  const first = app.cell('Title', 'NEW-1');
  await expect(first).toBeFocused();
  await page.keyboard.type('Checkout API');
  await first.press('Enter');
  await expect(first).toHaveValue('Checkout API');
  // A click into a new row's title selects the stand-in too.
  await page.getByRole('button', { name: '+ Add work item' }).click();
  const second = app.cell('Title', 'NEW-2');
  await page.getByRole('heading', { level: 2, name: 'Plan' }).click();
  await second.click();
  await page.keyboard.type('Card form');
  await second.press('Enter');
  await expect(second).toHaveValue('Card form');
  // An Id changed and left with Tab: focus goes on to the next cell of the same row, and
  // what is typed next lands there.
  const id = app.cell('Id', 'NEW-1');
  await id.fill('CHK-1');
  await id.press('Tab');
  await expect(app.cell('Title', 'CHK-1')).toHaveValue('Checkout API');
  const team = page.getByLabel('Team of CHK-1', { exact: true });
  await expect(team).toBeFocused();
  // Enter moves on along the row too.
  await app.cell('Owner', 'CHK-1').fill('Ana Ruiz');
  await app.cell('Owner', 'CHK-1').press('Enter');
  await expect(app.cell('Days', 'CHK-1')).toBeFocused();
  await expect(app.cell('Owner', 'CHK-1')).toHaveValue('Ana Ruiz');
  await expect(app.cell('Title', 'CHK-1')).toHaveValue('Checkout API');
  // One item is "1 work item"; teams stay reachable from Plan.
  await app.deleteItem('NEW-2');
  await expect(page.getByText(/^1 work item\. /)).toBeVisible();
  await expect(page.locator('details.plan-teams summary')).toHaveText(/^Teams \(\d+\)$/);
});

test('Blocks in the Register links a dependency to work, written as the items\u2019 After', async ({ app, page }) => {
  await app.open('#/register');
  const blocks = page.getByLabel('Blocks of IDT-1', { exact: true });
  await expect(blocks).toBeVisible();
  const before = await blocks.inputValue();
  await blocks.fill(before ? `${before}, PAY-101` : 'PAY-101');
  await blocks.press('Enter');
  await expect(blocks).toHaveValue(/PAY-101/);
  await app.go('Plan');
  await page.getByLabel('Find in work items').fill('PAY-101');
  await expect(app.cell('After', 'PAY-101')).toHaveValue(/IDT-1/);
  // An unknown id is refused with a message and changes nothing.
  await app.go('Register');
  await blocks.fill('NOPE-9');
  await blocks.press('Enter');
  await expect(page.getByText('NOPE-9 is not a work item of this program', { exact: false })).toBeVisible();
});

test('focus stays with the work: the recorded card and the new decision', async ({ app, page }) => {
  await app.open('#/board');
  await app.reportAs('Priya N');
  await page.getByLabel('Find in cards').fill('PAY-107');
  await page.getByRole('button', { name: 'Record Yellow for PAY-107' }).click();
  await expect(app.column('Yellow').locator(app.card('PAY-107'))).toBeVisible();
  // Focus followed the card into its new column: a key records the next colour.
  await expect(app.card('PAY-107')).toBeFocused();
  await page.keyboard.press('g');
  await expect(app.column('Green').locator(app.card('PAY-107'))).toBeVisible();

  await app.go('Risks & decisions');
  const ask = page.getByRole('button', { name: /^Ask for a decision on R-/ }).first();
  await ask.click();
  // The new decision is in view with its first field focused, ready to type.
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('aria-label', /^(Decision|Question|Title|What) .*of D-\d+$|^.* of D-\d+$/);
});

test('the example stays the example: an import into it starts a program of your own', async ({ app, page }) => {
  await app.open('#/plan');
  await expect(app.programName()).toHaveText('Payments platform launch');
  // Every view says it is the example, not only the Summary.
  for (const view of ['Plan', 'Register', 'Board', 'Critical path']) {
    await app.go(view);
    await expect(page.getByRole('note')).toContainText('Example program.');
  }
  await app.go('Plan');
  const before = await app.rowCount();
  await app.openImports();
  await page.getByLabel('Import a Jira or Linear export (.csv)').setInputFiles('tests/fixtures/jira-all-fields.csv');
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('This is the built-in example: the items go into a new program of your own');
  await expect(preview.getByRole('button', { name: 'Apply import' })).toHaveCount(0);
  await preview.getByRole('button', { name: 'Start a new program with these items' }).click();
  await expect(app.programName()).toHaveText('From Jira export jira-all-fields.csv');
  await expect(page.getByText(/The example stays as it was: the \d+ items are in a new program/)).toBeVisible();
  // Only what was imported: none of the example's items came along.
  const imported = await app.rowCount();
  expect(imported).toBeGreaterThan(3);
  expect(imported).toBeLessThan(before);
  await expect(page.getByLabel('Id of PAY-101', { exact: true })).toHaveCount(0);
  await app.saved();
  await expect(page.getByRole('note').filter({ hasText: 'Example program.' })).toHaveCount(0);
});
