// A stand-in for GitHub's REST contents API on a loopback port, for the browser suite: the
// app's "GitHub API address" points here and drives the real fetch path (CORS preflight
// included). Plain Node 20, no npm packages. It keeps files in memory with GitHub's
// behaviour that matters to a sync: every version has a `sha`; a write must name the sha
// it replaces (409 when it is not the current one, 422 when it names none over an existing
// file); a private repository is 404 without a token.
//
// Start:
//   node tests/e2e/support/github-server.mjs 4020          (port as argument)
//   GITHUB_SERVER_PORT=4020 node tests/e2e/support/github-server.mjs
//
// Repositories: acme/programs (private), acme/public (public: read without a token).
// Tokens (Authorization: Bearer …):
//   github_pat_throughline_test       reads and writes both
//   github_pat_throughline_readonly   reads both, a write is 403
//   anything else                     401 Bad credentials
//
// API:
//   GET /repos/{owner}/{repo}                    the repository, or 404
//   GET /repos/{owner}/{repo}/contents/{path}    {type, sha, content (base64, 60-column
//                                                lines), encoding}, or 404
//                                                (a file over 1 MB, or over `largeOver`: content
//                                                "" and encoding "none", as GitHub answers)
//   GET /repos/{owner}/{repo}/git/blobs/{sha}    {sha, content (base64), encoding, size}
//   PUT /repos/{owner}/{repo}/contents/{path}    {message, content, sha?} → 200/201
//                                                {content: {sha}, commit: {sha, message}}
//
// Control, for a test (not part of GitHub's API):
//   POST /__reset                     no files, no commits, no failure, request log empty
//   POST /__scenario {"failure": null | "ratelimited" | "unreachable", "largeOver": bytes}
//        "ratelimited": every API call is 403 with x-ratelimit-remaining 0 and
//        x-ratelimit-reset at 10:42 UTC on the suite's day; "unreachable": every API
//        connection is cut without an answer, as when offline
//   GET  /__commits                   [{repo, path, message, sha}], oldest first
//   GET  /__file?repo=acme/programs&path=programs/x.json   {sha, text}, or 404
//   POST /__file {repo, path, text, message}   someone else's commit
//   GET  /__requests                  [{method, path, auth: "test"|"readonly"|"other"|"none"}]
//   GET  /__health                    "ok"
//
// The server never prints or stores a token.

import { createServer } from 'node:http';
import { createHash } from 'node:crypto';

const TEST_TOKEN = 'github_pat_throughline_test';
const READONLY_TOKEN = 'github_pat_throughline_readonly';
/** When the stand-in says the rate limit lifts: 10:42 UTC on the suite's day. */
const RESET_AT = Date.UTC(2026, 10, 24, 10, 42) / 1000;
const REPOSITORIES = { 'acme/programs': { private: true }, 'acme/public': { private: false } };

let files = new Map(); // "owner/repo/path" → {sha, text}
let blobs = new Map(); // sha → text, every version
/** Files larger than this (bytes) are answered without content, as GitHub does over 1 MB. */
let largeOver = 1024 * 1024;
let commits = [];
let requests = [];
let failure = null;
let counter = 0;

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, PUT, OPTIONS',
  'Access-Control-Allow-Headers': 'authorization, content-type, accept, x-github-api-version',
  'Access-Control-Expose-Headers': 'x-ratelimit-remaining, x-ratelimit-reset',
  'Access-Control-Max-Age': '600',
};

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...CORS,
    'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json',
    ...headers,
  });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
  });
}

function who(req) {
  const header = req.headers.authorization ?? '';
  if (!header) return 'none';
  const token = header.replace(/^Bearer\s+/i, '');
  if (token === TEST_TOKEN) return 'test';
  if (token === READONLY_TOKEN) return 'readonly';
  return 'other';
}

function shaOf(text) {
  counter += 1;
  return createHash('sha1').update(`${counter}:${text}`).digest('hex');
}

function wrap(base64) {
  return (base64.match(/.{1,60}/g) ?? []).join('\n') + '\n';
}

function commit(repo, path, text, message) {
  const sha = shaOf(text);
  files.set(`${repo}/${path}`, { sha, text });
  blobs.set(sha, text);
  commits.push({ repo, path, message, sha });
  return sha;
}

