// Team capacity (issue 23): a TPM gives the example's Payments team its people and an
// availability drop, in the Teams list; Risks & decisions then shows the computed capacity
// risk as the playbook's sentence with its owner, the team's lead; the load table under the
// Teams list shows the over-allocated week with its numbers, "over" said in words; a reload
// keeps both. The scenario and its numbers are pinned natively in tests/capacity_ui_words.rs.
import { readFileSync } from 'node:fs';
import { test, expect, givePaymentsHalf, recordWorkerAnswers, workerAnswers } from '../fixtures/app';
import { scaleProgram } from '../support/scale-program.cjs';

test('people and an availability drop make a computed capacity risk with its owner and an over-allocated week', async ({ app, page }) => {
  await app.open();
  await app.go('Program');

  const people = page.getByLabel('People of Payments', { exact: true });
  const availability = page.getByLabel('Availability of Payments', { exact: true });
  await expect(people).toHaveValue('');
  await people.fill('2');
  await people.press('Enter');

  // A mistyped date is refused, naming the part that is wrong; nothing changes.
  await availability.fill('2026-11-31 50% on-call');
  await availability.press('Enter');
  await expect(page.getByText('"2026-11-31" is not a date (use YYYY-MM-DD)')).toBeVisible();
  await availability.fill('2026-11-30 50% on-call');
  await availability.press('Enter');
  await expect(page.getByText('is not a date (use YYYY-MM-DD)')).toHaveCount(0);
  await app.saved();

  // Load against capacity: the week of 30 Nov asks 1.8 people of 1 (180 %), said in words.
  const load = page.getByRole('table', { name: 'Load of Payments against capacity (2 people)' });
  await expect(load).toBeVisible();
  const week = load.getByRole('row', { name: /^Week of 30 Nov/ });
  await expect(week.getByRole('cell')).toHaveText(['1', '1.8', '180 % over', '0.8', '80 %']);
  await expect(load.getByRole('row').filter({ hasText: 'over' })).toHaveCount(1);

  // The computed risk, as the playbook writes one, with the team's lead as owner.
  await app.go('Risks & decisions');
  const computed = page.getByRole('region', { name: 'Capacity risks (computed)' });
  await expect(computed).toBeVisible();
  const codeComplete = computed.getByRole('listitem').filter({ hasText: 'Code complete (PAY-109)' });
  await expect(codeComplete).toContainText(
    'Payments at 50 % from 30 Nov (on-call): Code complete (PAY-109) lands 22 Dec, needed by 11 Dec (7 working days late); launch +9 working days (18 Jan). Holding 11 Dec needs Payments at 100 % (2 of 2 people).',
  );
  await expect(codeComplete).toContainText('Owner: Dana Wu (lead of Payments)');
  await expect(computed.getByRole('listitem').first()).toContainText(
    'launch lands 18 Jan, past the target 15 Jan (1 working day late); capacity moves it +9 working days.',
  );

  // The Summary says it too: in the first paragraph, and under it with the owner. The
  // paragraph leads with the levelled date, the one its confidence counts, not the 5 Jan
  // the links alone give; the program is Red for it.
  await app.go('Summary');
  const paragraph = page.getByLabel('Executive summary paragraph');
  await expect(paragraph).toContainText(
    /^\s*Program is Red\. We're forecasting 18 Jan 2027, 1 working day after the 15 Jan 2027 target, at \d+ % confidence of hitting it/,
  );
  await expect(paragraph).toContainText(
    'Capacity sets the date: with Payments at 50 % from 30 Nov the launch lands 18 Jan instead of 5 Jan, past the 15 Jan target; negotiate capacity or de-scope.',
  );
  await expect(page.getByRole('region', { name: 'Critical path' })).toContainText(
    'Forecast finish 18 Jan 2027 against the 15 Jan 2027 target with the teams\' capacity; the chain alone ends 5 Jan 2027.',
  );
  const summary = page.getByRole('region', { name: 'Capacity moves the launch past the target (computed)' });
  await expect(summary).toContainText('capacity moves it +9 working days');
  await expect(summary).toContainText('Owner: Dana Wu (lead of Payments).');
  // And the decision it asks of leadership, among the decisions needed.
  await expect(page.getByRole('region', { name: 'Decisions needed' })).toContainText(
    'Capacity: negotiate capacity with Payments or de-scope to hold 15 Jan (the launch lands 18 Jan) — owner Dana Wu, lead of Payments.',
  );
  await app.go('Risks & decisions');

  // A reload keeps the people and the availability, and so the risk.
  await page.reload();
  await expect(computed.getByRole('listitem').filter({ hasText: 'Code complete (PAY-109)' })).toBeVisible();
  await app.go('Program');
  await expect(people).toHaveValue('2');
  await expect(availability).toHaveValue('2026-11-30 50% on-call');

  // Emptying People makes the team unconstrained again: no load table, no computed risk.
  await people.fill('');
  await people.press('Enter');
  await expect(load).toHaveCount(0);
  await app.go('Risks & decisions');
  await expect(page.getByRole('heading', { name: 'Capacity risks (computed)' })).toHaveCount(0);
});

