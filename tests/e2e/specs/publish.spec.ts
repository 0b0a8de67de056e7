// Publishing the weekly status: publish, slip a critical dependency by ten working
// days, move the status date a week, publish again — the summary states the slip with both
// dates and "2 weeks behind last report", the trend shows two reports, the baseline shows on
// Path and in the Register, and the summary still prints on one page.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../fixtures/app';

test('publish, slip, publish again: the exact change, the trend and the baseline', async ({ app, page }, testInfo) => {
  await app.open('#/summary');
  await expect(page.getByRole('img', { name: /S-curve/ })).toBeVisible();
  const publish = page.getByRole('button', { name: "Publish this week's status" });
  await publish.click();
  await expect(page.getByRole('status').filter({ hasText: 'Published the status of 20 Nov 2026' })).toBeVisible();

  await app.go('Program');
  await page.getByRole('button', { name: 'Make the report of 20 Nov 2026 the baseline' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Report of 20 Nov 2026' })).toContainText('baseline');

  // The vendor's API moves from 30 Nov to 14 Dec: ten working days on the critical path.
  await app.go('Register');
  const due = page.getByLabel('Due of VEND-1', { exact: true });
  await due.fill('2026-12-14');
  await due.press('Enter');
  await expect(page.getByRole('row').filter({ has: due })).toContainText('baseline 30 Nov (+10 working days)');

  await app.go('Program');
  const statusDate = page.getByLabel('Status date', { exact: true });
  await statusDate.fill('2026-11-27');
  await statusDate.press('Enter');
  await app.saved();

  await app.go('Summary');
  await expect(page.getByRole('img', { name: /S-curve/ })).toBeVisible();
  const paragraph = page.getByLabel('Executive summary paragraph');
  await expect(paragraph).toContainText('2 weeks behind last report');
  const words = (await paragraph.innerText()).trim().split(/\s+/).length;
  expect(words, await paragraph.innerText()).toBeLessThanOrEqual(100);
  const changes = page.getByRole('region', { name: 'What changed since the report of 20 Nov 2026' });
  await expect(changes).toContainText('Vendor payments API v3 (VEND-1) slipped 10 working days: finish 30 Nov → 14 Dec, on the critical path.');
  await expect(changes).toContainText('Forecast finish moved from 5 Jan 2027 to 19 Jan 2027 (+10 working days).');

  await publish.click();
  await expect(page.getByRole('status').filter({ hasText: 'Published the status of 27 Nov 2026' })).toBeVisible();
  const trend = page.getByRole('img', { name: /Report of 20 Nov: finish 5 Jan/ });
  await expect(trend).toBeVisible();
  await expect(trend).toHaveAccessibleName(/Report of 27 Nov: finish 19 Jan/);
  await expect(trend.locator('circle.trend-point')).toHaveCount(2);

  await app.go('Critical path');
  await expect(page.getByRole('list', { name: 'Timeline legend' })).toContainText('baseline of 20 Nov');
  await expect(page.locator('svg.timeline rect.baseline').first()).toBeAttached();
  await expect(page.getByRole('img', { name: /Timeline/ }).getByText('+10 wd').first()).toBeAttached();

  await app.go('Summary');
  await expect(page.getByRole('img', { name: /S-curve/ })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  for (const format of ['A4', 'Letter'] as const) {
    const pdf = await page.pdf({ format, printBackground: true });
    mkdirSync(testInfo.outputDir, { recursive: true });
    const file = join(testInfo.outputDir, `published-${format}.pdf`);
    writeFileSync(file, pdf);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' }), `${format} pages`).toMatch(/Pages:\s+1\n/);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Trend of the date');
  }
});

test('a published report opens read-only, as it was', async ({ app, page }) => {
  await app.open('#/summary');
  await expect(page.getByRole('img', { name: /S-curve/ })).toBeVisible();
  const before = await page.getByLabel('Executive summary paragraph').innerText();
  await page.getByRole('button', { name: "Publish this week's status" }).click();
  // Change the colour override afterwards: the report keeps what was published.
  await page.getByText('Edit the summary (overrides)').click();
  await page.getByLabel('Headline (replaces the computed paragraph)').fill('Holding the date.');
  await page.getByLabel('Headline (replaces the computed paragraph)').blur();
  await app.go('Program');
  await page.getByRole('link', { name: 'Report of 20 Nov 2026' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Published report of 20 Nov 2026' })).toBeVisible();
  await expect(page.locator('.exec-paragraph')).toHaveText(before.trim());
  await expect(page.getByText('Read-only: this is what was reported that week.')).toBeVisible();
});

test("the S-curve's percentage is the paragraph's", async ({ app, page }) => {
  await app.open('#/summary');
  const curve = page.getByRole('img', { name: /S-curve/ });
  await expect(curve).toBeVisible();
  const name = (await curve.getAttribute('aria-label'))!;
  const curvePercent = name.match(/S-curve: (\d+ %) chance/)![1];
  await expect(page.getByLabel('Executive summary paragraph')).toContainText(`${curvePercent} confidence`);
  await expect(page.locator('.confidence .figures')).toContainText(`Date confidence: ${curvePercent} for 15 Jan 2027`);
});
