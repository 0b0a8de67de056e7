// A program kept in a GitHub repository (docs/format.md#github), through the real fetch path
// against the loopback stand-in for the contents API (support/github-server.mjs, started by
// playwright.config.ts): connect and see the commit; a new browser gets the program back
// field for field; two browsers edit offline and neither loses a word; the same field
// asks the person; a wrong token and the rate limit say what to do and lose nothing; the
// token never leaves its entry; a #gh= link opens the current version read-only.
import type { Browser, Page } from '@playwright/test';
import { test, expect, atTestDate, exportedProgram, ThroughlinePage, TEST_NOW } from '../fixtures/app';

const SERVER = `http://127.0.0.1:${process.env.GITHUB_SERVER_PORT ?? 4020}`;
const TOKEN = 'github_pat_throughline_test';
const TOKEN_ENTRY = 'throughline/secret/github-token';
const PATH = 'programs/payments-platform-launch.json';

async function server(path: string, body?: object) {
  const response = await fetch(`${SERVER}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  expect(response.ok, `${path} answered ${response.status}`).toBe(true);
  return response.json();
}

async function commits(): Promise<{ repo: string; path: string; message: string }[]> {
  return server('/__commits');
}

async function fileText(repo = 'acme/programs', path = PATH): Promise<string> {
  const file = await server(`/__file?repo=${repo}&path=${encodeURIComponent(path)}`);
  return file.text;
}

test.beforeEach(async () => {
  await server('/__reset', {});
});

/** A failed request is logged by Chromium itself ("Failed to load resource: …"): the answers
 *  GitHub gives on purpose (404 for a file not there yet, 401, 403, 409) and the cut
 *  connections of an offline browser are taken out, so any other console error still fails. */
function forgiveNetworkErrors(app: ThroughlinePage) {
  for (let i = app.errors.length - 1; i >= 0; i -= 1) {
    if (/Failed to load resource|net::ERR_/.test(app.errors[i])) app.errors.splice(i, 1);
  }
}

function githubStatus(page: Page) {
  return page.getByRole('banner').locator('.github-status');
}

/** Program → Keep in GitHub, filled and submitted. */
async function connect(page: Page, { repo = 'acme/programs', path = '', token = TOKEN } = {}) {
  const form = page.getByRole('form', { name: 'Keep in GitHub' });
  await form.getByLabel('Repository (owner/name)').fill(repo);
  if (path) await form.getByLabel('Path in the repository').fill(path);
  await form.getByLabel('GitHub token').fill(token);
  await form.getByLabel('GitHub API address').fill(SERVER);
  await form.getByRole('button', { name: 'Connect to GitHub' }).click();
}

/** A second browser (its own storage), at the suite's date, on the Program view. */
async function newBrowser(browser: Browser): Promise<ThroughlinePage> {
  const context = await browser.newContext();
  await atTestDate(context);
  const app = new ThroughlinePage(await context.newPage());
  await app.open('#/program');
  return app;
}

/** In a browser with nothing of the program: connect, and open what the repository holds. */
async function openFromGitHub(app: ThroughlinePage) {
  await connect(app.page);
  // The repository's program is opened here; or, when it is the very program this browser
  // already has (both the untouched example), this one is connected to it.
  const found = app.page.getByRole('region', { name: 'Program found in GitHub' });
  const same = app.page.getByText(/which holds this very program/);
  await expect(found.or(same)).toBeVisible();
  if (await found.isVisible()) {
    await expect(found).toContainText('Payments platform launch');
    await found.getByRole('button', { name: 'Open it here' }).click();
  }
  await expect(githubStatus(app.page)).toContainText('Saved to GitHub');
}

/** This browser connects the example; a second browser opens it from GitHub. */
async function twoBrowsers(app: ThroughlinePage, browser: Browser): Promise<ThroughlinePage> {
  await app.page.clock.install({ time: TEST_NOW });
  await app.open('#/program');
  await connect(app.page);
  await expect(githubStatus(app.page)).toContainText('Saved to GitHub');
  const other = await newBrowser(browser);
  await openFromGitHub(other);
  return other;
}

async function setOwner(app: ThroughlinePage, id: string, owner: string) {
  const cell = app.cell('Owner', id);
  await cell.fill(owner);
  await cell.press('Enter');
}

// The clock is installed (and moved on where a test needs the minute between two commits to
// pass); a second browser has the suite's fixed date.
test.use({ testDate: null });

test('connect, edit, see the commit named by what changed; the token never leaves its entry', async ({ app, page }) => {
  await page.clock.install({ time: TEST_NOW });
  await app.open('#/program');
  await connect(page);
  await expect(page.getByText('Kept in GitHub: acme/programs/' + PATH)).toBeVisible();
  await expect(githubStatus(page)).toContainText('✓ Saved to GitHub 10:00');
  expect(await commits()).toEqual([
    expect.objectContaining({ repo: 'acme/programs', path: PATH, message: 'Throughline: Payments platform launch' }),
  ]);
  expect(JSON.parse(await fileText()).name).toBe('Payments platform launch');

  // An edit goes in the next commit, at most one a minute, named by what changed.
  await app.go('Plan');
  await setOwner(app, 'PAY-101', 'Kim Ito');
  await setOwner(app, 'PAY-102', 'Ada Obi');
  await expect(githubStatus(page)).toContainText('Edits go to GitHub within a minute');
  await page.clock.fastForward('01:05');
  await expect.poll(async () => (await commits()).length).toBe(2);
  expect((await commits())[1].message).toBe('PAY-101: owner Kim Ito; PAY-102: owner Ada Obi');
  await expect(githubStatus(page)).toContainText('✓ Saved to GitHub');
  const file = JSON.parse(await fileText());
  expect(file.items.find((i: { id: string }) => i.id === 'PAY-101').owner).toBe('Kim Ito');

  // The token: sent as the Authorization header, stored in its own entry and nowhere else.
  const requests: { auth: string }[] = await server('/__requests');
  expect(requests.every((r) => r.auth === 'test')).toBe(true);
  const holding = await page.evaluate((token) => {
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i)!;
      if ((localStorage.getItem(key) ?? '').includes(token)) keys.push(key);
    }
    return keys;
  }, TOKEN);
  expect(holding).toEqual([TOKEN_ENTRY]);
  await app.go('Program');
  expect(await exportedProgram(page)).not.toContain(TOKEN);
  expect(await fileText()).not.toContain(TOKEN);
  await expect(page.getByLabel(/^Read-only link for colleagues/)).toHaveValue(/#gh=acme\/programs\/programs\/payments-platform-launch\.json&api=/);
  expect(await page.getByLabel(/^Read-only link for colleagues/).inputValue()).not.toContain(TOKEN);
  forgiveNetworkErrors(app);
});

test('a new browser with no local copy gets every item, note, colour and report back, field for field', async ({ app, page, browser }) => {
  await page.clock.install({ time: TEST_NOW });
  await app.open('#/summary');
  // A published report, so that it comes back too.
  await page.getByRole('button', { name: "Publish this week's status" }).click();
  const preview = page.getByRole('region', { name: /^Publish the status of/ });
  await preview.getByRole('button', { name: /^Publish the status of/ }).click();
  await app.go('Program');
  await connect(page);
  await expect(githubStatus(page)).toContainText('Saved to GitHub');
  const before = JSON.parse(await exportedProgram(page));
  expect(before.reports.length).toBe(1);

  // Over GitHub's 1 MB the contents API gives no content: the file is read as a blob (the
  // stand-in answers so for anything over 1,000 bytes here).
  await server('/__scenario', { failure: null, largeOver: 1000 });
  const laptop = await newBrowser(browser);
  await openFromGitHub(laptop);
  expect((await server('/__requests')).some((r: { path: string }) => r.path.includes('/git/blobs/'))).toBe(true);
  await expect(laptop.programName()).toHaveText('Payments platform launch');
  await laptop.go('Program');
  const after = JSON.parse(await exportedProgram(laptop.page));
  expect(after).toEqual(before);
  // The laptop's program is connected: its edits go to the same file.
  await laptop.go('Plan');
  await setOwner(laptop, 'PLAT-201', 'From the laptop');
  await expect.poll(async () => JSON.parse(await fileText()).items[0].owner).toBe('From the laptop');
  forgiveNetworkErrors(app);
  forgiveNetworkErrors(laptop);
  expect(laptop.errors).toEqual([]);
  await laptop.page.context().close();
});

test('two browsers edit different fields offline; both edits end up in the repository', async ({ app, page, browser }) => {
  const other = await twoBrowsers(app, browser);

  await page.context().setOffline(true);
  await other.page.context().setOffline(true);
  await app.go('Plan');
  await setOwner(app, 'PAY-101', 'Owner set on the desktop');
  await other.go('Plan');
  const title = other.cell('Title', 'WEB-301');
  await title.fill('Checkout step redesign, set on the laptop');
  await title.press('Enter');
  // Nothing reaches GitHub while offline, and nothing is lost.
  await page.clock.fastForward('01:05');
  await expect(githubStatus(page)).toContainText('could not be reached');
  await expect(githubStatus(page)).toContainText('kept in this browser');
  expect((await commits()).length).toBe(1);

  await page.context().setOffline(false);
  await expect.poll(async () => (await commits()).length).toBe(2);
  await other.page.context().setOffline(false);
  await expect.poll(async () => (await commits()).length).toBe(3);
  const file = JSON.parse(await fileText());
  const item = (id: string) => file.items.find((i: { id: string }) => i.id === id);
  expect(item('PAY-101').owner).toBe('Owner set on the desktop');
  expect(item('WEB-301').title).toBe('Checkout step redesign, set on the laptop');
  // The laptop merged the desktop's edit in; the desktop gets the laptop's on its next read.
  await expect(other.cell('Owner', 'PAY-101')).toHaveValue('Owner set on the desktop');
  await app.go('Program');
  await page.getByRole('button', { name: 'Sync with GitHub now' }).click();
  await app.go('Plan');
  await expect(app.cell('Title', 'WEB-301')).toHaveValue('Checkout step redesign, set on the laptop');
  forgiveNetworkErrors(app);
  forgiveNetworkErrors(other);
  expect(other.errors).toEqual([]);
  await other.page.context().close();
});

test('both browsers change the same field: the person chooses, and the choice is committed', async ({ app, page, browser }) => {
  const other = await twoBrowsers(app, browser);

  await other.page.context().setOffline(true);
  await app.go('Plan');
  await setOwner(app, 'PAY-101', 'Miriam (desktop)');
  await page.clock.fastForward('01:05');
  await expect.poll(async () => (await commits()).length).toBe(2);
  await other.go('Plan');
  await setOwner(other, 'PAY-101', 'Jon (laptop)');
  await other.page.context().setOffline(false);

  const region = other.page.getByRole('region', { name: 'Changes that conflict with the copy in GitHub' });
  await expect(region).toContainText('Owner of PAY-101');
  await expect(region).toContainText('Jon (laptop)');
  await expect(region).toContainText('Miriam (desktop)');
  await other.page.getByRole('button', { name: "Take GitHub's value of Owner of PAY-101" }).click();
  await expect(other.cell('Owner', 'PAY-101')).toHaveValue('Miriam (desktop)');
  await expect(region).toHaveCount(0);
  await other.go('Program');
  await other.page.getByRole('button', { name: 'Sync with GitHub now' }).click();
  await expect.poll(async () => JSON.parse(await fileText()).items.find((i: { id: string }) => i.id === 'PAY-101').owner).toBe('Miriam (desktop)');
  forgiveNetworkErrors(app);
  forgiveNetworkErrors(other);
  expect(other.errors).toEqual([]);
  await other.page.context().close();
});

test('a wrong token, then the rate limit: each says what to do, and nothing is lost', async ({ app, page }) => {
  await page.clock.install({ time: TEST_NOW });
  await app.open('#/program');
  await connect(page, { token: 'github_pat_wrong' });
  await expect(page.locator('.github-message')).toContainText('GitHub refused the token');
  await expect(page.locator('.github-message')).toContainText('paste a new fine-grained token');
  // A refused token is not kept, and nothing is connected.
  expect(await page.evaluate((entry) => localStorage.getItem(entry), TOKEN_ENTRY)).toBeNull();
  await expect(page.getByRole('button', { name: 'Connect to GitHub' })).toBeVisible();

  await connect(page);
  await expect(githubStatus(page)).toContainText('Saved to GitHub');
  await server('/__scenario', { failure: 'ratelimited' });
  await app.go('Plan');
  await setOwner(app, 'PAY-101', 'Kept through the rate limit');
  await page.clock.fastForward('01:05');
  await expect(githubStatus(page)).toContainText(/rate limit is used up until \d?\d:\d\d/);
  await expect(githubStatus(page)).toContainText('kept in this browser');
  await expect(app.cell('Owner', 'PAY-101')).toHaveValue('Kept through the rate limit');

  await server('/__scenario', { failure: null });
  await page.getByRole('button', { name: 'Try GitHub again' }).click();
  await expect(githubStatus(page)).toContainText('Saved to GitHub');
  expect(JSON.parse(await fileText()).items.find((i: { id: string }) => i.id === 'PAY-101').owner).toBe('Kept through the rate limit');
  forgiveNetworkErrors(app);
});

test('a #gh= link opens the current version read-only, without a token for a public repository', async ({ app, page, browser }) => {
  await page.clock.install({ time: TEST_NOW });
  await app.open('#/program');
  await connect(page, { repo: 'acme/public' });
  await expect(githubStatus(page)).toContainText('Saved to GitHub');
  const link = await page.getByLabel(/^Read-only link for colleagues/).inputValue();
  await app.go('Plan');
  await setOwner(app, 'PAY-101', 'The latest owner');
  await page.clock.fastForward('01:05');
  await expect.poll(async () => (await commits()).length).toBe(2);

  const context = await browser.newContext();
  await atTestDate(context);
  const colleague = new ThroughlinePage(await context.newPage());
  await colleague.page.goto(link.replace(/^https?:\/\/[^/]+\//, '/'));
  const banner = colleague.page.getByRole('region', { name: 'Shared program' });
  await expect(banner).toContainText('the current version in GitHub (acme/public/' + PATH + ')');
  await expect(colleague.programName()).toHaveText('Payments platform launch');
  await colleague.go('Plan');
  // The current version, not the one of the day the link was made; read-only.
  await expect(colleague.cell('Owner', 'PAY-101')).toHaveValue('The latest owner');
  await expect(colleague.cell('Owner', 'PAY-101')).toHaveAttribute('readonly', '');
  const requests: { auth: string }[] = await server('/__requests');
  expect(requests.some((r) => r.auth === 'none')).toBe(true);

  // A private repository without a token: it says so, and opens nothing.
  await colleague.page.goto(link.replace(/^https?:\/\/[^/]+\//, '/').replace('acme/public', 'acme/programs'));
  await expect(colleague.page.getByRole('region', { name: 'Messages' })).toContainText('A private repository needs a token');
  forgiveNetworkErrors(app);
  forgiveNetworkErrors(colleague);
  expect(colleague.errors).toEqual([]);
  await context.close();
});

test.describe('accessibility', () => {
  // axe is injected as a script; the app's own CSP (rightly) refuses inline scripts.
  test.use({ bypassCSP: true });

  test('Keep in GitHub has no serious accessibility violation: the form, a program found, connected, a problem; light and dark, desktop and phone', async ({ app, page, browser }) => {
    const axePath = require.resolve('axe-core/axe.min.js');
    const serious = async (p: Page) => {
      await p.addScriptTag({ path: axePath });
      const violations: { id: string; impact: string; nodes: { target: string[] }[] }[] = await p.evaluate(async () =>
        (await (window as any).axe.run(document, { resultTypes: ['violations'] })).violations);
      return violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    };
    await page.clock.install({ time: TEST_NOW });
    await app.open('#/program');
    expect(await serious(page)).toEqual([]);
    await connect(page);
    await expect(githubStatus(page)).toContainText('Saved to GitHub');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await serious(page)).toEqual([]);
    await server('/__scenario', { failure: 'ratelimited' });
    await page.getByRole('button', { name: 'Sync with GitHub now' }).click();
    await expect(githubStatus(page)).toContainText('rate limit');
    expect(await serious(page)).toEqual([]);
    await server('/__scenario', { failure: null });

    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
    await atTestDate(context);
    const phone = new ThroughlinePage(await context.newPage());
    await phone.open('#/summary');
    await expect(phone.page.getByRole('link', { name: 'Program → Keep in GitHub' })).toBeVisible();
    await phone.page.getByRole('link', { name: 'Program → Keep in GitHub' }).click();
    await expect(phone.page.getByRole('heading', { level: 2, name: 'Program' })).toBeVisible();
    // A program that differs from the one here, so that it is offered to open.
    await phone.go('Plan');
    await setOwner(phone, 'PAY-102', 'Only on the phone');
    await phone.go('Program');
    await connect(phone.page);
    await expect(phone.page.getByRole('region', { name: 'Program found in GitHub' })).toBeVisible();
    expect(await serious(phone.page)).toEqual([]);
    forgiveNetworkErrors(app);
    forgiveNetworkErrors(phone);
    expect(phone.errors).toEqual([]);
    await context.close();
  });
});
