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
  return { min: s[0], median: s[Math.floor(s.length / 2)], rounds: s.length };
}

/** Prints rows {name, min, median, ...extra} with the ratio of each median to the fastest. */
export function printTable(title, rows, unit = 'ms', extra = []) {
  const best = Math.min(...rows.map((r) => r.median));
  console.log(`\n${title}`);
  console.log(['peer'.padEnd(34), 'min'.padStart(10), 'median'.padStart(10), 'x fastest'.padStart(10), ...extra.map((e) => e.padStart(12))].join(' '));
  for (const r of rows) {
    console.log([
      r.name.padEnd(34),
      `${r.min.toFixed(2)}${unit}`.padStart(10),
      `${r.median.toFixed(2)}${unit}`.padStart(10),
      (r.median / best).toFixed(2).padStart(10),
      ...extra.map((e) => String(r[e] ?? '').padStart(12)),
    ].join(' '));
  }
}
