// Team capacity at real sizes inside Chromium (the README's capacity figures): the 1,000-item
// program of measure-scale.mjs (tests/e2e/support/scale-program.cjs) with people for every
// team of the example (8 each) and Payments at 60 % from the status date. Measured on the
// release build in dist/, served as a static host would, 3 runs:
// - the forecast with capacity (10,000 runs, in parts over the page's helper threads, one
//   helper per processor thread up to 4): from Enter on a team's People to the Summary's
//   figure, timed in the page, each run (the first replaces the import's forecast while its
//   parts are under way, the later ones find the helpers idle), and the longest task
//   while it runs (the switch from Program to Summary, the views' own drawing, is said
//   apart);
// - "Propose a better levelling" (1,000 schedules in the page's worker): from the click to
//   the proposal on screen;
// and the longest task of the page during each (Long Tasks API: only tasks over 50 ms).
// Usage: scripts/build.sh && node scripts/measure-levelling.mjs [items]   (default 1000)
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { scaleProgram } from '../tests/e2e/support/scale-program.cjs';

const items = Number(process.argv[2]) || 1000;
const port = 4191;
const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', 'dist'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `${Math.round(median(xs))} ms (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;

const program = JSON.parse(scaleProgram(items, { name: `Capacity ${items}`, capacity: true }));

const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const page = await context.newPage();
await page.goto(`http://127.0.0.1:${port}/#/program`);
await page.getByLabel('Import a program file (.json)').setInputFiles({ name: 'capacity.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(program)) });
await page.getByRole('heading', { level: 1, name: `Capacity ${items}` }).waitFor({ timeout: 120000 });
await page.evaluate(() => {
  window.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push(e.duration);
  }).observe({ type: 'longtask' });
});
const longest = () => page.evaluate(() => {
  const most = Math.max(0, ...window.__long);
  window.__long = [];
  return most;
});

const forecast = [];
const forecastLong = [];
const switchLong = [];
const propose = [];
const proposeLong = [];
for (let run = 0; run < 3; run++) {
  await page.goto(`http://127.0.0.1:${port}/#/program`);
  const people = page.getByLabel(`People of ${program.teams[1].name}`, { exact: true });
  await people.fill(String(6 + run));
  await longest();
  // Timed in the page (one clock, every frame), not by Playwright's polling, whose
  // growing intervals add up to half a second.
  const began = await page.evaluate(() => performance.now());
  await people.press('Enter');
  await page.goto(`http://127.0.0.1:${port}/#/summary`);
  // The switch from Program to Summary is a task of its own (the schedule, colours and
  // summary of the edited program, computed for the first view that shows them, and the
  // view's drawing), not the forecast's: the longest task is read apart, once it painted.
  await page.getByRole('heading', { level: 2, name: /^Executive summary/ }).waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  switchLong.push(await longest());
  const shown = await page.evaluate(() => new Promise((resolve) => {
    const look = () => (document.querySelector('.confidence .figures') ? resolve(performance.now()) : requestAnimationFrame(look));
    look();
  }));
  forecast.push(shown - began);
  forecastLong.push(await longest());

  await page.goto(`http://127.0.0.1:${port}/#/path`);
  const button = page.getByRole('button', { name: 'Propose a better levelling' });
  await button.waitFor();
  await longest();
  const t0 = Date.now();
  await button.click();
  await page.getByRole('region', { name: 'Proposed levelling' }).waitFor({ timeout: 120000 });
  propose.push(Date.now() - t0);
  proposeLong.push(await longest());
  await page.getByRole('button', { name: /^(Discard|Close)$/ }).click();
}
const said = (xs) => (Math.max(...xs) ? `longest task ${fmt(xs)}` : 'no task over 50 ms');
console.log(`${items.toLocaleString('en-US')} items (+ the example's 33), ${program.teams.length} teams of 6–8 people, Payments at 60 %:`);
console.log(`  forecast with capacity, Enter to the figure   ${fmt(forecast)} (runs: ${forecast.join(', ')} ms); ${said(forecastLong)}`);
console.log(`  (the switch from Program to Summary after the edit: ${said(switchLong)})`);
console.log(`  a proposed levelling, click to the preview    ${fmt(propose)}; ${said(proposeLong)}`);
await context.close();
await browser.close();
server.kill();
