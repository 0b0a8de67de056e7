import { readFileSync } from 'node:fs';
import { test, expect } from '../fixtures/app';
import { generatedProgram } from '../support/generate';

test('the example program shows its critical path and finish against the target', async ({ app, page }) => {
  await app.open('#/path');
  await expect(page.getByText('Finishes 5 Jan 2027, 8 working days before the target (15 Jan 2027).')).toBeVisible();
  const chain = page.locator('.chain-list');
  for (const id of ['VEND-1', 'PAY-106', 'PAY-109', 'PLAT-204', 'PAY-110', 'PAY-111', 'PAY-112', 'PAY-113']) {
    await expect(chain).toContainText(id);
  }
  await expect(page.getByRole('img', { name: /Timeline of 38 items and dependencies/ })).toBeVisible();
});

test('what-if shows the new finish and what moves, without changing the program', async ({ app, page }) => {
  await app.open('#/path');
  await page.getByRole('combobox', { name: 'What if' }).selectOption('VEND-1');
  await page.getByLabel('slips by (working days)').fill('12');
  const result = page.locator('.what-if-result');
  await expect(result).toContainText('The finish moves from 5 Jan 2027 to');
  await expect(result).toContainText('PAY-106: finish');
  await expect(result).toContainText('PAY-113: finish');
  // A small slip of something with float moves nothing at the end.
  await page.getByRole('combobox', { name: 'What if' }).selectOption('LEGAL-1');
  await page.getByLabel('slips by (working days)').fill('3');
  await expect(result).toContainText('The finish stays on 5 Jan 2027');
  await expect(page.getByText('Finishes 5 Jan 2027, 8 working days before the target (15 Jan 2027).')).toBeVisible();
});

test('the schedule CSV matches the view', async ({ app, page }) => {
  await app.open('#/path');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export schedule (.csv)' }).click();
  const file = await (await download).path();
  const lines = readFileSync(file!, 'utf8').trim().split(/\r?\n/);
  expect(lines[0]).toBe('id,title,owner,start,finish,float,critical,colour');
  expect(lines).toHaveLength(1 + 33 + 5);
  const critical = lines.slice(1).filter((l) => l.split(',').at(-2) === 'yes').map((l) => l.split(',')[0]);
  expect(critical.sort()).toEqual(['PAY-106', 'PAY-109', 'PAY-110', 'PAY-111', 'PAY-112', 'PAY-113', 'PLAT-204', 'VEND-1'].sort());
  const ga = lines.find((l) => l.startsWith('PAY-113,'))!;
  expect(ga).toContain(',2027-01-05,2027-01-05,0,yes,');
  const stale = lines.find((l) => l.startsWith('MOB-502,'))!;
  expect(stale.endsWith(',red')).toBe(true);
});

test('the Plan shows float and critical items', async ({ app, page }) => {
  await app.open('#/plan');
  // Found with the filter box, as a person would in a long plan.
  await page.getByLabel('Find in work items').fill('PAY-106');
  await expect(page.getByRole('row').filter({ has: page.getByLabel('Title of PAY-106', { exact: true }) })).toContainText('◆ critical (0)');
  await page.getByLabel('Find in work items').fill('MOB-502');
  await expect(page.getByRole('row').filter({ has: page.getByLabel('Title of MOB-502', { exact: true }) })).toContainText('◇ near-critical (2)');
});

test('a 1,000-item program imported as a file renders its timeline', async ({ app, page }) => {
  await app.open();
  await app.importProgram('big.json', generatedProgram(1000));
  await expect(app.programName()).toHaveText('Generated 1000');
  await app.go('Critical path');
  const timeline = page.getByRole('img', { name: /Timeline of 1000 items and dependencies/ });
  await expect(timeline).toBeVisible();
  // As tall as every row needs, but only the rows in view are drawn.
  const labels = () => page.locator('svg.timeline g.row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
  const top = await labels();
  expect(top.length).toBeGreaterThan(10);
  expect(top.length).toBeLessThan(200);
  const region = page.getByRole('region', { name: 'Timeline' });
  const scrolled = await region.evaluate((el) => {
    el.scrollTo(0, el.scrollHeight);
    return el.scrollTop;
  });
  expect(scrolled).toBeGreaterThan(10_000);
  // The bottom rows are drawn once scrolled to, the top ones no longer.
  await expect.poll(async () => (await labels()).filter((l) => top.includes(l)).length).toBe(0);
  expect((await labels()).length).toBeLessThan(200);
});
