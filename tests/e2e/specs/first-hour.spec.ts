// The first hour: from empty storage a newcomer sees the example labelled as such,
// starts their own program, adds two teams, six linked work items, a dependency, a risk, a
// decision and this week's colours, and reads the summary — without the README.
import { test, expect } from '../fixtures/app';

test('a newcomer builds a two-team program from nothing and reads its summary', async ({ app, page }) => {
  await app.open();
  await expect(page.getByRole('heading', { name: 'This is the built-in example program' })).toBeVisible();
  await app.startProgram('Checkout revamp', '2026-11-23', '2027-02-26');

  // An empty program: the summary says there is nothing to forecast, never a colour.
  await expect(page.getByRole('heading', { name: 'Next: build your plan' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('button', { name: /nothing to forecast yet/ })).toBeVisible();

  // Two teams, from the empty Plan.
  const addTeam = page.getByRole('form', { name: 'Add a team' });
  for (const [name, lead] of [['Web', 'Ana Ruiz'], ['Payments', 'Dana Wu']]) {
    await addTeam.getByLabel('New team name').fill(name);
    await addTeam.getByLabel('Lead').fill(lead);
    await addTeam.getByRole('button', { name: 'Add team' }).click();
    await expect(page.getByLabel(`Team name of ${name}`)).toHaveValue(name);
  }

  // Six work items: each new row is in view with its title focused, ready to type over.
  const items: [string, string, string, string][] = [
    ['Checkout page redesign', 'Web', '10', ''],
    ['Card form with 3-D Secure', 'Web', '8', 'NEW-1'],
    ['Payments service endpoints', 'Payments', '12', 'NEW-1'],
    ['Wire checkout to payments', 'Payments', '6', 'NEW-2, NEW-3'],
    ['Load test', 'Platform', '4', 'NEW-4'],
    ['Launch', 'Web', '1', 'NEW-5'],
  ];
  for (const [i, [title, team, days, after]] of items.entries()) {
    const id = `NEW-${i + 1}`;
    await page.getByRole('button', { name: '+ Add work item' }).click();
    await expect(app.cell('Title', id)).toBeFocused();
    await expect(page.getByRole('row').filter({ has: app.cell('Id', id) })).toContainText('no duration yet');
    await page.keyboard.type(title);
    await page.keyboard.press('Enter');
    // What was typed is the title: the stand-in "New work item" was replaced, not added to.
    await expect(app.cell('Title', id)).toHaveValue(title);
    const teamCell = app.cell('Team', id);
    await teamCell.fill(team);
    await teamCell.press('Enter');
    if (team === 'Platform') {
      // A team typed that does not exist yet is offered, not silently dropped.
      await page.getByRole('button', { name: 'Create team Platform' }).click();
    }
    await expect(teamCell).toHaveValue(team);
    await app.cell('Owner', id).fill(team === 'Web' ? 'Ana Ruiz' : 'Dana Wu');
    await app.cell('Owner', id).press('Enter');
    await app.cell('Days', id).fill(days);
    await app.cell('Days', id).press('Enter');
    if (after) {
      await app.cell('After', id).fill(after);
      await app.cell('After', id).press('Enter');
    }
  }
  await expect(page.getByRole('row').filter({ has: app.cell('Id', 'NEW-6') })).toContainText('◆ critical (0)');

  // A dependency with owner, due date, risk and mitigation, that the wiring waits for.
  await app.go('Register');
  await page.getByRole('button', { name: '+ Add dependency' }).click();
  await expect(app.cell('Dependency', 'DEP-1')).toBeFocused();
  await page.keyboard.type('Card network certification');
  await page.keyboard.press('Enter');
  await app.cell('Owner', 'DEP-1').fill('Sam Lee');
  await app.cell('Owner', 'DEP-1').press('Enter');
  await app.cell('Due', 'DEP-1').fill('2027-01-08');
  await app.cell('Due', 'DEP-1').press('Enter');
  await app.cell('Risk', 'DEP-1').selectOption('high');
  await app.cell('Mitigation', 'DEP-1').fill('Certify on the sandbox network first');
  await app.cell('Mitigation', 'DEP-1').press('Enter');
  await app.go('Plan');
  await app.cell('After', 'NEW-4').fill('NEW-2, NEW-3, DEP-1');
  await app.cell('After', 'NEW-4').press('Enter');

  // A risk and a decision.
  await app.go('Risks & decisions');
  await page.getByLabel('New risk: what could happen').fill('Designer leaves in January');
  await page.getByRole('button', { name: 'Add risk' }).click();
  await expect(app.cell('Owner', 'R-1')).toBeFocused();
  await page.keyboard.type('Ana Ruiz');
  await page.keyboard.press('Enter');
  await app.cell('Affects', 'R-1').fill('NEW-2');
  await app.cell('Affects', 'R-1').press('Enter');
  await app.cell('Trigger', 'R-1').fill('2026-12-04');
  await app.cell('Trigger', 'R-1').press('Enter');
  await page.getByLabel('New decision: the question').fill('Ship without Apple Pay?');
  await page.getByRole('button', { name: 'Add decision' }).click();
  await app.cell('From', 'D-1').fill('VP Product');
  await app.cell('From', 'D-1').press('Enter');
  await app.cell('Needed by', 'D-1').fill('2026-12-01');
  await app.cell('Needed by', 'D-1').press('Enter');

  // This week's colours.
  await app.go('Board');
  await app.reportAs('Priya N');
  await page.getByLabel('Note for NEW-1').fill('Designs signed off');
  await page.getByRole('button', { name: 'Record Green for NEW-1' }).click();
  await page.getByLabel('Note for NEW-2').fill('Waiting on the 3-D Secure SDK');
  await page.getByRole('button', { name: 'Record Yellow for NEW-2' }).click();
  await expect(app.column('Yellow').locator(app.card('NEW-2'))).toBeVisible();

  // The summary answers "will we hit the date?" for this program.
  await app.go('Summary');
  await expect(page.getByRole('heading', { name: 'This is the built-in example program' })).toHaveCount(0);
  const paragraph = page.getByLabel('Executive summary paragraph');
  await expect(paragraph).toContainText(/^\s*Program is (Green|Yellow|Red)\./);
  await expect(paragraph).toContainText('26 Feb 2027');
  await expect(paragraph).toContainText('Decisions needed:');
  await expect(paragraph).toContainText('VP Product by 1 Dec');
  // No item has a Low/High range yet: no percentage that nothing supports.
  await expect(paragraph).toContainText(/confidence not estimated yet: \d of \d critical items have no Low\/High range/);
  await expect(page.getByRole('img', { name: /S-curve/ })).toHaveCount(0);
  await page.getByRole('link', { name: 'Add Low and High in Plan' }).click();
  // One range on the critical path is something to draw from: the figure comes, saying what
  // it was drawn without.
  const row = page.getByRole('row').filter({ has: app.cell('Id', 'NEW-4') });
  await row.getByText('More about NEW-4').click();
  await app.cell('Low', 'NEW-4').fill('5');
  await app.cell('Low', 'NEW-4').press('Enter');
  await app.cell('High', 'NEW-4').fill('10');
  await app.cell('High', 'NEW-4').press('Enter');
  await app.go('Summary');
  await expect(page.getByRole('img', { name: /S-curve/ })).toBeVisible();
  await expect(paragraph).toContainText(/\d+ % confidence/);
  await expect(page.getByText(/Drawn without them: \d of \d critical items have no Low\/High range/)).toBeVisible();
  await app.saved();
  await page.reload();
  await expect(app.programName()).toHaveText('Checkout revamp');
});

test('the example can be reopened at any time', async ({ app, page }) => {
  await app.open();
  await app.startProgram('Scratch', '2026-11-23', '2027-01-29');
  await app.go('Program');
  await page.getByRole('button', { name: 'Open the example program' }).click();
  await expect(app.programName()).toHaveText('Payments platform launch');
  await expect(page.getByRole('list').getByText('Scratch')).toBeVisible();
});

test('an empty program says there is nothing to forecast, and how to start', async ({ app, page }) => {
  await app.open();
  await app.startProgram('Nothing yet', '2026-11-27', '2027-03-01');
  await app.go('Summary');
  const paragraph = page.getByLabel('Executive summary paragraph');
  await expect(paragraph).toContainText('Nothing to forecast yet');
  await expect(paragraph).toContainText('Add them in Plan');
  await expect(paragraph).not.toContainText('Program is');
  await expect(paragraph).not.toContainText('confidence');
  await expect(page.getByRole('img', { name: /S-curve/ })).toHaveCount(0);
});

test('a dependency loop is named in the first paragraph as why those items have no date', async ({ app, page }) => {
  await app.open();
  const program = {
    format: 'throughline/2', name: 'Looped', start: '2026-11-02', target: '2027-01-15', status_date: '2026-11-20',
    items: [
      { id: 'A', title: 'Schema', days: 3 },
      { id: 'B', title: 'API', days: 4, after: [{ id: 'A' }, { id: 'C' }] },
      { id: 'C', title: 'Client', days: 2, after: [{ id: 'B' }] },
    ],
  };
  await app.importProgram('looped.json', JSON.stringify(program));
  await app.go('Summary');
  const paragraph = page.getByLabel('Executive summary paragraph');
  await expect(paragraph).toContainText('No date can be given for B, C: they wait on each other in a loop');
});
