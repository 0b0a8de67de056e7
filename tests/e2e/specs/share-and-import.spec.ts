import { readFileSync } from 'node:fs';
import { test, expect, atTestDate } from '../fixtures/app';

test('a share link opens read-only elsewhere and "Save a copy" stores it', async ({ app, page, browser }) => {
  await app.open('#/plan');
  const title = app.cell('Title', 'PAY-101');
  await title.fill('Card vault, shared version');
  await title.press('Enter');
  await app.saved();
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toContain('#share=~~');
  await expect(page.getByRole('dialog', { name: 'Share link' })).toContainText(`${link.length.toLocaleString('en-US')} characters`);

  // Another machine: a fresh browser context with empty storage.
  const other = await browser.newContext();
  await atTestDate(other);
  const second = await other.newPage();
  const errors: string[] = [];
  second.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await second.goto(link);
  const banner = second.getByRole('region', { name: 'Shared program' });
  await expect(banner).toContainText('Payments platform launch');
  await expect(banner).toContainText('read-only');
  await expect(banner).toContainText('print it or copy it as Markdown');
  // It looks read-only before anyone types: no publishing, recording, adding or importing.
  await expect(second.getByRole('button', { name: "Publish this week's status" })).toHaveCount(0);
  await expect(second.getByRole('button', { name: 'Print' })).toBeVisible();
  await expect(second.getByRole('button', { name: 'Copy as Markdown' })).toBeVisible();
  await second.getByRole('link', { name: 'Plan', exact: true }).click();
  const cell = second.getByLabel('Title of PAY-101', { exact: true });
  await expect(cell).toHaveValue('Card vault, shared version');
  await expect(cell).not.toBeEditable();
  await expect(second.getByRole('button', { name: '+ Add work item' })).toHaveCount(0);
  await expect(second.getByText('Import or pull work items from Jira or Linear')).toBeHidden();
  await cell.press('x');
  await expect(cell).toHaveValue('Card vault, shared version');
  await second.getByRole('link', { name: 'Board', exact: true }).click();
  await expect(second.getByRole('button', { name: /^Record (Green|Yellow|Red) for / })).toHaveCount(0);
  await second.getByRole('link', { name: 'Risks & decisions', exact: true }).click();
  await expect(second.getByRole('button', { name: /^Ask for a decision/ })).toHaveCount(0);
  await expect(second.getByRole('button', { name: /^Delete / })).toHaveCount(0);
  await second.getByRole('link', { name: 'Plan', exact: true }).click();
  await banner.getByRole('button', { name: 'Save a copy' }).click();
  await expect(banner).toBeHidden();
  // Now it is theirs: the cells and the controls are back, and no error is left over.
  await expect(second.getByLabel('Title of PAY-101', { exact: true })).toBeEditable();
  await expect(second.getByRole('button', { name: '+ Add work item' })).toBeVisible();
  await expect(second.getByRole('alert').filter({ hasText: 'read-only' })).toHaveCount(0);
  expect(second.url()).not.toContain('share=');
  await expect(second.getByRole('status').filter({ hasText: '✓ Saved' })).toBeVisible();
  await second.reload();
  await expect(second.getByLabel('Title of PAY-101', { exact: true })).toHaveValue('Card vault, shared version');
  expect(errors).toEqual([]);
  await other.close();
});

test('a link long enough for chat apps to cut says to send the file instead', async ({ app, page }) => {
  await app.open();
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  await expect(dialog).toContainText('characters');
  await expect(dialog).not.toContainText('cut links this long');
  await page.keyboard.press('Escape');

  // The example with 300 more work items, titled in varied words so they do not compress away.
  const program = JSON.parse(readFileSync('src/model/example.json', 'utf8'));
  const words = ['ledger', 'vault', 'refund', 'audit', 'token', 'gateway', 'retry', 'quota', 'fraud', 'payout', 'schema', 'cache'];
  let seed = 7;
  const pick = () => words[(seed = (seed * 1103515245 + 12345) % 2147483648) % words.length];
  program.name = 'Big program';
  for (let n = 0; n < 300; n++) {
    program.items.push({ id: `GEN-${n}`, title: `${pick()} ${pick()} ${pick()} ${pick()}`, team: 'pay', days: 1 + (n % 9) });
  }
  await page.goto('/#json=' + encodeURIComponent(JSON.stringify(program)));
  const banner = page.getByRole('region', { name: 'Shared program' });
  await banner.getByRole('button', { name: 'Save a copy' }).click();
  await expect(banner).toBeHidden();
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link.length).toBeGreaterThan(4000);
  await expect(dialog).toContainText('Some chat and mail apps cut links this long');
  await expect(dialog).toContainText('Export program (.json)');
});

