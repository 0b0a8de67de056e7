// A crash says so and loses nothing (docs/architecture.md#crashes). These run against the
// test-only crash build (target/crash-dist: the release build, compiled exactly as it ships,
// plus the `crash-test` feature), where `window.throughlineCrash()` makes the app panic in
// an event listener, as a bug in a click or key handler would: a silent wasm trap. (Not
// in a timer: this suite's fixed clock runs timers itself and only logs what they throw.)
import { test, expect, type ThroughlinePage } from '../fixtures/app';
import type { Page } from '@playwright/test';

const crashPort = Number(process.env.E2E_CRASH_PORT ?? 4175);
test.use({ baseURL: `http://127.0.0.1:${crashPort}/` });

const NOTICE = 'Throughline stopped on an internal error.';

/** Opens the crash build at a view; fails saying how to make the build if it is missing. */
async function openCrashBuild(app: ThroughlinePage, page: Page, hash: string) {
  const index = await page.request.get('/index.html');
  expect(index.ok(), 'no crash build: run scripts/build.sh target/crash-dist --features crash-test').toBe(true);
  await app.open(hash);
  expect(await page.evaluate(() => typeof (window as any).throughlineCrash)).toBe('function');
}

/** Crashes the app and returns the notice. */
async function crash(page: Page) {
  await page.evaluate(() => (window as any).throughlineCrash());
  const notice = page.getByRole('alert').filter({ hasText: NOTICE });
  await expect(notice).toBeVisible();
  return notice;
}

/** The errors a crash logs, taken out of the test's list so that any other still fails it:
 *  exactly one, the trap. */
function expectOnlyTheTrap(app: ThroughlinePage) {
  expect(app.errors.splice(0)).toEqual(['unreachable']);
}

test('a crash says so over the page, and a reload gives back every word typed before it', async ({ app, page }) => {
  await openCrashBuild(app, page, '#/plan');
  const ids = page.getByRole('table').getByRole('row').getByRole('textbox', { name: /^Id of / });
  const [committedId, typedId] = [await ids.nth(0).inputValue(), await ids.nth(1).inputValue()];

  // An edit committed (Enter) and, in another field, words typed but not committed.
  await app.cell('Title', committedId).fill('Tokenisation service, phase 2');
  await app.cell('Title', committedId).press('Enter');
  await app.cell('Title', typedId).fill('Card vault migration, half typed');
  // The crash comes before the edit's save, due 300 ms after it, has run.
  const notice = await crash(page);

  await expect(notice.getByRole('heading', { name: NOTICE })).toBeVisible();
  await expect(notice).toContainText('Everything you typed is saved.');
  // The error, in a box to copy into a bug report: the trap, where, which build.
  const details = notice.getByLabel('What went wrong, to copy into a bug report:');
  await expect(details).toHaveValue(/^RuntimeError: unreachable\n/);
  await expect(details).toHaveValue(/wasm-function\[\d+\]/);
  await expect(details).toHaveValue(/\nBuild: \.\/throughline-[0-9a-f]+\.js\n/);
  expectOnlyTheTrap(app);

  // Focus is on it, and the keyboard stays in it: the page behind is inert.
  const reload = notice.getByRole('button', { name: 'Reload' });
  await expect(reload).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(notice.getByRole('button', { name: 'Copy the error' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(details).toBeFocused();
  await expect(page.locator('.app-header')).toHaveJSProperty('inert', true);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(reload).toBeFocused();

  // Reload, from the keyboard: the app is back with every word.
  await page.keyboard.press('Enter');
  await expect(app.view('Plan')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('alert').filter({ hasText: NOTICE })).toHaveCount(0);
  await expect(app.cell('Title', typedId)).toHaveValue('Card vault migration, half typed');
  await expect(page.getByRole('status').filter({ hasText: 'Text you had typed but not saved is back in 1 field' })).toBeVisible();
  // The committed edit came back as stored, not as a draft: Escape (which discards a draft)
  // leaves it, and takes the typed words back to the stored title.
  const committed = app.cell('Title', committedId);
  await expect(committed).toHaveValue('Tokenisation service, phase 2');
  await committed.press('Escape');
  await expect(committed).toHaveValue('Tokenisation service, phase 2');
  await app.cell('Title', typedId).press('Escape');
  await expect(app.cell('Title', typedId)).not.toHaveValue('Card vault migration, half typed');
});

test('errors the app handles, or that are not its crash, show no notice', async ({ app, page }) => {
  await openCrashBuild(app, page, '#/plan');
  // A rejected promise nobody handles that holds no trap (a failed fetch, say), and an error
  // event without an exception (what a ResizeObserver loop reports): not a crash.
  await page.evaluate(async (closed) => {
    void fetch(`${closed}/nothing-listens-here`);
    void Promise.reject(new TypeError('Failed to fetch'));
    window.dispatchEvent(new ErrorEvent('error', { message: 'ResizeObserver loop completed with undelivered notifications.' }));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }, `http://127.0.0.1:${crashPort + 1}`);
  await expect(page.getByRole('alert').filter({ hasText: NOTICE })).toHaveCount(0);
  // The app still answers.
  await app.go('Board');
  for (let i = app.errors.length - 1; i >= 0; i -= 1) {
    if (/ERR_CONNECTION_REFUSED|Failed to fetch/.test(app.errors[i])) app.errors.splice(i, 1);
  }
});

test('the notice is never printed', async ({ app, page }) => {
  await openCrashBuild(app, page, '#/summary');
  const notice = await crash(page);
  expectOnlyTheTrap(app);
  await page.emulateMedia({ media: 'print' });
  await expect(notice).toBeHidden();
  await expect(page.getByRole('heading', { level: 2, name: /^Executive summary/ })).toBeVisible();
});

test.describe('the notice is readable and accessible', () => {
  // axe is injected as a script; the app's own CSP (rightly) refuses inline scripts.
  test.use({ bypassCSP: true });

  for (const scheme of ['light', 'dark'] as const) {
    test(`in ${scheme} mode`, async ({ app, page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openCrashBuild(app, page, '');
      await crash(page);
      expectOnlyTheTrap(app);
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const violations: { id: string; impact: string }[] = await page.evaluate(async () => {
        const result = await (window as any).axe.run('.crash', { resultTypes: ['violations'] });
        return result.violations;
      });
      expect(violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);
    });
  }
});
