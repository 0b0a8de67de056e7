import { readFileSync } from 'node:fs';
import { test, expect, exportedProgram } from '../fixtures/app';

test('a first visit shows the example program and a way to start a new one', async ({ app, page }) => {
  await app.open();
  await expect(app.programName()).toHaveText('Payments platform launch');
  await app.go('Plan');
  // Every row counts, drawn or not (long lists draw only what is near the screen).
  expect(Number(await page.getByRole('table').getAttribute('aria-rowcount'))).toBeGreaterThan(20);
  // It says it is the example, and how to start your own, right there.
  await app.go('Summary');
  await expect(page.getByRole('heading', { name: 'This is the built-in example program' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start your own program' })).toBeVisible();
});

test('every view has an address that survives a reload', async ({ app, page }) => {
  await app.open('#/program');
  await expect(page.getByRole('heading', { level: 2, name: 'Program' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Program' })).toBeVisible();
  await expect(app.view('Program')).toHaveAttribute('aria-current', 'page');
});

test('the app works under a sub-path and keeps the view on reload', async ({ app, page }) => {
  // The sub-path server of playwright.config.ts, on the same port.
  const subPathPort = Number(process.env.E2E_SUBPATH_PORT ?? 4174);
  await page.goto(`http://127.0.0.1:${subPathPort}/tools/throughline/#/plan`);
  await expect(page.getByRole('heading', { level: 2, name: 'Plan' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Plan' })).toBeVisible();
  await expect(app.programName()).toHaveText('Payments platform launch');
});

test('an edit in Plan survives a reload', async ({ app, page }) => {
  await app.open('#/plan');
  const firstId = await page.getByRole('table').getByRole('row').nth(1).getByRole('textbox', { name: /^Id of / }).inputValue();
  const title = app.cell('Title', firstId);
  await title.fill('Tokenisation service, phase 2');
  await title.press('Enter');
  await app.saved();
  await page.reload();
  await expect(app.cell('Title', firstId)).toHaveValue('Tokenisation service, phase 2');
});

test('an invalid value is refused with a message and changes nothing', async ({ app, page }) => {
  await app.open('#/plan');
  const id = await page.getByRole('table').getByRole('row').nth(3).getByRole('textbox', { name: /^Id of / }).inputValue();
  const days = app.cell('Days', id);
  const before = await days.inputValue();
  await days.fill('two weeks');
  await days.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'not a whole number' })).toBeVisible();
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  // Nothing was stored: after a reload the typed text is offered back as a draft (typing is
  // never lost), and Escape discards it to show the value that is stored.
  await page.reload();
  await expect(app.cell('Days', id)).toHaveValue('two weeks');
  await app.cell('Days', id).press('Escape');
  await expect(app.cell('Days', id)).toHaveValue(before);
});

test('adding and deleting an item can be undone with the button and Ctrl+Z', async ({ app, page }) => {
  await app.open('#/plan');
  const table = page.getByRole('table');
  const count = Number(await table.getAttribute('aria-rowcount'));
  const rows = { toHaveCount: (n: number) => expect(table).toHaveAttribute('aria-rowcount', String(n)) };
  await page.getByRole('button', { name: 'Add work item' }).click();
  await rows.toHaveCount(count + 1);
  await expect(app.cell('Title', 'NEW-1')).toHaveValue('New work item');
  // The new row is in view with its title focused, ready to type over.
  await expect(app.cell('Title', 'NEW-1')).toBeFocused();
  await expect(app.cell('Title', 'NEW-1')).toBeInViewport();
  await app.deleteItem('NEW-1');
  await rows.toHaveCount(count);
  await page.getByRole('button', { name: /Undo/ }).click();
  await rows.toHaveCount(count + 1);
  await app.deleteItem('NEW-1');
  await rows.toHaveCount(count);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await expect(app.cell('Title', 'NEW-1')).toBeVisible();
  await app.saved();
  await page.reload();
  await expect(app.cell('Title', 'NEW-1')).toBeVisible();
});

test('export then import gives back the same program, as a new one', async ({ app, page }) => {
  await app.open('#/program');
  const exported = await exportedProgram(page);

  await page.getByLabel('Import a program file (.json)').setInputFiles({ name: 'exported.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(page.getByRole('status').filter({ hasText: 'as a new program' })).toBeVisible();
  await expect(page.getByRole('list').getByRole('button', { name: /^Open / })).toHaveCount(1);

  expect(JSON.parse(await exportedProgram(page))).toEqual(JSON.parse(exported));
});

test('an invalid program file is refused with every problem and nothing changes', async ({ app, page }, info) => {
  await app.open('#/program');
  const file = info.outputPath('bad.json');
  require('node:fs').writeFileSync(
    file,
    JSON.stringify({ format: 'throughline/1', name: 'Bad', start: '2026-02-30', target: 'soon', items: [{ id: 'A' }] }),
  );
  await page.getByLabel('Import a program file (.json)').setInputFiles(file);
  const problems = page.getByRole('alert').filter({ hasText: 'was not imported' });
  await expect(problems).toContainText('start: expected a date');
  await expect(problems).toContainText('target: expected a date');
  await expect(problems).toContainText('items[A].title: is missing');
  await expect(app.programName()).toHaveText('Payments platform launch');
});

test('corrupt stored data gives a message, can be downloaded, and is still there afterwards', async ({ app, page }) => {
  const corrupt = '{"v":1,"rev":3,"tab":"t","program":{"format":"throughline/1","name":"Q3 roadmap","start":"2026-';
  await page.addInitScript((value) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('throughline/program/p-old', value);
      localStorage.setItem('throughline/index', JSON.stringify({ current: 'p-old', programs: [{ id: 'p-old', name: 'Q3 roadmap' }] }));
      sessionStorage.setItem('seeded', '1');
    }
  }, corrupt);
  await app.open();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await expect(alert).toContainText('Q3 roadmap');
  await expect(alert).toContainText('kept exactly as it was');
  const download = page.waitForEvent('download');
  await alert.getByRole('button', { name: 'Download the unreadable data' }).click();
  const path = await (await download).path();
  expect(readFileSync(path, 'utf8')).toBe(corrupt);
  const kept = () => page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('throughline/quarantine/'));
    return key ? localStorage.getItem(key) : null;
  });
  expect(await kept()).toBe(corrupt);

  // The app still works (the example opens as a program of its own) and edits are saved...
  await app.go('Plan');
  await page.getByRole('button', { name: 'Add work item' }).click();
  await app.saved();
  await page.reload();
  // ...without touching the unreadable data, kept aside exactly as it was.
  expect(await kept()).toBe(corrupt);
  await expect(page.getByRole('alert').filter({ hasText: 'could not be read' })).toBeVisible();
});
