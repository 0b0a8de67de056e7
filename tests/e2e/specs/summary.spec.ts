import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../fixtures/app';
import { generatedProgram } from '../support/generate';

test('the landing view answers "will we hit the date?" first', async ({ app, page }) => {
  await app.open();
  const paragraph = page.getByLabel('Executive summary paragraph');
  await expect(paragraph).toContainText(/^\s*Program is Yellow\. We're tracking to 5 Jan 2027, 8 working days before the 15 Jan 2027 target, at \d+ % confidence \(P85: /);
  await expect(paragraph).toContainText('Decisions needed:');
  await expect(paragraph).toContainText('VP Engineering by 26 Nov');
  await expect(page.getByRole('img', { name: /S-curve: \d+ % chance of finishing by the target 15 Jan 2027/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Critical risks' })).toBeVisible();
});

test('overrides replace the paragraph and survive a reload', async ({ app, page }) => {
  await app.open('#/summary');
  await page.getByText('Edit the summary (overrides)').click();
  const headline = page.getByLabel('Headline (replaces the computed paragraph)');
  await headline.fill('Holding the date; Acme escalation is the one ask this week.');
  await headline.blur();
  await app.saved();
  await page.reload();
  await expect(page.getByLabel('Executive summary paragraph')).toHaveText('Holding the date; Acme escalation is the one ask this week.');
});

test('the summary prints on one A4 and one Letter page', async ({ app, page }, testInfo) => {
  await app.open('#/summary');
  await expect(page.getByRole('img', { name: /S-curve/ })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  for (const format of ['A4', 'Letter'] as const) {
    const pdf = await page.pdf({ format, printBackground: true });
    mkdirSync(testInfo.outputDir, { recursive: true });
    const file = join(testInfo.outputDir, `summary-${format}.pdf`);
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info, `${format} page count`).toMatch(/Pages:\s+1\n/);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Program is Yellow');
    expect(text).not.toContain('Copy as Markdown');
  }
});

test('Copy as Markdown puts the same summary on the clipboard', async ({ app, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open('#/summary');
  await expect(page.getByRole('img', { name: /S-curve/ })).toBeVisible();
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByText('Copied the summary as Markdown.')).toBeVisible();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toMatch(/^# Payments platform launch/);
  expect(markdown).toContain('Program is **Yellow**.');
  expect(markdown).toContain('## Decisions needed');
  expect(markdown).not.toMatch(/<[a-z]+[ >]/);
});

test('on a 1,000-item program the forecast never blocks the page for long', async ({ app, page }) => {
  await app.open();
  await app.importProgram('big.json', generatedProgram(1000));
  await expect(app.programName()).toHaveText('Generated 1000');
  await app.go('Summary');
  await page.evaluate(() => {
    (window as any).longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) (window as any).longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  await expect(page.getByRole('img', { name: /S-curve/ })).toBeVisible({ timeout: 30_000 });
  // Move the status date (the Monte Carlo reads it; a note would not restart it), come back
  // to the summary, and watch the forecast to the end.
  await app.go('Program');
  const statusDate = page.getByLabel('Status date', { exact: true });
  const summaryLink = app.view('Summary');
  await statusDate.fill('2026-01-12');
  await page.evaluate(() => ((window as any).longTasks = []));
  await statusDate.press('Enter');
  await summaryLink.click();
  // Plain waits, not polling assertions: the assertions' accessibility queries run on the
  // page's main thread and would be counted as the page's own long tasks.
  await page.locator('svg.s-curve').waitFor({ timeout: 30_000 });
  const longTasks: number[] = await page.evaluate(() => (window as any).longTasks);
  // A tripwire four times the 50 ms goal, so a busy machine never fails it: the goal itself
  // is measured by scripts/measure-app.mjs and its figure is in the README.
  expect(Math.max(0, ...longTasks), `long tasks: ${longTasks.join(', ')}`).toBeLessThanOrEqual(200);
});
