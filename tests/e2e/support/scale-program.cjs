// A program of real size for the scale tests and the measurement script: the built-in
// example's teams, register, risks and decisions plus `items` generated work items in 20
// layers, each waiting on 1–3 items of the layer before, with an owner, a team and `weeks`
// weeks of status with notes; optionally `reports` published reports, and with `capacity`
// people for every team (8 each) and Payments at 60 % from the status date. Plain CommonJS so that the
// Playwright specs (TypeScript) and scripts/measure-app.mjs share it.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const examplePath = path.join(__dirname, '../../../src/model/example.json');

const COLOURS = ['green', 'green', 'green', 'yellow', 'red'];
const NOTES = [
  'On track; integration tests green on staging',
  'Waiting on the vendor sandbox credentials',
  'Review comments addressed, merging this week',
  'Blocked on the schema migration from Platform',
  'Load test found a slow query; fix in review',
];

/** Days from 1970-01-01 as YYYY-MM-DD. */
function isoDay(days) {
  return new Date(days * 86400000).toISOString().slice(0, 10);
}

/** @returns {string} the program file as JSON text. */
function scaleProgram(items, { weeks = 5, reports = 0, name = `Scale ${items}`, capacity = false } = {}) {
  const example = JSON.parse(readFileSync(examplePath, 'utf8'));
  let seed = 20261124;
  const next = (bound) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % Math.max(1, bound);
  };
  const teams = example.teams.map((t) => t.id);
  const owners = [...new Set(example.items.map((i) => i.owner).filter(Boolean))];
  const statusDay = Date.parse(example.status_date) / 86400000;
  const layers = 20;
  const perLayer = Math.ceil(items / layers);
  const list = [];
  for (let i = 0; i < items; i++) {
    const layer = Math.floor(i / perLayer);
    const days = 1 + next(10);
    const after = [];
    if (layer > 0) {
      const links = 1 + next(3);
      for (let k = 0; k < links; k++) {
        const from = (layer - 1) * perLayer + next(perLayer);
        const id = `GEN-${Math.min(from, items - 1)}`;
        if (!after.some((a) => a.id === id) && from < i) after.push({ id });
      }
    }
    const status = [];
    for (let w = weeks - 1; w >= 0; w--) {
      const colour = COLOURS[next(COLOURS.length)];
      status.push({
        date: isoDay(statusDay - 7 * w),
        color: colour,
        note: `${NOTES[next(NOTES.length)]} (week ${weeks - w} of GEN-${i})`,
        by: owners[next(owners.length)],
      });
    }
    list.push({
      id: `GEN-${i}`,
      title: `Generated work package ${i}: layer ${layer + 1}`,
      team: teams[i % teams.length],
      owner: owners[i % owners.length],
      days,
      low: Math.max(1, days - 1),
      high: days + 1 + next(6),
      after,
      status,
    });
  }
  const program = { ...example, name, items: [...example.items, ...list] };
  delete program.reports;
  delete program.baseline;
  if (capacity) {
    program.teams = program.teams.map((team) => ({ ...team, people: 8 }));
    program.teams[0].availability = [{ from: program.status_date, percent: 60, note: 'on-call' }];
  }
  if (reports > 0) {
    program.reports = [];
    const rows = program.items.map((item) => [item.id, 'green', example.start, example.target, 3, item.due ?? null, false]);
    for (let r = 0; r < reports; r++) {
      program.reports.push({
        date: isoDay(statusDay - 7 * (reports - 1 - r)),
        target: example.target,
        color: 'yellow',
        finish: example.target,
        confidence: 0.7,
        runs: 10000,
        paragraph: [['Program is ', 'Yellow', `. Report ${r + 1} of ${name}.`]],
        rows,
      });
    }
  }
  return JSON.stringify(program);
}

module.exports = { scaleProgram };
