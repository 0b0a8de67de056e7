// A stand-in for Linear's GraphQL API on a loopback port, for the browser suite: the app
// points its Linear endpoint here and drives the real fetch path (CORS preflight included).
// Plain Node 20, no npm packages. It answers from tests/fixtures/linear/, the same
// replies the Rust tests read.
//
// Start:
//   node tests/e2e/support/linear-server.mjs 4010          (port as argument)
//   LINEAR_SERVER_PORT=4010 node tests/e2e/support/linear-server.mjs
// It listens on 127.0.0.1 (default port 4010) and prints one line when ready. In
// playwright.config.ts (run from tests/e2e):
//   { command: 'node support/linear-server.mjs 4010',
//     url: 'http://127.0.0.1:4010/__health', reuseExistingServer: false }
// and in the app set the endpoint to http://127.0.0.1:4010/graphql.
//
// Keys (the Authorization header, sent as Linear's personal keys are, without "Bearer"):
//   lin_api_throughline_test          accepted
//   lin_api_throughline_ratelimited   HTTP 429, RATELIMITED, Retry-After 600 and
//                                     X-RateLimit-Requests-Reset ten minutes ahead
//   anything else, or none            HTTP 401, AUTHENTICATION_ERROR
//
// POST /graphql answers the app's two queries:
//   the picker (teams and projects)   teams-and-projects.json
//   issues, dataset "first"           issues-page-1.json, then after its endCursor
//                                     issues-page-2.json (two pages)
//   issues, dataset "changed"         issues-changed.json (one page: ENG-2 renamed,
//                                     ENG-3 started, ENG-4 done, ENG-5 gone, ENG-7 new)
// Issues are filtered by the query's `filter` (team ids, project ids, or `or` of both).
//
// Control, for a test to set up a scenario (not part of Linear's API):
//   POST /__scenario {"dataset": "first" | "changed",
//                     "failure": null | "unauthorized" | "ratelimited" | "server-error" | "hang"}
//        ("hang": the first issues page answers, the next one never does until the app
//        gives up on it, so a test can press Stop mid-pull)
//        changes what later requests get (any field left out is kept); answers the state
//   GET  /__scenario   the current state
//   POST /__reset      dataset "first", no failure, request log emptied
//   GET  /__requests   what was asked so far: operation, variables, and whether an
//                      Authorization header came and was the test key — never the key
//   GET  /__health     "ok"
//
// The server never prints or stores a key.

import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

/** When the stand-in says the rate limit lifts: 10:10 UTC on the suite's day. */
const RESET_AT = Date.UTC(2026, 10, 24, 10, 10);

const TEST_KEY = 'lin_api_throughline_test';
const RATE_LIMITED_KEY = 'lin_api_throughline_ratelimited';

const fixtures = new URL('../../fixtures/linear/', import.meta.url);
const fixture = (name) => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));
const PICKER = fixture('teams-and-projects.json');
const DATASETS = {
  first: [fixture('issues-page-1.json'), fixture('issues-page-2.json')],
  changed: [fixture('issues-changed.json')],
};
const AUTHENTICATION_ERROR = fixture('error-authentication.json');
const RATELIMITED = fixture('error-ratelimited.json');

const FAILURES = [null, 'unauthorized', 'ratelimited', 'server-error', 'hang'];

let state = { dataset: 'first', failure: null };
let requests = [];

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
  'Access-Control-Allow-Headers': 'authorization, content-type',
  'Access-Control-Expose-Headers':
    'retry-after, x-ratelimit-requests-reset, x-ratelimit-complexity-reset',
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
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= 1_000_000) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function graphqlError(message, code) {
  return { errors: [{ message, extensions: { code, type: 'invalid input', userError: true } }] };
}

// Linear's IssueFilter as the app writes it: team and project ids, or an `or` of both.
function matches(issue, filter) {
  if (!filter || typeof filter !== 'object') return true;
  if (Array.isArray(filter.or)) return filter.or.some((part) => matches(issue, part));
  const within = (node, clause) => {
    const ids = clause?.id?.in;
    return !Array.isArray(ids) || (node != null && ids.includes(node.id));
  };
  return (
    (filter.team === undefined || within(issue.team, filter.team)) &&
    (filter.project === undefined || within(issue.project, filter.project))
  );
}

