import { test, expect, exportedProgram } from '../fixtures/app';

test('recording a colour on the board moves the card and survives a reload', async ({ app, page }) => {
  await app.open('#/board');
  await app.reportAs('Priya N');
  // Long columns draw only the cards near the screen: the filter finds the one to update.
  await page.getByLabel('Find in cards').fill('PAY-107');
  await expect(app.column('No status').locator(app.card('PAY-107'))).toBeVisible();
  await page.getByLabel('Note for PAY-107').fill('Refund API spec agreed with Finance');
  await page.getByRole('button', { name: 'Record Green for PAY-107' }).click();
  await expect(app.column('Green').locator(app.card('PAY-107'))).toBeVisible();
  await app.saved();
  await page.reload();
  await expect(app.column('Green').locator(app.card('PAY-107'))).toContainText('Refund API spec agreed with Finance');
  // From the keyboard: focus the card and press Y.
  await app.card('PAY-107').focus();
  await page.keyboard.press('y');
  await expect(app.column('Yellow').locator(app.card('PAY-107'))).toBeVisible();
  // Done work takes no colour: no buttons on its card, and keys do nothing.
  await page.getByLabel('Find in cards').fill('HW-1');
  const done = app.column('Done').locator(app.card('HW-1'));
  await expect(done.getByRole('button', { name: 'Record Red for HW-1' })).toHaveCount(0);
  await done.focus();
  await page.keyboard.press('r');
  await expect(app.column('Done').locator(app.card('HW-1'))).toBeVisible();
  await expect(app.column('Red').locator(app.card('HW-1'))).toHaveCount(0);
});

test('an item Yellow for two weeks without movement shows Red with the reason', async ({ app, page }) => {
  await app.open('#/board');
  const card = app.column('Red').locator(app.card('MOB-502'));
  await expect(card).toContainText('Yellow since 6 Nov 2026 (14 days) without movement');
  // One day later it has been Yellow for 15 days.
  await app.go('Program');
  const statusDate = page.getByLabel('Status date');
  await statusDate.fill('2026-11-21');
  await statusDate.press('Enter');
  await app.go('Board');
  await expect(app.column('Red').locator(app.card('MOB-502'))).toContainText('Yellow since 6 Nov 2026 (15 days) without movement');
  // A Yellow run of only a week is not stale.
  await expect(app.column('Yellow').locator(app.card('WEB-303'))).toBeVisible();
});

test('marking a register entry reviewed clears "review due"', async ({ app, page }) => {
  await app.open('#/register');
  const row = page.getByRole('row').filter({ has: page.getByLabel('Dependency of LEGAL-1', { exact: true }) });
  await expect(row).toContainText('review due');
  await page.getByRole('button', { name: 'Start the weekly review' }).click();
  const review = page.getByRole('region', { name: 'Weekly review' }).or(page.locator('.weekly-review'));
  await expect(review).toContainText('LEGAL-1');
  await review.getByLabel("This week's colour").selectOption('green');
  await review.getByRole('button', { name: 'Mark reviewed and next' }).click();
  await expect(row).not.toContainText('review due');
  await expect(page.getByLabel('Last reviewed of LEGAL-1', { exact: true })).toHaveValue('2026-11-20');
});

test('an escalate-now risk is listed first, then the blocker', async ({ app, page }) => {
  await app.open('#/risks');
  const rows = app.tableRows();
  await expect(rows.first()).toContainText('R-1');
  await expect(rows.first()).toContainText('Escalate now');
  await expect(rows.nth(1)).toContainText('R-2');
  await expect(rows.nth(1)).toContainText('Blocker');
  // Pending decisions first, by deadline, with days left.
  const decisions = page.getByRole('table').nth(1).locator('tbody').getByRole('row');
  await expect(decisions.first()).toContainText('D-1');
  await expect(decisions.first()).toContainText('6 days left');
});

