// Layouts that fit: a 1440 px window shows every column the weekly review needs
// without a sideways scroll; a 390 px phone never scrolls sideways at page level; popovers
// close on Escape, a click outside and a change of view, give focus back and stay inside the
// window; a 5,000-character unbroken title breaks nothing; print is black on white.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, givePaymentsHalf } from '../fixtures/app';

const views = ['Summary', 'Critical path', 'Register', 'Board', 'Risks & decisions', 'Plan', 'Program'];

async function pageScrollsSideways(page: import('@playwright/test').Page) {
  return page.evaluate(() => document.scrollingElement!.scrollWidth > window.innerWidth + 1);
}

test('at 1440 px the weekly-review tables show every column without a sideways scroll', async ({ app, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  for (const view of ['Register', 'Risks & decisions', 'Plan']) {
    await app.open();
    await app.go(view);
    const boxes = page.locator('.table-scroll');
    for (const box of await boxes.all()) {
      const [scroll, client] = await box.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(scroll, `${view}: a table scrolls sideways`).toBeLessThanOrEqual(client + 1);
    }
    expect(await pageScrollsSideways(page), view).toBe(false);
  }
  // The register's weekly-review columns are all there, mitigation included.
  await app.go('Register');
  for (const column of ['Owner', 'Due', 'Risk', 'Colour', 'Float', 'Last reviewed', 'Blocks', 'Mitigation']) {
    await expect(page.getByRole('columnheader', { name: column, exact: true })).toBeInViewport();
  }
});

test('at 390 px no view scrolls sideways at page level', async ({ app, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open();
  for (const view of views) {
    await app.go(view);
    expect(await pageScrollsSideways(page), `${view} scrolls sideways`).toBe(false);
  }
  // With capacity data too: the load table (six columns of numbers) scrolls in its own box,
  // reachable by keyboard, not the page; the levelling and the computed risks fit.
  await givePaymentsHalf(app, page);
  const load = page.getByRole('region', { name: 'Load of Payments against capacity (2 people)' });
  await expect(load).toBeVisible();
  await load.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => load.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  for (const view of views) {
    await app.go(view);
    expect(await pageScrollsSideways(page), `${view} with capacity data scrolls sideways`).toBe(false);
  }
  // Every view's link is on the first screen, none hidden past the edge of a strip, and
  // the header still leaves most of the first screen to the view.
  const nav = page.getByRole('navigation');
  for (const view of views) {
    await expect(nav.getByRole('link', { name: view, exact: true })).toBeInViewport({ ratio: 1 });
  }
  const header = await page.getByRole('banner').boundingBox();
  expect(header!.height).toBeLessThan(844 / 3);
});

test('at 390 px Plan cards stay short until worked in, and every field is reachable', async ({ app, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open('#/plan');
  const after = app.cell('After', 'PAY-102');
  await expect(after).toBeHidden();
  await expect(app.cell('Owner', 'PAY-102')).toBeVisible();
  const card = page.locator('tr.window-row').filter({ has: page.getByLabel('Id of PAY-102', { exact: true }) });
  const short = (await card.boundingBox())!.height;
  // Working in the card (a tap, or Tab) shows the rest, More included.
  await app.cell('Title', 'PAY-102').click();
  await expect(after).toBeVisible();
  await expect(card.locator('details.row-details > summary')).toBeVisible();
  expect((await card.boundingBox())!.height).toBeGreaterThan(short * 1.5);
  await app.cell('Days', 'PAY-102').focus();
  await page.keyboard.press('Tab');
  await expect(after).toBeFocused();
});

test('at 390 px the timeline says how to scroll and opens at the status date', async ({ app, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open('#/path');
  await expect(page.getByText('swipe it sideways to see the rest')).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.locator('svg.timeline')).toBeVisible();
  // The status line (20 Nov) is in view, not months off to the right.
  await expect.poll(() => timeline.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  const line = await timeline.evaluate((el) => {
    const x = Number(el.querySelector('svg.timeline')!.getAttribute('data-status-x'));
    return x - el.scrollLeft;
  });
  expect(line).toBeGreaterThan(0);
  expect(line).toBeLessThan(390);
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.getByText('swipe it sideways to see the rest')).toBeHidden();
});

test('popovers close on Escape, on a click outside and on a change of view, and stay inside the window', async ({ app, page }) => {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await app.open();
    const badge = page.getByRole('banner').getByRole('button', { name: /^Overall: / });
    await badge.click();
    const why = page.getByRole('dialog', { name: 'Why the program has this colour' });
    await expect(why).toBeVisible();
    const box = (await why.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    // It opens below the button, never over the header it came from.
    const badgeBox = (await badge.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(badgeBox.y + badgeBox.height);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    await page.keyboard.press('Escape');
    await expect(why).toBeHidden();
    await expect(badge).toBeFocused();
    await badge.click();
    await expect(why).toBeVisible();
    await page.getByRole('heading', { level: 2 }).first().click();
    await expect(why).toBeHidden();

    const share = page.getByRole('banner').getByRole('button', { name: 'Share' });
    await share.click();
    const panel = page.getByRole('dialog', { name: 'Share link' });
    await expect(panel).toBeVisible();
    const shareBox = (await panel.boundingBox())!;
    expect(shareBox.x + shareBox.width).toBeLessThanOrEqual(width);
    await app.view('Plan').click();
    await expect(panel).toBeHidden();
  }
});

test('a 5,000-character title without a space keeps every view inside the window and the print on one page', async ({ app, page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.open('#/plan');
  const title = app.cell('Title', 'PAY-106');
  await title.fill('Z'.repeat(5000));
  await title.press('Enter');
  await app.saved();
  for (const view of views) {
    await app.go(view);
    expect(await pageScrollsSideways(page), `${view} scrolls sideways`).toBe(false);
  }
  await app.go('Board');
  const card = (await app.card('PAY-106').boundingBox())!;
  const column = (await app.column('Yellow').boundingBox())!;
  expect(card.x + card.width).toBeLessThanOrEqual(column.x + column.width + 1);
  await app.go('Summary');
  await expect(page.getByRole('img', { name: /S-curve/ })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  mkdirSync(testInfo.outputDir, { recursive: true });
  const file = join(testInfo.outputDir, 'long-title.pdf');
  writeFileSync(file, pdf);
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
});

test('print is black on white in dark mode too', async ({ app, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open('#/summary');
  await expect(page.getByRole('img', { name: /S-curve/ })).toBeVisible();
  const screen = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(screen).not.toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark', media: 'print' });
  const printed = await page.evaluate(() => {
    const paragraph = document.querySelector('.exec-paragraph')!;
    return {
      body: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(paragraph).color,
      box: getComputedStyle(paragraph).backgroundColor,
    };
  });
  expect(printed).toEqual({ body: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)', box: 'rgb(255, 255, 255)' });
});

test('the timeline has a legend and marks the critical path by more than colour', async ({ app, page }) => {
  await app.open('#/path');
  const legend = page.getByRole('list', { name: 'Timeline legend' });
  await expect(legend).toContainText('◆ critical path (thick outline)');
  await expect(legend).toContainText('status date');
  const critical = page.locator('svg.timeline rect.bar.critical').first();
  const [fill, stroke] = await critical.evaluate((el) => [getComputedStyle(el).fill, getComputedStyle(el).strokeWidth]);
  const statusRed = await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--red)';
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  });
  expect(fill).not.toBe(statusRed);
  expect(parseFloat(stroke)).toBeGreaterThanOrEqual(2);
  // Labels never run into the bars: each ends before the bars begin.
  const overlaps = await page.evaluate(() => {
    const labels = [...document.querySelectorAll('svg.timeline text.label')] as SVGTextElement[];
    return labels.filter((t) => t.getBBox().x + t.getBBox().width > 332).map((t) => t.textContent);
  });
  expect(overlaps).toEqual([]);
});
