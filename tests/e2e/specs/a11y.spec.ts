// Accessibility: axe-core finds no critical or serious violation on any view, in
// light and dark mode, at desktop and phone width, with every panel open; a skip link leads
// to the content.
import { test, expect } from '../fixtures/app';

const axePath = require.resolve('axe-core/axe.min.js');

// axe is injected as a script; the app's own CSP (rightly) refuses inline scripts.
test.use({ bypassCSP: true });
const views = ['Summary', 'Critical path', 'Register', 'Board', 'Risks & decisions', 'Plan', 'Program'];

type Violation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

async function seriousViolations(page: import('@playwright/test').Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations: Violation[] = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Opens what a view can show besides its default state. */
async function openPanels(page: import('@playwright/test').Page, view: string) {
  // One at a time: opening one may draw or move others. Of a list's rows, the first
  // row's details stand for them all.
  const closed = page.locator('details:not([open]):not(.row-details) > summary').filter({ visible: true });
  for (let guard = 0; guard < 30 && (await closed.count()) > 0; guard++) {
    await closed.first().click();
  }
  const firstRow = page.locator('details.row-details:not([open]) > summary').filter({ visible: true }).first();
  if (await firstRow.count()) await firstRow.click();
  if (view === 'Register') await page.getByRole('button', { name: 'Start the weekly review' }).click();
}

for (const scheme of ['light', 'dark'] as const) {
  for (const [device, width, height] of [['desktop', 1440, 900], ['phone', 390, 844]] as const) {
    test(`no serious accessibility violation on any view, ${scheme}, ${device}`, async ({ app, page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height });
      await app.open();
      const found: string[] = [];
      for (const view of views) {
        await app.go(view);
        if (view === 'Summary') await expect(page.getByRole('img', { name: /S-curve/ })).toBeVisible();
        await openPanels(page, view);
        found.push(...(await seriousViolations(page)).map((v) => `${view}: ${v}`));
      }
      // The header's panels, open.
      await page.getByRole('banner').getByRole('button', { name: /^Overall: / }).click();
      found.push(...(await seriousViolations(page)).map((v) => `colour popover: ${v}`));
      await page.keyboard.press('Escape');
      await page.getByRole('banner').getByRole('button', { name: 'Share' }).click();
      found.push(...(await seriousViolations(page)).map((v) => `share panel: ${v}`));
      expect(found).toEqual([]);
    });
  }
}

test('a skip link leads past the header to the content', async ({ app, page }) => {
  await app.open('#/plan');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('focus goes where the work is after each action', async ({ app, page }) => {
  await app.open('#/register');
  await page.getByRole('button', { name: 'Start the weekly review' }).click();
  await expect(page.getByRole('heading', { name: 'Weekly review' })).toBeFocused();
  await page.getByRole('button', { name: 'Stop the review' }).click();
  await expect(page.getByRole('button', { name: 'Start the weekly review' })).toBeFocused();
  await app.go('Plan');
  await page.getByRole('button', { name: '+ Add work item' }).click();
  await expect(app.cell('Title', 'NEW-1')).toBeFocused();
});
