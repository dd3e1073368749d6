/**
 * The field tree of one datagram as HTML: one block per message headed by
 * its summary, rows nested by depth in groups that fold (`.grp`, toggled by
 * its `.tg`), the netlink header and the family header each folded under
 * their struct name. Row `i` carries `data-row="base + i"`, as its bytes
 * in the hex pane do.
 */
import { offsetHex } from '../../bytes/hex.js';
import type { Row } from '../../schema/kind.js';
import type { MessageSummary } from '../summary.js';
import { escapeHtml, ROLE_CLASS } from '../html.js';

/** What the tree of one datagram needs. */
export interface TreeInput {
  /** 0-based datagram index: message blocks are `id="d{index}m{j}"`. */
  index: number;
  rows: readonly Row[];
  summaries: readonly MessageSummary[];
  /** data-row of the first row. */
  base: number;
  /** Rows an ext-ack offset points at. */
  targets: ReadonlySet<number>;
}

/** The tree's HTML. */
export function treeHtml(t: TreeInput): string {
  const { rows, summaries } = t;
  if (summaries.length === 0) return nodes(t, 0, rows.length);
  let out = '';
  let i = 0;
  summaries.forEach((s, j) => {
    const next = summaries[j + 1];
    const start = i;
    while (i < rows.length && (next === undefined || rows[i]!.offset < next.offset)) i++;
    const cls = 'msg grp' + (s.error ? ' err' : '');
    out += `<div class="${cls}" id="d${t.index}m${j}"><div class="mhead"><span class="tg"></span>${escapeHtml(s.text)}</div><div class="kids">${nodes(t, start, i)}</div></div>`;
  });
  if (i < rows.length) out += nodes(t, i, rows.length);
  return out;
}

/** The struct a header row belongs to, for folding (`nlmsghdr`, `ifinfomsg`), or undefined. */
function structOf(r: Row): string | undefined {
  if (r.role === 'nlmsghdr') return 'nlmsghdr';
  if (r.role === 'header' || (r.role === 'pad' && r.path.length >= 2 && r.path[r.path.length - 1] === 'padding')) {
    return r.path.length >= 2 ? r.path[r.path.length - 2] : undefined;
  }
  return undefined;
}

/** Rows [from, to) as nested nodes. */
function nodes(t: TreeInput, from: number, to: number): string {
  const { rows } = t;
  let out = '';
  let i = from;
  while (i < to) {
    const r = rows[i]!;
    const group = r.role === 'nlmsghdr' || r.role === 'header' ? structOf(r) : undefined;
    if (group !== undefined) {
      // Consecutive rows of one struct at one depth fold under its name.
      let e = i + 1;
      while (e < to && rows[e]!.depth === r.depth && structOf(rows[e]!) === group && (rows[e]!.role === r.role || rows[e]!.role === 'pad')) e++;
      const cls = r.role === 'nlmsghdr' ? 'nlh' : 'hdr';
      out += `<div class="grp"><div class="row ghead ${cls}"><span class="tg"></span><span class="n">${escapeHtml(group)}</span> <span class="k">struct, ${bytesOf(rows, i, e)} bytes</span></div><div class="kids">`;
      for (let k = i; k < e; k++) out += rowHtml(t, k, false);
      out += '</div></div>';
      i = e;
      continue;
    }
    let e = i + 1;
    while (e < to && rows[e]!.depth > r.depth) e++;
    if (e === i + 1) out += rowHtml(t, i, false);
    else out += `<div class="grp">${rowHtml(t, i, true)}<div class="kids">${nodes(t, i + 1, e)}</div></div>`;
    i = e;
  }
  return out;
}

function bytesOf(rows: readonly Row[], from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) n += rows[k]!.length;
  return n;
}

function rowHtml(t: TreeInput, i: number, folds: boolean): string {
  const r = t.rows[i]!;
  const cls = `row ${ROLE_CLASS[r.role]}${t.targets.has(i) ? ' xa' : ''}`;
  const name = r.role === 'value' ? '' : `<span class="n">${escapeHtml(r.name)}</span> `;
  const kind = r.kind !== undefined ? ` <span class="k">${escapeHtml(r.kind)}</span>` : '';
  const off = offsetHex(r.offset);
  return `<div class="${cls}" data-row="${t.base + i}"><span class="tg${folds ? '' : ' none'}"></span><span class="off">${off}</span> ${name}<span class="v">${escapeHtml(r.value)}</span>${kind}</div>`;
}
