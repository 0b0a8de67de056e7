// Offline and instant on return: after one visit the service worker has the build's files,
// so the app opens the stored program with the network cut — at the root of a host and
// under a sub-path, the levelling search's worker included — and a newer build is offered
// with a notice, never forced.
//
// Each test serves dist/ itself (a copy, for the update test) so it can really cut the
// network: the server is closed and the browser context set offline.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, givePaymentsHalf, recordWorkerAnswers, workerAnswers } from '../fixtures/app';

const dist = join(__dirname, '../../../dist');
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

/** A static file server for `dir` at `prefix` (like `python3 -m http.server`), on a free port. */
async function serve(dir: string, prefix = '/'): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      response.writeHead(404).end();
      return;
    }
    const relative = normalize(path.slice(prefix.length) || 'index.html').replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, relative.endsWith('/') || relative === '.' ? join(relative, 'index.html') : relative);
    try {
      const body = readFileSync(file);
      response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}${prefix}`, server };
}

async function stop(server: Server) {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** Waits until the service worker serves this page and has stored the whole build. */
async function keptOffline(page: Page) {
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const stored = await page.evaluate(async () => {
    const names = (await caches.keys()).filter((name) => name.startsWith('throughline:'));
    const cache = await caches.open(names[0]);
    return { names, urls: (await cache.keys()).map((request) => request.url) };
  });
  expect(stored.names).toHaveLength(1);
  expect(stored.urls.some((url) => url.endsWith('.wasm'))).toBe(true);
  expect(stored.urls.some((url) => url.endsWith('/index.html'))).toBe(true);
}

/** Renames the first Plan item, so the reload must show the stored program, not the example. */
async function editPlan(page: Page, title: string): Promise<string> {
  const id = await page.getByRole('table').getByRole('row').nth(1).getByRole('textbox', { name: /^Id of / }).inputValue();
  const cell = page.getByLabel(`Title of ${id}`, { exact: true });
  await cell.fill(title);
  await cell.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  return id;
}

for (const prefix of ['/', '/tools/throughline/']) {
  test(`after one visit the app opens the stored program with the network cut (served at ${prefix})`, async ({ app, page, context }) => {
    const { url, server } = await serve(dist, prefix);
    await recordWorkerAnswers(page);
    try {
      await page.goto(url + '#/plan');
      await expect(page.getByRole('heading', { level: 2, name: 'Plan' })).toBeVisible();
      const id = await editPlan(page, 'Tokenisation service, offline');
      await keptOffline(page);

      await stop(server);
      await context.setOffline(true);
      await page.reload();
      await expect(page.getByRole('heading', { level: 2, name: 'Plan' })).toBeVisible();
      await expect(app.programName()).toHaveText('Payments platform launch');
      await expect(page.getByLabel(`Title of ${id}`, { exact: true })).toHaveValue('Tokenisation service, offline');

      // The levelling search's worker loads the app's module from the same cache.
      await givePaymentsHalf(app, page);
      await app.go('Critical path');
      const worker = page.waitForEvent('worker');
      await page.getByRole('button', { name: 'Propose a better levelling' }).click();
      expect((await worker).url()).toBe(url + 'public/work.js');
      await expect(page.getByRole('region', { name: 'Proposed levelling' })).toContainText('Finish 18 Jan 2027 → 13 Jan 2027');
      const answers = await workerAnswers(page);
      expect(answers).toHaveLength(1);
      expect(JSON.parse(answers[0])).toContain('PAY-113');

      // A new tab, typed address without the view: the app, on its landing view.
      const second = await context.newPage();
      await second.goto(url);
      await expect(second.getByRole('heading', { level: 2, name: /^Executive summary/ })).toBeVisible();
      await second.close();
    } finally {
      await context.setOffline(false);
      if (server.listening) await stop(server);
    }
  });
}

test('a newer build is offered with a notice that never interrupts an edit, and Reload switches to it', async ({ app, page }) => {
  const copy = mkdtempSync(join(tmpdir(), 'throughline-sw-'));
  cpSync(dist, copy, { recursive: true });
  const { url, server } = await serve(copy);
  try {
    await page.goto(url + '#/plan');
    await keptOffline(page);
    const before = await page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('throughline:')));

    // Someone is typing in a field when the host gets a new build.
    const id = await page.getByRole('table').getByRole('row').nth(1).getByRole('textbox', { name: /^Id of / }).inputValue();
    const cell = page.getByLabel(`Title of ${id}`, { exact: true });
    await cell.click();
    await cell.press('Control+End');
    await cell.pressSequentially(' Half-typed');
    const worker = join(copy, 'sw.js');
    const build = before[0].split(':').pop() as string;
    writeFileSync(worker, readFileSync(worker, 'utf8').split(build).join(build + 'next'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    const notice = page.getByRole('status').filter({ hasText: 'New version available — reload' });
    await expect(notice).toBeVisible();
    // Nothing moved under the person: same field, same text, still focused, same view.
    await expect(cell).toBeFocused();
    await expect(cell).toHaveValue(/Half-typed$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Plan' })).toBeVisible();

    await cell.press('Enter');
    await notice.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Plan' })).toBeVisible();
    await expect(notice).toHaveCount(0);
    await expect(page.getByLabel(`Title of ${id}`, { exact: true })).toHaveValue(/Half-typed$/);
    // The newer build serves the page and the older build's cache is gone.
    await expect
      .poll(() => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('throughline:'))))
      .toEqual([before[0] + 'next']);
    expect(app.errors).toEqual([]);
  } finally {
    await stop(server);
    rmSync(copy, { recursive: true, force: true });
  }
});
