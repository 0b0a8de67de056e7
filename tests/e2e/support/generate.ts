// Builds large programs for the browser tests, in the file format (docs/format.md).
export function generatedProgram(items: number, name = 'Generated 1000'): string {
  let seed = 12345;
  const next = (bound: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % Math.max(1, bound);
  };
  const list = [];
  for (let i = 0; i < items; i++) {
    const days = 1 + next(10);
    const after = [];
    if (i > 0) {
      for (let k = 0; k < 3; k++) after.push({ id: `T${i - 1 - next(Math.min(i, 40))}` });
    }
    list.push({ id: `T${i}`, title: `Task ${i}`, team: `team${i % 5}`, days, low: Math.max(1, days - 1), high: days + next(8), after });
  }
  return JSON.stringify({
    format: 'throughline/1',
    name,
    start: '2026-01-05',
    target: '2027-06-30',
    status_date: '2026-01-05',
    teams: [0, 1, 2, 3, 4].map((t) => ({ id: `team${t}`, name: `Team ${t}` })),
    items: list,
  });
}
