import { test, expect, TEST_NOW } from '../fixtures/app';

// A copy outside the browser (issue 24): localStorage can be cleared, so after a week
// without an export, a backup or a share link the header says how old the last copy is.

const daysLater = (days: number) => new Date(TEST_NOW.getTime() + days * 86_400_000);

test('a week without a copy outside the browser is said in the header, and a backup resets it', async ({ app, page }) => {
  await app.open('#/plan');
  const title = app.cell('Title', 'PAY-101');
  await title.fill('Card vault, phase 1');
  await title.press('Enter');
  await app.saved();
  await expect(page.getByRole('button', { name: 'Download a backup' })).toHaveCount(0);

  // Six days on: nothing said yet.
  await page.clock.setFixedTime(daysLater(6));
  await page.reload();
  await app.saved();
  await expect(page.getByRole('button', { name: 'Download a backup' })).toHaveCount(0);

  // A week on: the header says so, and a backup is one click.
  await page.clock.setFixedTime(daysLater(7));
  await page.reload();
  const status = page.getByRole('status').filter({ hasText: 'lived only in this browser' });
  await expect(status).toContainText('This program has lived only in this browser for 7 days');
  const download = page.waitForEvent('download');
  await status.getByRole('button', { name: 'Download a backup' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
  await expect(page.getByRole('button', { name: 'Download a backup' })).toHaveCount(0);

  // Eight days after that backup: its age is said.
  await page.clock.setFixedTime(daysLater(15));
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'outside this browser' })).toContainText(
    'The last copy of this program outside this browser is 8 days old.',
  );
  // A share link is a copy outside the browser too.
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('textbox', { name: 'Share link' })).toHaveValue(/#share=/);
  await expect(page.getByRole('button', { name: 'Download a backup' })).toHaveCount(0);

  // Program says where the program lives.
  await page.keyboard.press('Escape');
  await app.go('Program');
  await expect(page.getByText(/^Stored in this browser, which /)).toBeVisible();
});