test('the browser writes the same link, byte for byte, as the native codec', async ({ app, page }) => {
  // The link model is integer arithmetic so that every platform writes the same stream;
  // tests/codec.rs pins spec-example.json's link natively, this checks the wasm build.
  await app.open();
  const spec = readFileSync('tests/fixtures/spec-example.json', 'utf8');
  await page.goto('/#json=' + encodeURIComponent(spec));
  const banner = page.getByRole('region', { name: 'Shared program' });
  await banner.getByRole('button', { name: 'Save a copy' }).click();
  await expect(banner).toBeHidden();
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link.split('#')[1]).toBe(readFileSync('tests/fixtures/spec-share-mix.txt', 'utf8').trim());
});

test('links written by earlier versions still open', async ({ browser, baseURL }) => {
  // The first codec's plain deflate link, then the first compact (deflate) one; today's
  // links use the mixing model (`~~`) and are opened by the test above.
  for (const fixture of ['example-share-v0.txt', 'example-share-v1.txt']) {
    const link = readFileSync(`tests/fixtures/${fixture}`, 'utf8').trim();
    const context = await browser.newContext();
    await atTestDate(context);
    const page = await context.newPage();
    await page.goto(`${baseURL}#${link}`);
    const banner = page.getByRole('region', { name: 'Shared program' });
    await expect(banner, fixture).toContainText('Payments platform launch');
    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    await expect(page.getByLabel('Title of PAY-101', { exact: true })).toHaveValue(/\S/);
    await context.close();
  }
});

test('a shared link never replaces the stored program without asking', async ({ app, page }) => {
  await app.open('#/plan');
  const title = app.cell('Title', 'PAY-101');
  await title.fill('My own edit');
  await title.press('Enter');
  await app.saved();
  const program = JSON.parse(readFileSync('src/model/example.json', 'utf8'));
  program.name = 'Script-made program';
  await page.goto('/#json=' + encodeURIComponent(JSON.stringify(program)));
  const banner = page.getByRole('region', { name: 'Shared program' });
  await expect(banner).toContainText('Script-made program');
  await banner.getByRole('button', { name: 'Close without saving' }).click();
  await expect(app.programName()).toHaveText('Payments platform launch');
  await app.go('Plan');
  await expect(app.cell('Title', 'PAY-101')).toHaveValue('My own edit');
  expect(page.url()).not.toContain('json=');
});

test('a damaged link says so and changes nothing', async ({ app, page }) => {
  await app.open();
  await page.goto('/#share=KLUv_QBYdGhpcyBpcyBub3QgZGVmbGF0ZQ');
  await expect(page.getByRole('alert').filter({ hasText: 'This link could not be opened' })).toBeVisible();
  await expect(app.programName()).toHaveText('Payments platform launch');
  await expect(page.getByRole('region', { name: 'Shared program' })).toBeHidden();
});

test('a Jira CSV imports through the file picker with a preview, and re-importing keeps colours', async ({ app, page }) => {
  await app.open('#/program');
  await app.startProgram('Imported from Jira', '2026-11-02', '2027-03-31');
  await app.openImports();
  const picker = page.getByLabel('Import a Jira or Linear export (.csv)');
  await picker.setInputFiles('tests/fixtures/jira-all-fields.csv');
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('Jira export jira-all-fields.csv');
  await expect(preview).toContainText('added');
  await expect(page.getByRole('table')).toHaveCount(0);
  await preview.getByRole('button', { name: 'Apply import' }).click();
  await expect(preview).toBeHidden();
  // Focus goes to the work that came in: the first imported item's title.
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Title of PAY-/);
  const rows = app.tableRows();
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(3);
  // The TPM colours an item that has no status yet, then imports the same export again.
  await app.go('Board');
  await app.reportAs('Priya N');
  const firstId = (await app.column('No status').locator('.card-id').first().textContent())!.trim();
  await page.getByLabel(`Note for ${firstId}`).fill('Watching this one');
  await page.getByRole('button', { name: `Record Yellow for ${firstId}` }).click();
  await app.go('Plan');
  await app.openImports();
  await picker.setInputFiles('tests/fixtures/jira-all-fields.csv');
  await expect(preview).toContainText('unchanged');
  await expect(preview).not.toContainText('Added:');
  await preview.getByRole('button', { name: 'Apply import' }).click();
  await expect(app.tableRows()).toHaveCount(count);
  await app.go('Board');
  await expect(app.column('Yellow').locator(app.card(firstId))).toContainText('Watching this one');
});
