// Live pulls (docs/rules.md#import): Linear through the real fetch path in Chromium against the
// loopback stand-in (support/linear-server.mjs, started by playwright.config.ts), Jira
// through pasted, dropped and directly fetched search pages; the same preview and Apply
// as the CSV import; provenance on each item; and the key kept in its own entry only.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from '@playwright/test';
import { test, expect, atTestDate, exportedProgram, ThroughlinePage } from '../fixtures/app';

const SERVER = `http://127.0.0.1:${process.env.LINEAR_SERVER_PORT ?? 4010}`;
const ENDPOINT = `${SERVER}/graphql`;
const KEY = 'lin_api_throughline_test';
const KEY_ENTRY = 'throughline/secret/linear-key';
// Nothing listens here: the suite's "server down".
const CLOSED = 'http://127.0.0.1:4011';

async function server(path: string, body?: object) {
  const response = await fetch(`${SERVER}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  expect(response.ok, `${path} answered ${response.status}`).toBe(true);
  return response.json();
}

test.beforeEach(async () => {
  await server('/__reset', {});
});

/** Chromium logs each failed request itself ("Failed to load resource: …"); the ones a test
 *  provokes on purpose are taken out, so any other console error still fails it. */
function expectProvokedNetworkErrors(app: ThroughlinePage, pattern: RegExp) {
  for (let i = app.errors.length - 1; i >= 0; i -= 1) {
    if (pattern.test(app.errors[i]) && app.errors[i].includes('Failed to load resource')) app.errors.splice(i, 1);
  }
}

function linearPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Pull from Linear' });
}

/** Key, endpoint, "List teams and projects", then the Engineering team chosen. */
async function setUpLinear(page: Page, key = KEY, endpoint = ENDPOINT) {
  await new ThroughlinePage(page).openImports();
  const panel = linearPanel(page);
  const keyField = panel.getByLabel('Linear API key');
  if (!(await keyField.isVisible())) await panel.getByText('Set up the pull from Linear').click();
  await keyField.fill(key);
  await panel.getByLabel('Linear endpoint').fill(endpoint);
  await panel.getByRole('button', { name: 'List teams and projects' }).click();
  await panel.getByRole('checkbox', { name: 'Engineering (ENG)' }).check();
}

function row(page: Page, id: string): Locator {
  return page.getByRole('row').filter({ has: page.getByLabel(`Id of ${id}`, { exact: true }) });
}

test('Linear: pick a team, pull, preview, apply; pulling again keeps colours and notes, follows a rename and flags what is gone', async ({ app, page }) => {
  await app.open('#/program');
  await app.startProgram('Checkout from Linear', '2026-11-02', '2027-03-31');
  const panel = linearPanel(page);
  await setUpLinear(page);
  await expect(panel.getByLabel('Linear API key'), 'the key leaves the field once kept').toHaveValue('');
  await expect(panel).toContainText('A Linear key is kept in this browser, and only here.');
  await panel.getByRole('button', { name: 'Pull', exact: true }).click();

  const preview = page.getByRole('region', { name: 'Linear pull preview' });
  await expect(preview).toContainText('Linear pull of ENG: 6 added.');
  await expect(preview).toContainText('ENG-1, ENG-2, ENG-3, ENG-4, ENG-5, ENG-6');
  await expect(page.getByRole('table'), 'nothing changes before Apply').toHaveCount(0);
  const requests = await server('/__requests');
  expect(requests.map((r: { operation: string }) => r.operation)).toEqual(['picker', 'issues', 'issues']);
  expect(requests.every((r: { testKey: boolean }) => r.testKey)).toBe(true);
  expect(requests[2].variables.after, 'the second page starts after the first').toBe(
    '5f0c0a53-3c7e-4f4b-8d8e-1d2b6a2f9c11',
  );

  await preview.getByRole('button', { name: 'Apply pull' }).click();
  await expect(preview).toBeHidden();
  await app.expectRowCount(6);
  await expect(app.cell('Title', 'ENG-2')).toHaveValue('Checkout API');
  await expect(row(page, 'ENG-2')).toContainText('pulled from Linear just now');
  await expect(panel).toContainText('6 items from Linear, last pulled just now.');
  await app.saved();

  // The TPM's part: a colour and a note on a pulled item.
  await app.go('Board');
  await app.reportAs('Priya N');
  await page.getByLabel('Note for ENG-2').fill('Provider sandbox flaky');
  await page.getByRole('button', { name: 'Record Yellow for ENG-2' }).click();
  await expect(app.column('Yellow').locator(app.card('ENG-2'))).toContainText('Provider sandbox flaky');

  // A week later Linear has moved on: ENG-2 renamed, ENG-5 gone, ENG-7 new.
  await server('/__scenario', { dataset: 'changed' });
  await app.go('Plan');
  await app.openImports();
  await panel.getByRole('button', { name: 'Pull again' }).click();
  await expect(preview).toContainText('1 added');
  await expect(preview).toContainText('1 no longer in Linear');
  await expect(preview.getByText('No longer in Linear (kept, not deleted):')).toBeVisible();
  await expect(preview).toContainText('ENG-2 (title, due)');
  await preview.getByRole('button', { name: 'Apply pull' }).click();
  await app.expectRowCount(7);
  await expect(app.cell('Title', 'ENG-2')).toHaveValue('Checkout API v2');
  await expect(row(page, 'ENG-5')).toContainText(/no longer in Linear since \d+ \w+/);
  await expect(row(page, 'ENG-2')).not.toContainText('no longer');
  await expect(panel).toContainText('1 item no longer in Linear: ENG-5.');
  await app.go('Board');
  await expect(app.column('Yellow').locator(app.card('ENG-2'))).toContainText('Provider sandbox flaky');

  // Applying is one undoable edit.
  await app.go('Plan');
  await page.getByRole('heading', { level: 2, name: 'Plan' }).click();
  await page.keyboard.press('Control+z');
  await expect(app.cell('Title', 'ENG-2')).toHaveValue('Checkout API');
  await app.expectRowCount(6);
  await app.go('Board');
  await expect(app.column('Yellow').locator(app.card('ENG-2'))).toContainText('Provider sandbox flaky');
});

test('Linear: a wrong key or a rate limit says what to do and changes nothing', async ({ app, page }) => {
  await app.open('#/plan');
  const before = await app.rowCount();
  const panel = linearPanel(page);
  await setUpLinear(page);

  await panel.getByLabel('Linear API key').fill('lin_api_not_a_real_key');
  await panel.getByRole('button', { name: 'Pull', exact: true }).click();
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('Linear did not accept this API key');
  await expect(alert).toContainText('use the CSV export instead');
  await expect(page.getByRole('region', { name: 'Linear pull preview' })).toHaveCount(0);
  // A key Linear refused is not kept: the one it accepted before stays.
  expect(await page.evaluate((entry) => localStorage.getItem(entry), KEY_ENTRY)).toContain(KEY);

  await panel.getByLabel('Linear API key').fill('lin_api_throughline_ratelimited');
  await panel.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(alert).toContainText('rate limit');
  await expect(alert).toContainText('Wait about 10 minutes (Linear says the limit lifts at 10:10 UTC)');

  await server('/__scenario', { failure: 'server-error' });
  await panel.getByLabel('Linear API key').fill(KEY);
  await panel.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(alert).toContainText("Linear's server had a problem (HTTP 503)");

  await app.expectRowCount(before);
  await expect(page.getByRole('region', { name: 'Linear pull preview' })).toHaveCount(0);
  await expect(page.getByText('pulled from Linear')).toHaveCount(0);
  expectProvokedNetworkErrors(app, /status of (401|429|503)/);
});

test('Linear: a server that is down says so and changes nothing', async ({ app, page }) => {
  await app.open('#/plan');
  const before = await app.rowCount();
  const panel = linearPanel(page);
  await setUpLinear(page);
  await panel.getByLabel('Linear endpoint').fill(`${CLOSED}/graphql`);
  await panel.getByRole('button', { name: 'Pull', exact: true }).click();
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText(`Could not reach ${CLOSED}/graphql`);
  await expect(alert).toContainText('or use the CSV export instead');
  await app.expectRowCount(before);
  await expect(page.getByRole('region', { name: 'Linear pull preview' })).toHaveCount(0);
  expectProvokedNetworkErrors(app, /ERR_CONNECTION_REFUSED/);
});

test('Linear: Stop ends a pull that hangs, says so, and changes nothing', async ({ app, page }) => {
  await app.open('#/plan');
  const before = await app.rowCount();
  const panel = linearPanel(page);
  await setUpLinear(page);
  await server('/__scenario', { failure: 'hang' });
  const stop = panel.getByRole('button', { name: 'Stop the Linear pull' });
  await expect(stop).toBeHidden();
  await panel.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(panel.getByText(/Pulling from Linear: page 1, \d+ issues/)).toBeVisible();
  await stop.click();
  await expect(panel.getByRole('alert')).toHaveText('⚠ Stopped before the end: nothing changed.');
  await expect(stop).toBeHidden();
  await expect(panel.getByRole('button', { name: 'Pull', exact: true })).toBeEnabled();
  await app.expectRowCount(before);
  await expect(page.getByRole('region', { name: 'Linear pull preview' })).toHaveCount(0);

  // The next pull is not taken for stopped.
  await server('/__scenario', { failure: null });
  await panel.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Linear pull preview' })).toBeVisible();
  await expect(panel.getByRole('alert')).toHaveCount(0);
});

test('a Linear key is kept only once Linear accepted it', async ({ app, page }) => {
  await app.open('#/plan');
  await new ThroughlinePage(page).openImports();
  const panel = linearPanel(page);
  await panel.getByText('Set up the pull from Linear').click();
  await panel.getByLabel('Linear API key').fill('lin_api_not_a_real_key');
  await panel.getByLabel('Linear endpoint').fill(ENDPOINT);
  await panel.getByRole('button', { name: 'List teams and projects' }).click();
  await expect(panel.getByRole('alert')).toContainText('Linear did not accept this API key');
  expect(await page.evaluate((entry) => localStorage.getItem(entry), KEY_ENTRY)).toBeNull();
  await expect(panel).not.toContainText('A Linear key is kept in this browser');
  // The refused key is still in its field to correct; the right one is kept once listed.
  await expect(panel.getByLabel('Linear API key')).toHaveValue('lin_api_not_a_real_key');
  await panel.getByLabel('Linear API key').fill(KEY);
  await panel.getByRole('button', { name: 'List teams and projects' }).click();
  await expect(panel.getByRole('checkbox', { name: 'Engineering (ENG)' })).toBeVisible();
  await expect(panel).toContainText('A Linear key is kept in this browser, and only here.');
  expect(await page.evaluate((entry) => localStorage.getItem(entry), KEY_ENTRY)).toContain(KEY);
  expectProvokedNetworkErrors(app, /status of 401/);
});

test('a Linear key kept or forgotten in one tab shows so in the other at once', async ({ app, page, context }) => {
  await app.open('#/plan');
  await app.openImports();
  const other = new ThroughlinePage(await context.newPage());
  await other.open('#/plan');
  await other.openImports();
  const kept = (p: Page) => linearPanel(p).getByText('A Linear key is kept in this browser');
  await expect(kept(other.page)).toHaveCount(0);

  await setUpLinear(page);
  await expect(kept(page)).toBeVisible();
  await expect(kept(other.page)).toBeVisible();

  await linearPanel(other.page).getByRole('button', { name: 'Forget the Linear key' }).click();
  await expect(kept(other.page)).toHaveCount(0);
  await expect(kept(page)).toHaveCount(0);
  await expect(linearPanel(page).getByLabel('Linear API key')).toBeVisible();
  expect(await page.evaluate((entry) => localStorage.getItem(entry), KEY_ENTRY)).toBeNull();
});

test('the Linear key stays in its own entry: never in the program file, a share link, the Markdown or other storage', async ({ app, page, context, browser }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open('#/plan');
  const panel = linearPanel(page);
  await setUpLinear(page);
  await panel.getByRole('button', { name: 'Pull', exact: true }).click();
  // Pulled into the example: the items start a program of the person's own.
  await page.getByRole('region', { name: 'Linear pull preview' }).getByRole('button', { name: 'Start a new program with these items' }).click();
  await expect(app.programName()).toHaveText('From Linear pull of ENG');
  await expect(app.cell('Title', 'ENG-2')).toHaveValue('Checkout API');
  await app.saved();

  const storage: [string, string][] = await page.evaluate(() => Object.entries(localStorage));
  expect(storage.filter(([, value]) => value.includes(KEY)).map(([key]) => key)).toEqual([KEY_ENTRY]);
  expect(storage.filter(([key]) => key.includes(KEY))).toEqual([]);
  expect(storage.map(([key]) => key)).toContain(KEY_ENTRY);
  expect(await page.content(), 'not in the page either').not.toContain(KEY);

  await app.go('Program');
  const file = await exportedProgram(page);
  expect(file).toContain('"ENG-2"');
  expect(file).toContain('"pulled"');
  expect(file).not.toContain(KEY);

  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).not.toContain(KEY);
  await page.keyboard.press('Escape');
  // What the link holds, as a browser that never saw the key reads it back.
  const elsewhere = await browser.newContext();
  await atTestDate(elsewhere);
  const reader = await elsewhere.newPage();
  await reader.goto(link);
  await expect(reader.getByRole('region', { name: 'Shared program' })).toBeVisible();
  await reader.getByRole('link', { name: 'Program', exact: true }).click();
  const shared = await exportedProgram(reader);
  expect(shared).toContain('"ENG-2"');
  expect(shared).toContain('"pulled"');
  expect(shared).not.toContain(KEY);
  await elsewhere.close();

  await app.go('Summary');
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByText('Copied the summary as Markdown.')).toBeVisible();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown.length).toBeGreaterThan(100);
  expect(markdown).not.toContain(KEY);

  // Forgetting it removes it from this browser; the choice of teams stays for "Pull again".
  await app.go('Plan');
  await app.openImports();
  await panel.getByRole('button', { name: 'Forget the Linear key' }).click();
  const after: [string, string][] = await page.evaluate(() => Object.entries(localStorage));
  expect(after.filter(([key, value]) => key === KEY_ENTRY || value.includes(KEY))).toEqual([]);
  await page.reload();
  await app.openImports();
  await panel.getByRole('button', { name: 'Pull again' }).click();
  await expect(panel.getByRole('alert')).toContainText('Paste a Linear personal API key first');
});

/** A Jira Data Center site on a loopback port that allows this page (CORS with credentials). */
async function dataCenterSite(): Promise<{ site: string; server: Server; asked: string[] }> {
  const page = readFileSync('tests/fixtures/jira/search-v2-data-center.json', 'utf8');
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(req.url ?? '');
    res.writeHead(200, {
      'Access-Control-Allow-Origin': req.headers.origin ?? 'null',
      'Access-Control-Allow-Credentials': 'true',
      'Content-Type': 'application/json',
    });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { site: `http://127.0.0.1:${port}`, server, asked };
}

test('Jira: the search link, pasted and dropped pages with their next-page links, the same preview, and a direct fetch', async ({ app, page }) => {
  await app.open('#/program');
  await app.startProgram('Payments from Jira', '2026-11-02', '2027-03-31');
  await app.openImports();
  const panel = page.getByRole('region', { name: 'Pull from Jira' });
  await panel.getByText('Bring in a Jira search').click();
  await panel.getByLabel('Jira site').fill('https://acme.atlassian.net/jira/software/projects/PAY/boards/1');
  await panel.getByLabel('JQL query').fill('project = PAY');
  await panel.getByLabel('JQL query').blur();
  const open = panel.getByRole('link', { name: 'Open the search in Jira' });
  await expect(open).toHaveAttribute(
    'href',
    /^https:\/\/acme\.atlassian\.net\/rest\/api\/3\/search\/jql\?jql=project%20%3D%20PAY&fields=summary,status,.*customfield_10016.*&maxResults=100$/,
  );

  await panel.getByLabel('Jira search result (JSON)').fill(readFileSync('tests/fixtures/jira/search-jql-page-1.json', 'utf8'));
  await panel.getByRole('button', { name: 'Add the pasted page' }).click();
  const next = panel.getByRole('link', { name: 'Open the page after Pasted page 1' });
  await expect(next).toHaveAttribute('href', /&nextPageToken=Ch0jU3RyaW5nJlVFRlojSW5kZXhlZA%3D%3DIg%3D%3DJIBtaXJrIzEwMDQy$/);
  const preview = page.getByRole('region', { name: 'Jira pull preview' });
  await expect(preview).toContainText('Jira search (1 page): 3 added.');
  await expect(preview).toContainText('warning');

  await panel.getByLabel('Jira search pages (.json)').setInputFiles('tests/fixtures/jira/search-jql-page-2.json');
  await expect(preview).toContainText('Jira search (2 pages): 6 added.');
  await expect(page.getByRole('table'), 'nothing changes before Apply').toHaveCount(0);
  await preview.getByRole('button', { name: 'Apply pull' }).click();
  await app.expectRowCount(6);
  await expect(row(page, 'PAY-2')).toContainText('pulled from Jira just now');
  await expect(panel).toContainText('6 items from Jira, last pulled just now.');

  // A page that is not a search result names the problem and changes nothing.
  await panel.getByLabel('Jira search result (JSON)').fill('<html><body>Log in to Jira</body></html>');
  await panel.getByRole('button', { name: 'Add the pasted page' }).click();
  await expect(panel.getByRole('alert')).toContainText('Page 3 is a web page, not the search result');
  await expect(preview).toHaveCount(0);
  await panel.getByRole('button', { name: 'Remove Pasted page 3' }).click();
  await expect(panel.getByRole('alert')).toHaveCount(0);

  // Data Center, where the site allows this page: fetched directly, with the site's login.
  const dc = await dataCenterSite();
  try {
    await panel.getByLabel('Jira site').fill(dc.site);
    await panel.getByLabel('Jira site').blur();
    await panel.getByRole('button', { name: 'Fetch directly (Jira Data Center)' }).click();
    await expect(preview).toContainText('Jira search (1 page): 2 added');
    expect(dc.asked[0]).toMatch(/^\/rest\/api\/2\/search\?jql=project%20%3D%20PAY&.*&startAt=0$/);
    await preview.getByRole('button', { name: 'Cancel' }).click();
    await app.expectRowCount(6);
  } finally {
    dc.server.close();
  }

  // A site that does not allow it (Jira Cloud, or down): the way around is said.
  await panel.getByLabel('Jira site').fill(CLOSED);
  await panel.getByLabel('Jira site').blur();
  await panel.getByRole('button', { name: 'Fetch directly (Jira Data Center)' }).click();
  await expect(panel.getByRole('alert')).toContainText(`Could not fetch from ${CLOSED} directly`);
  await app.expectRowCount(6);
  expectProvokedNetworkErrors(app, /ERR_CONNECTION_REFUSED/);
});
