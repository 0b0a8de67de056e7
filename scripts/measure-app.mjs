// Browser measurements for the README: gzipped size of what the page loads and the time
// from navigation to the example program on screen in headless Chromium (median of runs),
// on the release build in dist/; then the schedule and forecast timed inside Chromium, on a
// build with the `measure` feature (made here in target/measure-dist, never shipped).
// Usage: node scripts/measure-app.mjs   (after scripts/build.sh; serves both itself)
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const port = 4180;
const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', 'dist'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));

const sizes = {};
for (const name of readdirSync('dist')) {
  const ext = name.split('.').pop();
  if (!['wasm', 'js', 'css'].includes(ext)) continue;
  const bytes = readFileSync(`dist/${name}`);
  // Several files can share an extension (the glue and the service worker are both .js).
  const size = (sizes[ext] ??= { raw: 0, gzip: 0 });
  size.raw += bytes.length;
  size.gzip += gzipSync(bytes, { level: 9 }).length;
}
const total = Object.values(sizes).reduce((sum, s) => sum + s.gzip, 0);
console.log('size (bytes, gzip -9):', JSON.stringify(sizes), 'total gzip', total);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const times = [];
for (let run = 0; run < 7; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const start = Date.now();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByRole('heading', { level: 1, name: 'Payments platform launch' }).waitFor();
  times.push(Date.now() - start);
  await context.close();
}
times.sort((a, b) => a - b);
console.log('navigation → example program on screen (ms), median of 7:', times[3], 'runs:', times.join(' '));
server.kill();

// Compiled as the shipped build is (scripts/release-env.sh), with the `measure` feature.
// (Trunk's post_build hook writes the CSP's script hashes, as for dist/.)
execFileSync('bash', ['-c', '. scripts/release-env.sh && exec trunk build --release --offline --features measure --dist target/measure-dist'], { stdio: 'inherit' });
const measureServer = spawn('python3', ['-m', 'http.server', String(port + 1), '--bind', '127.0.0.1', '--directory', 'target/measure-dist'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${port + 1}/`);
await page.getByRole('heading', { level: 1 }).waitFor();
console.log('in-browser engine timings (generate(n, 1)):', await page.evaluate(() => window.throughlineMeasure()));
await browser.close();
measureServer.kill();