function issuesPage(variables) {
  const pages = DATASETS[state.dataset];
  const after = variables?.after ?? null;
  let index = 0;
  if (after !== null) {
    index = pages.findIndex((page) => page.data.issues.pageInfo.endCursor === after) + 1;
    if (index === 0 || index >= pages.length) {
      return { status: 400, body: graphqlError('Argument Validation Error: unknown cursor', 'INVALID_INPUT') };
    }
  }
  const page = structuredClone(pages[index]);
  page.data.issues.nodes = page.data.issues.nodes.filter((issue) => matches(issue, variables?.filter));
  page.data.issues.pageInfo.hasNextPage = index + 1 < pages.length;
  return { status: 200, body: page };
}

async function graphql(req, res) {
  const key = (req.headers.authorization ?? '').trim();
  const request = parse(await readBody(req));
  const query = typeof request?.query === 'string' ? request.query : '';
  const operation = query.includes('issues(') ? 'issues' : query.includes('teams(') ? 'picker' : 'other';
  requests.push({
    operation,
    variables: request?.variables ?? null,
    authorization: key !== '',
    testKey: key === TEST_KEY,
  });

  const failure = state.failure;
  if (failure === 'unauthorized' || (key !== TEST_KEY && key !== RATE_LIMITED_KEY)) {
    return send(res, 401, AUTHENTICATION_ERROR);
  }
  if (failure === 'ratelimited' || key === RATE_LIMITED_KEY) {
    return send(res, 429, RATELIMITED, {
      'Retry-After': '600',
      // Ten minutes after the suite's fixed clock (fixtures/app.ts TEST_NOW), never the
      // real date: the app shows this instant, and the test reads it.
      'X-RateLimit-Requests-Reset': String(RESET_AT),
    });
  }
  if (failure === 'server-error') {
    return send(res, 503, 'Service Unavailable');
  }
  if (request === null) {
    return send(res, 400, graphqlError('Body is not JSON', 'BAD_USER_INPUT'));
  }
  if (operation === 'picker') return send(res, 200, PICKER);
  if (operation === 'issues') {
    if (failure === 'hang' && request.variables?.after) {
      // Never answers; closes after a minute so the socket is not kept for ever.
      const timer = setTimeout(() => send(res, 504, 'Gateway Timeout'), 60_000);
      req.on('close', () => clearTimeout(timer));
      return;
    }
    const { status, body } = issuesPage(request.variables);
    return send(res, status, body);
  }
  return send(res, 400, graphqlError('This test server answers only the picker and issues queries', 'GRAPHQL_VALIDATION_FAILED'));
}

async function scenario(req, res) {
  const change = parse(await readBody(req)) ?? {};
  if (change.dataset !== undefined) {
    if (!(change.dataset in DATASETS)) return send(res, 400, { error: `dataset must be one of ${Object.keys(DATASETS).join(', ')}` });
    state.dataset = change.dataset;
  }
  if (change.failure !== undefined) {
    if (!FAILURES.includes(change.failure)) return send(res, 400, { error: `failure must be one of ${FAILURES.map(String).join(', ')}` });
    state.failure = change.failure;
  }
  return send(res, 200, state);
}

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  try {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      return res.end();
    }
    if (req.method === 'POST' && path === '/graphql') return await graphql(req, res);
    if (req.method === 'POST' && path === '/__scenario') return await scenario(req, res);
    if (req.method === 'GET' && path === '/__scenario') return send(res, 200, state);
    if (req.method === 'POST' && path === '/__reset') {
      state = { dataset: 'first', failure: null };
      requests = [];
      return send(res, 200, state);
    }
    if (req.method === 'GET' && path === '/__requests') return send(res, 200, requests);
    if (req.method === 'GET' && path === '/__health') return send(res, 200, 'ok');
    return send(res, 404, 'Not found');
  } catch (error) {
    return send(res, 500, `Test server error: ${error?.message ?? error}`);
  }
});

const port = Number(process.argv[2] ?? process.env.LINEAR_SERVER_PORT ?? 4010);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`linear-server: "${process.argv[2] ?? process.env.LINEAR_SERVER_PORT}" is not a port`);
  process.exit(2);
}
server.listen(port, '127.0.0.1', () => {
  console.log(`Linear test server on http://127.0.0.1:${port}/graphql`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
