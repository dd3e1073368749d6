// Timing helpers: several rounds, min and median, ratios to the fastest.
export function timeRounds(rounds, fn) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return summarize(times);
}

export function summarize(times) {
  const s = [...times].sort((a, b) => a - b);
  return { min: s[0], median: s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2, rounds: s.length, times };
}

/** Rounds from env ROUNDS, else the workload's default. */
export function roundsFor(dflt) {
  const r = Number(process.env.ROUNDS);
  return Number.isInteger(r) && r > 0 ? r : dflt;
}

/** A number for a table cell: 3 significant digits, at least 2 decimals below 10. */
export function fmt(v, unit = '') {
  if (v === undefined || v === null || Number.isNaN(v)) return '-';
  if (typeof v !== 'number') return String(v);
  const a = Math.abs(v);
  const s = a >= 1000 ? Math.round(v).toLocaleString('en') : a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toFixed(3);
  return s + unit;
}

/** Prints rows {name, min, median, ...extra} with the ratio of each median to the fastest. */
export function printTable(title, rows, unit = 'ms', extra = []) {
  const best = Math.min(...rows.map((r) => r.median));
  const w = Math.max(34, ...rows.map((r) => r.name.length + 1));
  console.log(`\n${title}`);
  console.log(['peer'.padEnd(w), 'min'.padStart(10), 'median'.padStart(10), 'x fastest'.padStart(10), ...extra.map((e) => e.padStart(14))].join(' '));
  for (const r of rows) {
    console.log([
      r.name.padEnd(w),
      fmt(r.min, unit).padStart(10),
      fmt(r.median, unit).padStart(10),
      (r.median / best).toFixed(2).padStart(10),
      ...extra.map((e) => String(r[e] ?? '').padStart(14)),
    ].join(' '));
  }
}
