// Browser end-to-end suite: the release build in dist/, served by a plain static file
// server (at the root and under a sub-path), driven in Debian's Chromium, with loopback
// stand-ins for Linear's API and GitHub's contents API; and the test-only crash build in target/crash-dist for
// crash.spec.ts.
import { defineConfig } from '@playwright/test';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Ports, overridable so two checkouts on one machine can run the suite at once (the specs
// that use a server besides the main one read the same variables).
const port = Number(process.env.E2E_PORT ?? 4173);
const subPathPort = Number(process.env.E2E_SUBPATH_PORT ?? 4174);
const crashPort = Number(process.env.E2E_CRASH_PORT ?? 4175);
const linearPort = Number(process.env.LINEAR_SERVER_PORT ?? 4010);
const githubPort = Number(process.env.GITHUB_SERVER_PORT ?? 4020);

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
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    acceptDownloads: true,
    trace: 'off',
  },
  webServer: [
    {
      command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory ../../dist`,
      url: `http://127.0.0.1:${port}/index.html`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
    },
    {
      // The same files under /tools/throughline/, as on a host that serves it from a sub-path.
      command: `rm -rf ../../target/e2e-subpath && mkdir -p ../../target/e2e-subpath/tools && cp -r ../../dist ../../target/e2e-subpath/tools/throughline && python3 -m http.server ${subPathPort} --bind 127.0.0.1 --directory ../../target/e2e-subpath`,
      url: `http://127.0.0.1:${subPathPort}/tools/throughline/index.html`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
    },
    {
      // The release build with the `crash-test` feature (`window.throughlineCrash()`), made
      // by scripts/test.sh (`scripts/build.sh target/crash-dist --features crash-test`); never
      // shipped. Without it, crash.spec.ts fails saying how to make it; the other specs run.
      command: `mkdir -p ../../target/crash-dist && python3 -m http.server ${crashPort} --bind 127.0.0.1 --directory ../../target/crash-dist`,
      url: `http://127.0.0.1:${crashPort}/`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
    },
    {
      // A stand-in for Linear's GraphQL API on a loopback port (pull.spec.ts), so the live
      // pull runs through the browser's real fetch, CORS preflight included.
      command: `node support/linear-server.mjs ${linearPort}`,
      url: `http://127.0.0.1:${linearPort}/__health`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
    },
    {
      // A stand-in for GitHub's contents API (github.spec.ts): sha, 409/422 and CORS as
      // GitHub has them, files in memory.
      command: `node support/github-server.mjs ${githubPort}`,
      url: `http://127.0.0.1:${githubPort}/__health`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
    },
  ],
});
