// Browser end-to-end suite: the release build in dist/, served by a plain static file
// server (at the root and under a sub-path), driven in Debian's Chromium.
import { defineConfig } from '@playwright/test';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  fullyParallel: true,
  // One worker: the no-freeze test measures long tasks, which a second browser on the
  // same two cores would inflate.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4173/',
    browserName: 'chromium',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    acceptDownloads: true,
    trace: 'off',
  },
  webServer: [
    {
      command: 'python3 -m http.server 4173 --bind 127.0.0.1 --directory ../../dist',
      url: 'http://127.0.0.1:4173/index.html',
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
    },
    {
      // The same files under /tools/throughline/, as on a host that serves it from a sub-path.
      command:
        'rm -rf ../../target/e2e-subpath && mkdir -p ../../target/e2e-subpath/tools && cp -r ../../dist ../../target/e2e-subpath/tools/throughline && python3 -m http.server 4174 --bind 127.0.0.1 --directory ../../target/e2e-subpath',
      url: 'http://127.0.0.1:4174/tools/throughline/index.html',
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
    },
  ],
});
