// Throughline's service worker: keeps this build's files so that, after one visit, the app
// opens at once and with the network off. It never reloads a page and never touches the
// programs (they live in localStorage); it only answers requests for the app's own files.
//
// scripts/build.sh (scripts/sw-build.py) writes the build into this file: BUILD is a hash of
// every file of the build and FILES their paths (Trunk's hashed names), relative to this
// worker, which sits beside index.html — so the same dist/ works at the root of a host or
// under any sub-path. A new build means a new worker: it stores the new files, then waits
// until the page asks it to take over (the page's "New version available — reload" notice),
// and on taking over deletes the caches of older builds.

const BUILD = '__BUILD_ID__';
const FILES = ['__BUILD_FILES__'];

// Caches are per origin, so the name carries the scope: two copies of the app on one host
// (say /a/ and /b/) keep and clear their own.
const PREFIX = 'throughline:' + self.registration.scope + ':';
const CACHE = PREFIX + BUILD;
const INDEX = new URL('index.html', self.registration.scope).href;

self.addEventListener('install', (event) => {
  // `no-cache`: revalidate with the server, so an older index.html in the HTTP cache is
  // never stored under this build's name. If any file is missing the install fails and
  // the browser tries again later; the running version stays.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: 'no-cache' })))),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  // Opening the app (any fragment or query) is index.html; everything else by its own URL.
  const path = url.origin + url.pathname;
  const opensApp = request.mode === 'navigate' && (path === self.registration.scope || path === INDEX);
  const key = opensApp ? INDEX : request;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key, { ignoreSearch: opensApp }))
      .then((stored) => stored || fetch(request)),
  );
});
