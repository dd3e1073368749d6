// What a workload script hands back: tables, targets, notes. Printed when the
// script runs alone; also written as JSON to $BENCH_RESULT when run.mjs runs
// it (each workload runs in its own process).
//
// result = {
//   id, title,
//   tables: [{ title, unit, rows: [{ name, min, median, rounds, ...cols }], cols: [names of extra columns] }],
//   targets: [{ text, measured, target, met (undefined: not measured), issue (order in the list, optional) }],
//   notes: [string],
// }
import { writeFileSync } from 'node:fs';
import { printTable } from './stats.mjs';

export function printResult(result) {
  console.log(`\n=== ${result.title}`);
  for (const t of result.tables) {
    const rows = t.rows.filter((r) => Number.isFinite(r.median));
    if (t.plain) printPlain(t);
    else if (rows.length) printTable(t.title, rows, t.unit ?? 'ms', t.cols ?? []);
  }
  for (const g of result.targets ?? []) console.log(`target: ${g.text}: measured ${g.measured}, target ${g.target}: ${g.met === undefined ? 'NOT MEASURED' : g.met ? 'MET' : 'MISSED'}`);
  for (const n of result.notes ?? []) console.log(`note: ${n}`);
}

/** A table without timing columns: { title, plain: true, cols, rows: [{name, ...cols}] }. */
function printPlain(t) {
  const w = Math.max(34, ...t.rows.map((r) => r.name.length + 1));
  console.log(`\n${t.title}`);
  console.log(['peer'.padEnd(w), ...t.cols.map((c) => c.padStart(16))].join(' '));
  for (const r of t.rows) console.log([r.name.padEnd(w), ...t.cols.map((c) => String(r[c] ?? '-').padStart(16))].join(' '));
}

/** Prints the result, and writes it to $BENCH_RESULT when set. */
export function emit(result) {
  printResult(result);
  if (process.env.BENCH_RESULT) {
    writeFileSync(process.env.BENCH_RESULT, JSON.stringify(result, null, 1));
  }
}

/** True when the module at `url` is the process's main script. */
export function isMain(url) {
  return url === `file://${process.argv[1]}`;
}
