// A program saved to a file on disk (docs/format.md#file), in Chromium, where
// `showSaveFilePicker` exists. The picker is stood in for by the origin-private file system:
// its handles are real `FileSystemFileHandle`s (writable, kept in IndexedDB across a
// reload), so the app's own code writes, reads and merges a real file. The permission a
// browser asks for again after a reload is stood in for too, so the click that grants it
// is tested. Browsers without the picker keep "Download a backup" (backup.spec.ts).
import type { Page } from '@playwright/test';
import { test, expect, ThroughlinePage } from '../fixtures/app';

const FILE = 'payments-platform-launch.json';

/** The picker answers with a file in the origin-private file system; after a reload the
 *  handle's permission is "prompt" until the page asks for it (as Chromium does for a file
 *  the person picked). */
async function standInPicker(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    // Granted for the file picked on this page; after a reload, asked again.
    let granted = false;
    w.showSaveFilePicker = async (options: { suggestedName?: string }) => {
      granted = true;
      const root = await navigator.storage.getDirectory();
      return root.getFileHandle(options?.suggestedName ?? 'program.json', { create: true });
    };
    const proto = FileSystemHandle.prototype as unknown as Record<string, unknown>;
    proto.queryPermission = async () => (granted ? 'granted' : 'prompt');
    proto.requestPermission = async () => {
      granted = true;
      return 'granted';
    };
  });
}

async function diskText(page: Page, name = FILE): Promise<string> {
  // A read that meets the app's write in the middle is refused (NotReadableError): read again.
  return page.evaluate(async (name) => {
    const root = await navigator.storage.getDirectory();
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await (await (await root.getFileHandle(name)).getFile()).text();
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }, name);
}

/** Another machine's edit arriving through a synced folder. */
async function writeDisk(page: Page, text: string, name = FILE) {
  await page.evaluate(async ({ name, text }) => {
    const root = await navigator.storage.getDirectory();
    const writable = await (await root.getFileHandle(name)).createWritable();
    await writable.write(text);
    await writable.close();
  }, { name, text });
}

function fileStatus(page: Page) {
  return page.getByRole('banner').locator('.file-status');
}

async function saveToFile(app: ThroughlinePage) {
  await app.go('Program');
  await app.page.getByRole('button', { name: 'Save to a file…' }).click();
  await expect(fileStatus(app.page)).toContainText(`Saved to ${FILE}`);
}

async function setOwner(app: ThroughlinePage, id: string, owner: string) {
  const cell = app.cell('Owner', id);
  await cell.fill(owner);
  await cell.press('Enter');
}

const item = (text: string, id: string) => JSON.parse(text).items.find((i: { id: string }) => i.id === id);

test('save to a file: written at once and within 2 s of every change', async ({ app, page }) => {
  await standInPicker(page);
  await app.open('#/program');
  await saveToFile(app);
  expect(JSON.parse(await diskText(page)).name).toBe('Payments platform launch');
  await expect(page.getByText(`Saved to a file: ${FILE}`)).toBeVisible();
  await app.go('Plan');
  await setOwner(app, 'PAY-101', 'Written to disk');
  await expect.poll(async () => item(await diskText(page), 'PAY-101').owner, { timeout: 5_000 }).toBe('Written to disk');
});

test('the file changed on disk (another machine through a synced folder): merged field by field, nothing lost', async ({ app, page }) => {
  await standInPicker(page);
  await app.open('#/program');
  await saveToFile(app);
  const elsewhere = JSON.parse(await diskText(page));
  elsewhere.items.find((i: { id: string }) => i.id === 'WEB-301').title = 'Edited on the other laptop';
  await writeDisk(page, JSON.stringify(elsewhere, null, 2));
  await app.go('Plan');
  await setOwner(app, 'PAY-101', 'Edited here');
  await expect(app.cell('Title', 'WEB-301')).toHaveValue('Edited on the other laptop');
  await expect.poll(async () => item(await diskText(page), 'PAY-101').owner).toBe('Edited here');
  expect(item(await diskText(page), 'WEB-301').title).toBe('Edited on the other laptop');

  // Both changed one field: the person chooses, as with two tabs.
  const again = JSON.parse(await diskText(page));
  again.items.find((i: { id: string }) => i.id === 'PAY-101').owner = 'Owner from the other laptop';
  await writeDisk(page, JSON.stringify(again, null, 2));
  await setOwner(app, 'PAY-101', 'Owner typed here');
  const region = page.getByRole('region', { name: 'Changes that conflict with the file on disk' });
  await expect(region).toContainText('Owner of PAY-101');
  await page.getByRole('button', { name: 'Take the file\'s value of Owner of PAY-101' }).click();
  await expect(app.cell('Owner', 'PAY-101')).toHaveValue('Owner from the other laptop');
  await expect.poll(async () => item(await diskText(page), 'PAY-101').owner).toBe('Owner from the other laptop');
});

test('after a reload the browser asks again before writing, and the page says why', async ({ app, page }) => {
  await standInPicker(page);
  await app.open('#/program');
  await saveToFile(app);
  await page.reload();
  await expect(fileStatus(page)).toContainText(`The browser asks again after a reload before this page may write to ${FILE}`);
  await app.go('Plan');
  await setOwner(app, 'PAY-101', 'Typed before allowing');
  // Nothing is lost while waiting for permission: the edit is stored here and written after.
  await page.getByRole('button', { name: `Allow saving to ${FILE}` }).click();
  await expect(fileStatus(page)).toContainText(`Saved to ${FILE}`);
  expect(item(await diskText(page), 'PAY-101').owner).toBe('Typed before allowing');
});
