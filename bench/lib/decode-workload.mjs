// Runs bench/decode.mjs (decode throughput on captured link and address
// dumps) for run.mjs, and turns its rows into a workload result.
import { main as decodeMain } from '../decode.mjs';
import { emit } from './report.mjs';
import { fmt } from './stats.mjs';

const res = decodeMain();
if (res === undefined) {
  emit({ id: 'decode', title: 'Decode captured dumps (skipped: needs root)', tables: [] });
} else {
  const tables = [];
  let target;
  for (const kind of ['link', 'addr']) {
    const r = res[kind];
    const rows = r.rows
      .filter((x) => Number.isFinite(x.median))
      .map((x) => ({
        ...x,
        'MB/s (median)': fmt(r.bytes / 1e6 / (x.median / 1000)),
        'MB/s (min)': fmt(r.bytes / 1e6 / (x.min / 1000)),
        'msgs/s (min)': x['msgs/s'],
      }));
    tables.push({ title: r.title, unit: ' ms', rows, cols: ['MB/s (min)', 'MB/s (median)', 'msgs/s (min)'] });
    if (kind === 'link') {
      const ours = r.rows[0];
      const best = r.bytes / 1e6 / (ours.min / 1000);
      const mid = r.bytes / 1e6 / (ours.median / 1000);
      target = { text: `tsnetlink decodeMessages on the captured ${r.messages}-message link dump at least 500 MB/s (min and median time)`, measured: `${fmt(best)} / ${fmt(mid)} MB/s`, target: '>= 500 MB/s', met: best >= 500 && mid >= 500 };
    }
  }
  emit({
    id: 'decode',
    title: 'Decode captured dumps (no socket)',
    tables,
    targets: [target],
    notes: ['Bytes captured once from a namespace with 2,000 veth pairs (4,001 links) and 4,000 IPv4 addresses; pyroute2 runs in a child on the same bytes.'],
  });
}