async function api(req, res, url) {
  const auth = who(req);
  requests.push({ method: req.method, path: url.pathname, auth });
  if (failure === 'unreachable') {
    req.socket.destroy();
    return;
  }
  if (failure === 'ratelimited') {
    return send(res, 403, { message: 'API rate limit exceeded' }, {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(RESET_AT),
    });
  }
  if (auth === 'other') return send(res, 401, { message: 'Bad credentials' });
  const blob = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/git\/blobs\/([0-9a-f]+)$/);
  if (blob && req.method === 'GET') {
    const known = REPOSITORIES[`${blob[1]}/${blob[2]}`];
    const text = blobs.get(blob[3]);
    if (!known || (known.private && auth === 'none') || text === undefined) return send(res, 404, { message: 'Not Found' });
    const bytes = Buffer.from(text, 'utf8');
    return send(res, 200, { sha: blob[3], size: bytes.length, encoding: 'base64', content: wrap(bytes.toString('base64')) });
  }
  const match = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)(?:\/contents\/(.+))?$/);
  if (!match) return send(res, 404, { message: 'Not Found' });
  const repo = `${match[1]}/${match[2]}`;
  const known = REPOSITORIES[repo];
  if (!known || (known.private && auth === 'none')) return send(res, 404, { message: 'Not Found' });
  if (!match[3]) {
    if (req.method !== 'GET') return send(res, 404, { message: 'Not Found' });
    return send(res, 200, { full_name: repo, private: known.private });
  }
  const path = match[3].split('/').map(decodeURIComponent).join('/');
  const key = `${repo}/${path}`;
  const file = files.get(key);
  if (req.method === 'GET') {
    if (!file) return send(res, 404, { message: 'Not Found' });
    const bytes = Buffer.from(file.text, 'utf8');
    if (bytes.length > largeOver) {
      return send(res, 200, { type: 'file', path, sha: file.sha, size: bytes.length, encoding: 'none', content: '' });
    }
    return send(res, 200, {
      type: 'file',
      path,
      sha: file.sha,
      size: bytes.length,
      encoding: 'base64',
      content: wrap(bytes.toString('base64')),
    });
  }
  if (req.method === 'PUT') {
    if (auth !== 'test') return send(res, 403, { message: 'Resource not accessible by personal access token' });
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, { message: 'Problems parsing JSON' });
    }
    if (typeof body.message !== 'string' || typeof body.content !== 'string') {
      return send(res, 422, { message: 'Invalid request.' });
    }
    if (file && !body.sha) return send(res, 422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' });
    if (file && body.sha !== file.sha) return send(res, 409, { message: `${path} does not match ${body.sha}` });
    if (!file && body.sha) return send(res, 409, { message: `${path} does not match ${body.sha}` });
    const text = Buffer.from(body.content, 'base64').toString('utf8');
    const sha = commit(repo, path, text, body.message);
    return send(res, file ? 200 : 201, { content: { path, sha }, commit: { sha: shaOf(sha), message: body.message } });
  }
  return send(res, 405, { message: 'Method not allowed' });
}

async function control(req, res, url) {
  switch (`${req.method} ${url.pathname}`) {
    case 'GET /__health':
      return send(res, 200, 'ok');
    case 'POST /__reset':
      files = new Map();
      blobs = new Map();
      largeOver = 1024 * 1024;
      commits = [];
      requests = [];
      failure = null;
      return send(res, 200, { ok: true });
    case 'POST /__scenario': {
      const body = JSON.parse((await readBody(req)) || '{}');
      if (![null, 'ratelimited', 'unreachable'].includes(body.failure ?? null)) {
        return send(res, 400, { message: `unknown failure ${body.failure}` });
      }
      failure = body.failure ?? null;
      if (typeof body.largeOver === 'number') largeOver = body.largeOver;
      return send(res, 200, { failure, largeOver });
    }
    case 'GET /__commits':
      return send(res, 200, commits);
    case 'GET /__requests':
      return send(res, 200, requests);
    case 'GET /__file': {
      const file = files.get(`${url.searchParams.get('repo')}/${url.searchParams.get('path')}`);
      return file ? send(res, 200, file) : send(res, 404, { message: 'Not Found' });
    }
    case 'POST /__file': {
      const body = JSON.parse(await readBody(req));
      const sha = commit(body.repo, body.path, body.text, body.message ?? 'Edited elsewhere');
      return send(res, 200, { sha });
    }
    default:
      return send(res, 404, { message: 'Not Found' });
  }
}

const port = Number(process.argv[2] ?? process.env.GITHUB_SERVER_PORT ?? 4020);
createServer((req, res) => {
  const url = new URL(req.url, `http://127.0.0.1:${port}`);
  if (req.method === 'OPTIONS') {
    if (failure === 'unreachable' && !url.pathname.startsWith('/__')) {
      req.socket.destroy();
      return;
    }
    res.writeHead(204, CORS);
    return res.end();
  }
  const handle = url.pathname.startsWith('/__') ? control : api;
  handle(req, res, url).catch(() => send(res, 500, { message: 'stand-in failed' }));
}).listen(port, '127.0.0.1', () => console.log(`GitHub stand-in on http://127.0.0.1:${port}`));
