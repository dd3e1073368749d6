/**
 * The explorer's content as HTML strings: the message list (direction,
 * summary, errors marked; each item jumps to its message) and one section
 * per datagram (title, the kernel's ext-ack messages with a link to the
 * attribute they point at, the hex pane beside the field tree). Row ids
 * (`data-row`) are unique in the page: datagram d's row i is `bases[d] + i`.
 */
import { datagramTitle } from '../capture.js';
import { escapeHtml, hexPane } from '../html.js';
import type { ExploredDatagram } from './model.js';
import { treeHtml } from './tree.js';

/** What {@link renderExplored} makes. */
export interface Rendered {
  /** `<li>` items of the message list. */
  list: string;
  /** `<section>` per datagram. */
  sections: string;
  /** data-row of each datagram's first row. */
  bases: number[];
}

const DIR_WORDS = { send: 'user -> kernel', recv: 'kernel -> user' } as const;

/** The page content for explored datagrams. */
export function renderExplored(ds: readonly ExploredDatagram[]): Rendered {
  const bases: number[] = [];
  let next = 0;
  for (const d of ds) {
    bases.push(next);
    next += d.rows.length;
  }
  const targets = ds.map(() => new Set<number>());
  for (const d of ds) for (const e of d.errors) if (e.datagram !== undefined && e.row !== undefined) targets[e.datagram]!.add(e.row);
  let list = '';
  let sections = '';
  ds.forEach((d, i) => {
    const dir = d.dir ? DIR_WORDS[d.dir] : 'direction unknown';
    const dirClass = d.dir ?? 'nodir';
    const items = d.summaries.length ? d.summaries : [{ text: `${d.bytes.length} bytes, not decoded`, error: false }];
    items.forEach((s, j) => {
      const cls = `${dirClass}${s.error || (j === 0 && d.error && d.dir !== 'send') ? ' err' : ''}`;
      const jump = d.summaries.length ? `d${i}m${j}` : `d${i}`;
      list += `<li class="${cls}" data-jump="${jump}"><span class="dir">${escapeHtml(dir)}</span> <span class="num">#${d.index}</span> ${escapeHtml(s.text)}</li>`;
    });
    sections += `<section class="dg" id="d${i}"><h2 class="${dirClass}">${escapeHtml(datagramTitle(d))}</h2>`;
    for (const e of d.errors) {
      const at = e.datagram !== undefined && e.row !== undefined ? bases[e.datagram]! + e.row : undefined;
      const link = at !== undefined ? ` <a class="goto" data-goto="${at}">show the attribute</a>` : '';
      sections += `<p class="xack">${escapeHtml(e.trace.text)}${link}</p>`;
    }
    sections += `<div class="pane"><div class="hex">${hexPane(d.bytes, d.rows, bases[i]!)}</div>`;
    sections += `<div class="tree">${treeHtml({ index: i, rows: d.rows, summaries: d.summaries, base: bases[i]!, targets: targets[i]! })}</div></div></section>`;
  });
  return { list, sections, bases };
}
