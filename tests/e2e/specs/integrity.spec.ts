// Never losing a TPM's words: a colour recorded over the week's note keeps it,
// text typed but not committed comes back after a reload, two tabs merge instead of
// overwriting (what is being typed stays, undo is per tab, real conflicts are shown), and
// with storage full nothing is lost: leaving asks first and the save retries by itself.
import { test, expect, ThroughlinePage } from '../fixtures/app';

test('recording a colour keeps the note already written for the week, and who wrote it', async ({ app, page }) => {
  await app.open('#/board');
  await app.reportAs('Ana Ruiz');
  const card = app.card('VEND-1');
  await expect(card).toContainText('Acme exec sponsor reconfirmed');
  await card.getByRole('button', { name: 'Record Red for VEND-1', exact: true }).click();
  await expect(app.column('Red').locator(app.card('VEND-1'))).toContainText('Acme exec sponsor reconfirmed');
  await expect(app.card('VEND-1')).toContainText('Sam Lee');
  // A new note over it says what it replaced, and Undo brings the old one back.
  await page.getByLabel('Note for VEND-1').fill('Acme slipped the GA by a week');
  await page.getByRole('button', { name: 'Record Red for VEND-1', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Replaced the 20 Nov note on VEND-1' })).toContainText('Sam Lee');
  await expect(app.card('VEND-1')).toContainText('Acme slipped the GA by a week');
  await expect(app.card('VEND-1')).toContainText('Ana Ruiz');
  await page.getByRole('button', { name: /^↶ Undo/ }).click();
  await expect(app.card('VEND-1')).toContainText('Acme exec sponsor reconfirmed');
});

test('text typed but not committed comes back after a reload', async ({ app, page }) => {
  await app.open('#/plan');
  // Leaving a field for another view commits it, as a spreadsheet does.
  await app.cell('Title', 'PAY-101').fill('Card vault, half-typed');
  await app.go('Board');
  await page.getByLabel('Note for PAY-107').fill('Finance still reviewing the');
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Text you had typed but not saved is back in 1 field' })).toBeVisible();
  await expect(page.getByLabel('Note for PAY-107')).toHaveValue('Finance still reviewing the');
  await app.go('Plan');
  await expect(app.cell('Title', 'PAY-101')).toHaveValue('Card vault, half-typed');
  // Typed and never left: kept as a draft across a reload, then committed with Enter.
  await app.cell('Owner', 'PAY-101').fill('Dana W');
  await page.reload();
  await expect(app.cell('Owner', 'PAY-101')).toHaveValue('Dana W');
  await app.cell('Owner', 'PAY-101').press('Enter');
  await app.saved();
  await page.reload();
  await expect(app.cell('Owner', 'PAY-101')).toHaveValue('Dana W');
  // The owner is stored now; only the board note is still a draft.
  await expect(page.getByRole('status').filter({ hasText: 'back in 1 field' })).toBeVisible();
});

test('another tab saving never wipes what is being typed here, and its change is merged in', async ({ app, page, context }) => {
  await app.open('#/plan');
  const other = new ThroughlinePage(await context.newPage());
  await other.open('#/plan');
  // Here: typing, not committed. There: an edit saved.
  const owner = app.cell('Owner', 'PAY-103');
  await owner.fill('Someone new, still typ');
  const title = other.cell('Title', 'PAY-101');
  await title.fill('Card vault (renamed in the other tab)');
  await title.press('Enter');
  await other.saved();
  await expect(app.cell('Title', 'PAY-101')).toHaveValue('Card vault (renamed in the other tab)');
  await expect(owner).toHaveValue('Someone new, still typ');
  await expect(owner).toBeFocused();
  await owner.press('Enter');
  await app.saved();
  await expect(other.cell('Owner', 'PAY-103')).toHaveValue('Someone new, still typ');
  // Several saves from the other tab leave one notice, not a pile.
  for (const name of ['Ana', 'Ben', 'Cy']) {
    await other.cell('Owner', 'PAY-104').fill(name);
    await other.cell('Owner', 'PAY-104').press('Enter');
    await other.saved();
    await expect(app.cell('Owner', 'PAY-104')).toHaveValue(name);
  }
  await expect(page.getByRole('status').filter({ hasText: 'Updated with changes made in another tab' })).toHaveCount(1);
  expect(other.errors).toEqual([]);
});

test('undo in a tab takes back only its own edit, not the other tab’s later one', async ({ app, page, context }) => {
  await app.open('#/plan');
  const other = new ThroughlinePage(await context.newPage());
  await other.open('#/plan');
  const title = app.cell('Title', 'PAY-101');
  await title.fill('Edited here');
  await title.press('Enter');
  await app.saved();
  await expect(other.cell('Title', 'PAY-101')).toHaveValue('Edited here');
  const owner = other.cell('Owner', 'PAY-102');
  await owner.fill('Owner from the other tab');
  await owner.press('Enter');
  await other.saved();
  await expect(app.cell('Owner', 'PAY-102')).toHaveValue('Owner from the other tab');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await expect(title).not.toHaveValue('Edited here');
  await expect(app.cell('Owner', 'PAY-102')).toHaveValue('Owner from the other tab');
  await app.saved();
  await expect(other.cell('Title', 'PAY-101')).not.toHaveValue('Edited here');
  await expect(other.cell('Owner', 'PAY-102')).toHaveValue('Owner from the other tab');
  expect(other.errors).toEqual([]);
});

test('when both tabs change the same field, both values are shown and the person chooses', async ({ app, page, context }) => {
  await app.open('#/register');
  const other = new ThroughlinePage(await context.newPage());
  await other.open('#/register');
  // Both commit within the same moment: neither has seen the other's save yet.
  const here = app.cell('Owner', 'LEGAL-1');
  const there = other.cell('Owner', 'LEGAL-1');
  await there.fill('Miriam (legal)');
  await here.fill('Jon (procurement)');
  await Promise.all([there.press('Enter'), here.press('Enter')]);
  // The tab that saved second merges the first one's save and finds the clash.
  const region = (p: ThroughlinePage) => p.page.getByRole('region', { name: 'Changes that conflict with another tab' });
  await expect.poll(async () => (await region(app).count()) + (await region(other).count())).toBe(1);
  const asked = (await region(app).count()) > 0 ? app : other;
  await expect(region(asked)).toContainText('Owner of LEGAL-1');
  await expect(region(asked)).toContainText('Jon (procurement)');
  await expect(region(asked)).toContainText('Miriam (legal)');
  // Taking the other tab's value settles it everywhere.
  const theirs = asked === app ? 'Miriam (legal)' : 'Jon (procurement)';
  await asked.page.getByRole('button', { name: /^Take the other tab's value of Owner of LEGAL-1/ }).click();
  await expect(asked.cell('Owner', 'LEGAL-1')).toHaveValue(theirs);
  await asked.saved();
  await expect((asked === app ? other : app).cell('Owner', 'LEGAL-1')).toHaveValue(theirs);
  expect(other.errors).toEqual([]);
});

test('with storage full, edits stay, leaving asks first, and the save retries once space is freed', async ({ app, page, context }) => {
  await app.open('#/plan');
  await app.saved();
  // Fill what is left of this site's storage, in chunks down to a few characters.
  await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 16; size >>= 1) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try { localStorage.setItem(`filler-${n++}`, chunk); } catch { break; }
      }
    }
  });
  const title = app.cell('Title', 'PAY-101');
  await title.fill('Written while the storage is full. '.repeat(20).trim());
  await title.press('Enter');
  const warning = page.getByRole('alert').filter({ hasText: 'the latest changes are not saved yet' });
  await expect(warning).toBeVisible();
  // The warning stays in view whatever the scroll.
  await page.mouse.wheel(0, 5000);
  await expect(warning).toBeInViewport();
  // Leaving asks first.
  let asked = false;
  page.once('dialog', async (dialog) => {
    asked = dialog.type() === 'beforeunload';
    await dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true }).catch(() => {});
  await expect.poll(() => asked).toBe(true);
  expect(page.isClosed()).toBe(false);
  // Another tab frees space: this one saves by itself.
  const other = await context.newPage();
  await other.goto('/#/program');
  await other.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('filler-')) localStorage.removeItem(key);
  });
  await app.saved();
  await page.reload();
  await expect(app.cell('Title', 'PAY-101')).toHaveValue('Written while the storage is full. '.repeat(20).trim());
});
