// Publishing the weekly status: publish, slip a critical dependency by ten working
// days, move the status date a week, publish again — the summary states the slip with both
// dates and "2 weeks behind last report", the trend shows two reports, the baseline shows on
// Path and in the Register, and the summary still prints on one page.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/app';

/** Publish, through its preview: focus goes to the preview, then to the report's link. */
async function publishThrough(page: Page, date: string) {
  await page.getByRole('button', { name: "Publish this week's status" }).click();
  const preview = page.getByRole('region', { name: `Publish the status of ${date}?` });
  await expect(preview.getByRole('heading', { name: `Publish the status of ${date}?` })).toBeFocused();
  await preview.getByRole('button', { name: `Publish the status of ${date}`, exact: true }).click();
  await expect(page.getByRole('link', { name: `Open the report of ${date}` })).toBeFocused();
  return preview;
}

test('publish, slip, publish again: the exact change, the trend and the baseline', async ({ app, page }, testInfo) => {
  await app.open('#/summary');
  await expect(page.getByRole('img', { name: /S-curve/ })).toBeVisible();
  // The preview says what the report will keep before anything is published.
  await page.getByRole('button', { name: "Publish this week's status" }).click();
  const first = page.getByRole('region', { name: 'Publish the status of 20 Nov 2026?' });
  await expect(first).toContainText(await page.getByLabel('Executive summary paragraph').innerText());
  await expect(first).toContainText('What changed since 13 Nov 2026');
  await expect(first.getByRole('listitem').filter({ hasText: 'Vendor payments API v3 (VEND-1) went Red → Yellow on 20 Nov.' })).toBeVisible();
  await first.getByRole('button', { name: 'Cancel' }).click();
  await expect(first).toHaveCount(0);
  await publishThrough(page, '20 Nov 2026');
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

  await page.getByRole('button', { name: "Publish this week's status" }).click();
  await expect(page.getByRole('region', { name: 'Publish the status of 27 Nov 2026?' }))
    .toContainText('Vendor payments API v3 (VEND-1) slipped 10 working days: finish 30 Nov → 14 Dec, on the critical path.');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await publishThrough(page, '27 Nov 2026');
  await expect(page.getByRole('status').filter({ hasText: 'Published the status of 27 Nov 2026' })).toBeVisible();
  // Publishing again the same day says first that it replaces that report.
  await page.getByRole('button', { name: "Publish this week's status" }).click();
  await expect(page.getByRole('region', { name: 'Publish the status of 27 Nov 2026?' }).getByRole('alert'))
    .toHaveText('A report is already published for 27 Nov 2026: publishing replaces it with this.');
  await page.getByRole('button', { name: 'Cancel' }).click();
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
  await publishThrough(page, '20 Nov 2026');
  // Change the colour override afterwards: the report keeps what was published.
  await page.getByText('Edit the summary (overrides)').click();
  await page.getByLabel('Headline (replaces the computed paragraph)').fill('Holding the date.');
  await page.getByLabel('Headline (replaces the computed paragraph)').blur();
  await app.go('Program');
  await page.getByRole('link', { name: 'Report of 20 Nov 2026' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Published report of 20 Nov 2026' })).toBeVisible();
  await expect(page.locator('.exec-paragraph')).toHaveText(before.trim());
  await expect(page.getByText('Read-only: this is what was reported that week.')).toBeVisible();
  // What the summary said of risks, decisions and the critical path, in words.
  const report = page.getByRole('region', { name: 'Published report of 20 Nov 2026' });
  await expect(report.getByRole('heading', { name: 'Decisions needed' })).toBeVisible();
  await expect(report.getByRole('heading', { name: 'Critical risks' })).toBeVisible();
  await expect(report.getByRole('heading', { name: 'Critical path' })).toBeVisible();
  // Each entry with its title and that week's note, not a bare id.
  const vendor = report.getByRole('row').filter({ hasText: 'VEND-1' });
  await expect(vendor).toContainText('Vendor payments API v3');
  await expect(vendor).toContainText('Acme exec sponsor reconfirmed 30 Nov on a call');
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
