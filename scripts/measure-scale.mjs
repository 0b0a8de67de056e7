// How the app answers at real program sizes (the README's "At 1,000 and 5,000 items"): the
// release build in dist/, served as a static host would, in headless Chromium, with a
// program of the example's teams, register, risks and decisions plus N generated work items
// (tests/e2e/support/scale-program.cjs). Interaction times are Event Timing durations (input
// delay + handlers + the next paint, what INP is made of); "on screen" is from the click on
// a view's link to the first paint of its rows. Prints one table per size, the median of
// the runs of each figure and its range.
// With --capacity, every team has people (8 each) and Payments is at 60 % from the status
// date, as in measure-levelling.mjs: each commit then levels the program for its finish.
// Usage: scripts/build.sh && node scripts/measure-scale.mjs [--capacity] [sizes…]   (default 1000 5000)
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { scaleProgram } from '../tests/e2e/support/scale-program.cjs';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const capacity = process.argv.includes('--capacity');
/** The generated program of `items` items, with capacity data when asked for. */
function programOf(items) {
  return scaleProgram(items, { capacity });
}
const port = 4190;
const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', 'dist'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const fmt = (xs) => (xs.length ? `${Math.round(median(xs))} ms (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})` : 'n/a');

/** Starts recording Event Timing entries and long tasks in the page. */
async function record(page) {
  await page.evaluate(() => {
    window.__events = [];
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__events.push({ name: e.name, id: e.interactionId, duration: e.duration, start: e.startTime });
    }).observe({ type: 'event', durationThreshold: 16, buffered: false });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

/** The longest duration of each interaction recorded since `record` (keys, clicks). */
async function interactions(page) {
  // Entries are delivered after the next paint: wait for it.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
  return page.evaluate(() => {
    const by = new Map();
    for (const e of window.__events) {
      if (!e.id) continue;
      by.set(e.id, Math.max(by.get(e.id) ?? 0, e.duration));
    }
    window.__events = [];
    return [...by.values()];
  });
}

/** Time from a click on a view's link to the paint after its content is there. */
async function navigate(page, name, ready) {
  const t = await page.evaluate(async ([name, ready]) => {
    const link = [...document.querySelectorAll('nav[aria-label="Views"] a')].find((a) => a.textContent.trim() === name);
    const t0 = performance.now();
    link.click();
    for (;;) {
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      if (document.querySelector(ready)) break;
      if (performance.now() - t0 > 60000) break;
    }
    return performance.now() - t0;
  }, [name, ready]);
  return t;
}

for (const items of sizes.length ? sizes : [1000, 5000]) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/#/program`);
  await page.getByLabel('Import a program file (.json)').setInputFiles({ name: 'scale.json', mimeType: 'application/json', buffer: Buffer.from(programOf(items)) });
  await page.getByRole('heading', { level: 1, name: `Scale ${items}` }).waitFor({ timeout: 120000 });
  const results = { keys: [], enter: [], plan: [], board: [], register: [], risks: [], colour: [], boardKeys: [] };
  for (let run = 0; run < 3; run++) {
    results.plan.push(await navigate(page, 'Plan', 'table.plan-table tbody tr.window-row'));
    await record(page);
    // The first row's title: what is in view when the Plan opens.
    const title = page.locator('table.plan-table tbody tr.window-row textarea').first();
    await title.click();
    await page.keyboard.press('End');
    await interactions(page);
    await page.keyboard.type(' checkout', { delay: 60 });
    results.keys.push(...(await interactions(page)));
    await page.keyboard.press('Enter');
    results.enter.push(...(await interactions(page)));
    results.board.push(await navigate(page, 'Board', 'article.card'));
    await record(page);
    // The first card in view that takes a colour.
    const note = page.locator('article.card input[aria-label^="Note for "]').first();
    const id = (await note.getAttribute('aria-label')).slice('Note for '.length);
    await note.click();
    await page.keyboard.type('Vendor call done', { delay: 60 });
    results.boardKeys.push(...(await interactions(page)));
    await page.getByRole('button', { name: `Record Green for ${id}`, exact: true }).click();
    results.colour.push(...(await interactions(page)));
    results.register.push(await navigate(page, 'Register', 'table.register-table tbody tr'));
    results.risks.push(await navigate(page, 'Risks & decisions', '.risks table tbody tr'));
  }
  const long = await page.evaluate(() => window.__long ?? []);
  console.log(`\n${items.toLocaleString('en-US')} items (+ the example's ${33})${capacity ? ', with capacity data' : ''}:`);
  console.log(`  each key typed in a Plan title      ${fmt(results.keys)}`);
  console.log(`  Enter in a Plan cell                ${fmt(results.enter)}`);
  console.log(`  each key typed in a Board note      ${fmt(results.boardKeys)}`);
  console.log(`  recording a colour on the Board     ${fmt(results.colour)}`);
  console.log(`  Plan on screen                      ${fmt(results.plan)}`);
  console.log(`  Board on screen                     ${fmt(results.board)}`);
  console.log(`  Register on screen                  ${fmt(results.register)}`);
  console.log(`  Risks & decisions on screen         ${fmt(results.risks)}`);
  console.log(`  longest task since the last edit    ${long.length ? Math.round(Math.max(...long)) + ' ms' : 'none over 50 ms'}`);
  await context.close();
}
await browser.close();
server.kill();