test('the program colour follows the rules and says why', async ({ app, page }) => {
  await app.open('#/board');
  const badge = page.getByRole('banner').locator('.program-colour');
  await expect(badge).toContainText('Overall: ▲ Yellow');
  await badge.getByRole('button').first().click();
  await expect(badge).toContainText('R-1 must be escalated now');
  await expect(badge).toContainText('MOB-502');
  // A critical item going Red turns the program Red.
  await page.keyboard.press('Escape');
  await app.reportAs('Sam Lee');
  await page.getByRole('button', { name: 'Record Red for PAY-106' }).click();
  await expect(badge).toContainText('Overall: ■ Red');
  await badge.getByRole('button').first().click();
  await expect(badge.getByRole('dialog')).toBeVisible();
  await expect(badge).toContainText('PAY-106 Switch charges and refunds to Acme Pay v3 production is Red on the critical path');
});

test('a risk is written, linked to a decision, and the decision is recorded', async ({ app, page }) => {
  await app.open('#/risks');
  await page.getByRole('button', { name: 'Add risk' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Say what could happen' })).toBeVisible();
  await page.getByLabel('New risk: what could happen').fill('Acme rate limits refunds at peak');
  await page.getByRole('button', { name: 'Add risk' }).click();
  const titles = page.getByRole('textbox', { name: /^What could happen of / });
  await expect(titles).toHaveCount(6);
  let id = '';
  for (const field of await titles.all()) {
    if ((await field.inputValue()) === 'Acme rate limits refunds at peak') {
      id = (await field.getAttribute('aria-label'))!.replace('What could happen of ', '');
    }
  }
  expect(id).toMatch(/^R-/);
  const row = page.getByRole('row').filter({ has: page.getByLabel(`What could happen of ${id}`) });
  await page.getByLabel(`Affects of ${id}`).fill('PAY-108');
  await page.getByLabel(`Affects of ${id}`).press('Enter');
  await expect(row).toContainText('PAY-108 ◇ near-critical');
  await row.getByRole('button', { name: 'Ask for a decision' }).click();
  const decision = await page.getByLabel(`Decision of ${id}`).inputValue();
  expect(decision).toMatch(/^D-/);
  await page.getByLabel(`Outcome of ${decision}`).fill('Buy the higher rate tier');
  await page.getByRole('row').filter({ has: page.getByLabel(`Outcome of ${decision}`) }).getByRole('button', { name: 'Record outcome' }).click();
  await expect(page.getByLabel(`Outcome of ${decision}`)).toHaveValue('Buy the higher rate tier');
  await expect(page.getByRole('row').filter({ has: page.getByLabel(`Outcome of ${decision}`) })).toContainText('decided 20 Nov 2026');
});

test.describe('a tab left open overnight', () => {
  // This test runs the clock itself: it starts a minute before midnight.
  test.use({ testDate: null });

  test('dates the next update with the new day, and the summary moves to it', async ({ app, page }) => {
    await page.clock.install({ time: new Date('2026-11-24T23:59:00') });
    await app.open();
    // No status date: the program is judged at today, whatever day that is.
    const program = {
      format: 'throughline/2', name: 'Overnight', start: '2026-11-02', target: '2027-02-26',
      items: [{ id: 'WEB-1', title: 'Checkout page', owner: 'Ana Ruiz', days: 10, due: '2026-12-18' }],
    };
    await app.importProgram('overnight.json', JSON.stringify(program));
    await expect(app.programName()).toHaveText('Overnight');
    await app.go('Summary');
    await expect(page.getByText('as of 24 Nov 2026')).toBeVisible();
    await app.go('Board');
    await app.reportAs('Priya N');
    await page.getByLabel('Note for WEB-1').fill('Designs signed off');
    await page.getByRole('button', { name: 'Record Green for WEB-1' }).click();
    await expect(app.card('WEB-1')).toContainText('Priya N, 24 Nov');

    // Two minutes later it is Wednesday; nobody reloaded the tab.
    await page.clock.fastForward('02:00');
    await page.getByLabel('Note for WEB-1').fill('Card form started');
    await page.getByRole('button', { name: 'Record Yellow for WEB-1' }).click();
    await expect(app.card('WEB-1')).toContainText('Priya N, 25 Nov');
    await app.go('Summary');
    await expect(page.getByText('as of 25 Nov 2026')).toBeVisible();
    await app.go('Program');
    const file = JSON.parse(await exportedProgram(page));
    expect(file.items[0].status.map((u: { date: string; color: string }) => [u.date, u.color])).toEqual([
      ['2026-11-24', 'green'],
      ['2026-11-25', 'yellow'],
    ]);
  });
});