test('Critical path says why work waits for people, and a proposed levelling is previewed, accepted and undone', async ({ app, page }) => {
  await recordWorkerAnswers(page);
  await app.open();
  await givePaymentsHalf(app, page);
  await app.saved();

  await app.go('Critical path');
  // The view's first line answers with the levelled finish, the timeline's beside it.
  await expect(
    page.getByText(
      "Finishes 18 Jan 2027, 1 working day after the target (15 Jan 2027), with the teams' capacity; 5 Jan 2027 without capacity limits, as the timeline shows.",
    ),
  ).toBeVisible();
  // What if Payment webhooks slips 5 days? On the timeline it has float (+1 day); with the
  // teams' capacity it holds Payments' people that Refunds waits for, so the launch moves 5.
  await page.getByRole('combobox', { name: 'What if' }).selectOption('PAY-107');
  await page.getByLabel('slips by (working days)').fill('5');
  await expect(page.getByRole('status').filter({ hasText: 'the finish moves' })).toContainText(
    "With the teams' capacity, the finish moves from 18 Jan 2027 to 25 Jan 2027 (+5 working days).",
  );
  const levelled = page.getByRole('region', { name: 'Levelled against team capacity' });
  await expect(levelled).toContainText(
    "With the teams' people and availability the plan finishes 18 Jan 2027 (+9 working days against the timeline's 5 Jan 2027, which has no capacity limits).",
  );
  await expect(levelled.getByRole('list', { name: 'Waits for people' })).toContainText(
    'Payment webhooks: idempotency and replay (PAY-107) waits 10 working days for Payments: Switch charges and refunds to Acme Pay v3 production (PAY-106) holds its people.',
  );

  // The timeline can show the levelled dates, each wait for people a link of its own.
  const timeline = page.getByRole('img', { name: /^Timeline of/ });
  await expect(timeline).not.toHaveAccessibleName(/levelled/);
  await page.getByLabel(/Levelled dates/).check();
  await expect(timeline).toHaveAccessibleName(/levelled against team capacity/);
  await expect(timeline.locator('path.wait-link title').filter({ hasText: 'PAY-107 waits 10 working days for Payments' })).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Timeline legend' })).toContainText('waits for people');
  // The export follows: the levelled dates, in a file named so.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export levelled schedule (.csv)' }).click();
  expect((await download).suggestedFilename()).toMatch(/-schedule-levelled\.csv$/);
  const lines = readFileSync((await (await download).path())!, 'utf8').trim().split(/\r?\n/);
  expect(lines[0]).toBe('id,title,owner,start,finish,float,critical,colour');
  expect(lines.find((l) => l.startsWith('PAY-113,'))).toContain(',2027-01-18,2027-01-18,');
  await page.getByLabel(/Levelled dates/).uncheck();
  await expect(timeline.locator('path.wait-link')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Export schedule (.csv)' })).toBeVisible();

  // A preview first: nothing is re-dated until it is accepted. The search runs in the
  // page's worker (1,000 schedules), which loads the app's own module.
  const worker = page.waitForEvent('worker');
  await levelled.getByRole('button', { name: 'Propose a better levelling' }).click();
  expect((await worker).url()).toMatch(/\/public\/work\.js$/);
  const proposal = page.getByRole('region', { name: 'Proposed levelling' });
  await expect(proposal).toBeVisible();
  // The search ended: the button is back, and nothing says it is still searching.
  await expect(levelled.getByRole('button', { name: 'Propose a better levelling' })).not.toHaveAttribute('aria-disabled');
  await expect(levelled.getByRole('status')).toHaveText('');
  const answers = await workerAnswers(page);
  expect(answers).toHaveLength(1);
  expect(JSON.parse(answers[0])).toContain('PAY-113');
  await expect(proposal.getByRole('heading', { name: 'Proposed levelling' })).toBeFocused();
  await expect(proposal).toContainText('Finish 18 Jan 2027 → 13 Jan 2027 (-3 working days); 12 items move.');
  await expect(proposal).toContainText('GA launch (PAY-113): 18 Jan → 13 Jan (-3 working days).');
  await proposal.getByRole('button', { name: 'Discard' }).click();
  await expect(proposal).toHaveCount(0);
  await expect(levelled).toContainText('the plan finishes 18 Jan 2027');

  await levelled.getByRole('button', { name: 'Propose a better levelling' }).click();
  await proposal.getByRole('button', { name: 'Accept this levelling' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Accepted the levelling' })).toBeVisible();
  await expect(levelled).toContainText('the plan finishes 13 Jan 2027 (+6 working days');
  await app.saved();
  // The launch is back before the target: no computed risk says otherwise.
  await app.go('Risks & decisions');
  await expect(page.getByRole('heading', { level: 2, name: 'Risks & decisions' })).toBeVisible();
  await expect(page.getByText(/launch lands .*, past the target/)).toHaveCount(0);
  // The Summary still says what the people cost: the links alone would finish 5 Jan.
  await app.go('Summary');
  await expect(page.getByLabel('Executive summary paragraph')).toContainText(
    "We're tracking to 13 Jan 2027, 2 working days before the 15 Jan 2027 target",
  );
  await expect(page.getByLabel('Executive summary paragraph')).toContainText(
    "Capacity sets the date: with the teams' people and availability the launch lands 13 Jan instead of 5 Jan, still before the 15 Jan target.",
  );

  // Undo takes the accepted order back.
  await page.getByRole('button', { name: /Undo/ }).click();
  await app.go('Critical path');
  await expect(levelled).toContainText('the plan finishes 18 Jan 2027');
});

test('while the worker searches, the page says so and stays usable; an edit stops the search', async ({ app, page, context }) => {
  // A worker that never answers: a search that takes as long as the test needs.
  await context.route('**/public/work.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: 'self.onmessage = function () {};' }),
  );
  await app.open();
  await givePaymentsHalf(app, page);
  await app.go('Critical path');
  const levelled = page.getByRole('region', { name: 'Levelled against team capacity' });
  const propose = levelled.getByRole('button', { name: 'Propose a better levelling' });
  await propose.focus();
  await page.keyboard.press('Enter');
  const searching = levelled.getByRole('button', { name: 'Searching for a better levelling…' });
  await expect(searching).toHaveAttribute('aria-disabled', 'true');
  await expect(searching).toBeFocused();
  await expect(levelled.getByRole('status')).toHaveText(/Searching up to 1,000 orders of the plan/);
  // Pressing it again starts nothing more.
  await page.keyboard.press('Enter');
  // The page answers: an edit (here Undo, of the availability drop) goes through, and
  // stops the search.
  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(propose).toBeVisible();
  await expect(propose).not.toHaveAttribute('aria-disabled');
  await expect(levelled.getByRole('status')).toHaveText('');
  await expect(page.getByRole('region', { name: 'Proposed levelling' })).toHaveCount(0);
});

test('at 1,000 items the longest waits for people lead, the rest are folded above the timeline', async ({ app, page }) => {
  const program = JSON.parse(scaleProgram(1000, { weeks: 1, name: 'Capacity 1000' }));
  for (const team of program.teams) team.people = 8;
  await app.open();
  await app.importProgram('capacity.json', JSON.stringify(program));
  await expect(app.programName()).toHaveText('Capacity 1000', { timeout: 60_000 });
  await app.go('Critical path');
  const levelled = page.getByRole('region', { name: 'Levelled against team capacity' });
  const listed = levelled.getByRole('list', { name: 'Waits for people', exact: true }).getByRole('listitem');
  await expect(listed).toHaveCount(8);
  const days = (await listed.allTextContents()).map((text) => Number(/waits (\d+) working days?/.exec(text)?.[1]));
  expect(days.every((d, k) => Number.isFinite(d) && (k === 0 || d <= days[k - 1]))).toBe(true);
  // The rest, behind "N more", open on request, so the timeline below is not pushed away.
  const more = levelled.getByText(/^\d+ more waits? for people$/);
  const folded = Number(/^(\d+)/.exec((await more.textContent()) ?? '')?.[1]);
  expect(folded).toBeGreaterThan(8);
  const hidden = levelled.getByRole('list', { name: 'More waits for people' });
  await expect(hidden).toBeHidden();
  await more.click();
  await expect(hidden.getByRole('listitem')).toHaveCount(folded);
  await more.click();
  await expect(hidden).toBeHidden();
  // Folded, the panel stays a screen's worth or less (it was hundreds of lines).
  expect((await levelled.boundingBox())?.height).toBeLessThan(1000);
});

test('where no worker can run, the page searches for a better levelling itself', async ({ app, page }) => {
  await page.addInitScript(() => {
    // A browser without Web Workers (or one whose worker cannot start).
    Object.defineProperty(window, 'Worker', { value: undefined });
  });
  await app.open();
  await givePaymentsHalf(app, page);
  await app.go('Critical path');
  const levelled = page.getByRole('region', { name: 'Levelled against team capacity' });
  await levelled.getByRole('button', { name: 'Propose a better levelling' }).click();
  const proposal = page.getByRole('region', { name: 'Proposed levelling' });
  await expect(proposal).toContainText('Finish 18 Jan 2027 → 13 Jan 2027 (-3 working days)');
  await expect(levelled.getByRole('button', { name: 'Propose a better levelling' })).toBeEnabled();
});

test.describe('with capacity data', () => {
  // axe is injected as a script; the app's own CSP (rightly) refuses inline scripts.
  test.use({ bypassCSP: true });

  test('the load table, the people and availability fields, the computed risks and the levelling have no serious accessibility violation', async ({ app, page }) => {
    await app.open();
    await givePaymentsHalf(app, page);
    await expect(page.getByRole('table', { name: /^Load of Payments/ })).toBeVisible();
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const serious = (): Promise<string[]> =>
      page.evaluate(async () => {
        const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
        return result.violations
          .filter((v: any) => v.impact === 'critical' || v.impact === 'serious')
          .map((v: any) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')).join(' | ')}`);
      });
    for (const view of ['Program', 'Risks & decisions', 'Summary', 'Critical path']) {
      await app.go(view);
      expect(await serious(), view).toEqual([]);
    }
    // The levelled timeline with its waits, and a proposal open.
    await page.getByLabel(/Levelled dates/).check();
    await page.getByRole('button', { name: 'Propose a better levelling' }).click();
    await expect(page.getByRole('region', { name: 'Proposed levelling' })).toBeVisible();
    expect(await serious(), 'levelling').toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await serious(), 'levelling, dark').toEqual([]);
  });
});

test('people needed typed in Plan level the plan; a need larger than the team is said by name', async ({ app, page }) => {
  await app.open();
  await givePaymentsHalf(app, page);
  await app.go('Plan');
  const row = page.getByRole('row').filter({ has: app.cell('Id', 'PAY-107') });
  await row.getByText('More about PAY-107').click();
  const needs = app.cell('People needed', 'PAY-107');
  // Empty says the default: one person of its own team.
  await expect(needs).toHaveAttribute('placeholder', '1 of its team');
  // A team that does not exist is refused, naming it; nothing changes.
  await needs.fill('Identity 2');
  await needs.press('Enter');
  await expect(page.getByText('Identity is not a team of this program; add it in Program first')).toBeVisible();
  // Two people of a team that has one from 30 Nov: levelled as one, and Critical path says so.
  await needs.fill('payments 2');
  await needs.press('Enter');
  await expect(needs).toHaveValue('Payments 2');
  // Said at once, where it was typed.
  await expect(page.getByRole('status').filter({ hasText: 'levelled as what the team has' })).toContainText(
    'PAY-107 needs 2 people of Payments, which has at most 1 (2 at 50 %): levelled as what the team has.',
  );
  await app.go('Critical path');
  const levelled = page.getByRole('region', { name: 'Levelled against team capacity' });
  await expect(levelled.getByRole('list', { name: 'Levelling worked around these problems:' })).toHaveText(
    'PAY-107 needs 2 people of Payments, which has at most 1 (2 at 50 %)',
  );
  // Nobody of Payments (a contractor does it): the launch comes back before the target.
  await app.go('Plan');
  await row.getByText('More about PAY-107').click();
  await needs.fill('Payments 0');
  await needs.press('Enter');
  await app.go('Critical path');
  await expect(levelled).toContainText("With the teams' people and availability the plan finishes 8 Jan 2027");
  await expect(levelled.getByRole('list', { name: 'Levelling worked around these problems:' })).toHaveCount(0);
  await app.saved();
  await page.reload();
  await app.go('Plan');
  await row.getByText('More about PAY-107').click();
  await expect(needs).toHaveValue('Payments 0');
});
