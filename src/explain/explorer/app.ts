/**
 * The explorer page's script (bundled for the browser into
 * dist/explorer.js by scripts/bundle.config.mjs): reads the preloaded
 * input, pasted text and dropped or chosen files, shows them, and links
 * bytes and rows: hover highlights, a click selects and fills the
 * inspector, the message list and ext-ack links jump, toggles fold.
 */
import { offsetHex, toHex } from '../../bytes/hex.js';
import { escapeHtml } from '../html.js';
import { fromPcap, fromText, type InputDatagram } from '../inputs.js';
import { fromPreload, isPcap, type Preload } from './inputs.js';
import { rowMeta } from './meta.js';
import { explore, type ExploredDatagram } from './model.js';
import { renderExplored } from './render.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let shown: ExploredDatagram[] = [];
let bases: number[] = [];

function status(text: string, bad = false): void {
  const s = $('status');
  s.textContent = text;
  s.className = bad ? 'bad' : '';
}

function show(input: InputDatagram[], title: string): void {
  shown = explore(input);
  const r = renderExplored(shown);
  bases = r.bases;
  $('list').innerHTML = r.list;
  $('main').innerHTML = r.sections;
  $('title').textContent = title;
  $('inspect').textContent = 'Click a row or a byte.';
  const msgs = shown.reduce((n, d) => n + d.summaries.length, 0);
  const errs = shown.reduce((n, d) => n + d.errors.length, 0);
  status(`${shown.length} datagram${shown.length === 1 ? '' : 's'}, ${msgs} message${msgs === 1 ? '' : 's'}${errs ? `, ${errs} refused` : ''}`);
}

function attempt(f: () => void): void {
  try {
    f();
  } catch (e) {
    status(`Cannot read this: ${(e as Error).message}`, true);
  }
}

function explainText(): void {
  const text = $<HTMLTextAreaElement>('paste').value;
  if (text.trim() === '') return;
  attempt(() => show(fromText(text, $<HTMLSelectElement>('proto').value === 'generic' ? 'generic' : 'route').datagrams, 'pasted input'));
}

async function explainFile(file: File): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isPcap(bytes)) attempt(() => show(fromPcap(bytes), file.name));
  else {
    $<HTMLTextAreaElement>('paste').value = new TextDecoder().decode(bytes);
    explainText();
  }
}

/** The row with page-wide id `id`. */
function rowOf(id: number) {
  let d = bases.length - 1;
  while (d > 0 && bases[d]! > id) d--;
  const dg = shown[d];
  const row = dg?.rows[id - bases[d]!];
  return dg && row ? { dg, row } : undefined;
}

function inspect(id: number): void {
  const hit = rowOf(id);
  if (!hit) return;
  const { dg, row } = hit;
  const m = rowMeta(row);
  const cells: [string, string | undefined][] = [
    ['name', row.name],
    ['path', row.path.join(' > ')],
    ['datagram', `#${dg.index}`],
    ['offset', `0x${offsetHex(row.offset)} (${row.offset})`],
    ['length', `${row.length} byte${row.length === 1 ? '' : 's'}`],
    ['bytes', toHex(dg.bytes.subarray(row.offset, Math.min(row.offset + row.length, row.offset + 64)), ' ') + (row.length > 64 ? ' ...' : '')],
    ['type', m.type],
    ['byte order', m.order],
    ['units', m.units],
    ['value', row.value],
    ['note', m.about],
  ];
  $('inspect').innerHTML = `<table>${cells
    .filter((c) => c[1] !== undefined)
    .map(([k, v]) => `<tr><td>${k}</td><td>${escapeHtml(v!)}</td></tr>`)
    .join('')}</table>`;
}

let lit: Element[] = [];
function hover(id: string | null): void {
  for (const e of lit) e.classList.remove('hl');
  lit = id === null ? [] : Array.from(document.querySelectorAll(`[data-row="${id}"]`));
  for (const e of lit) e.classList.add('hl');
}

function select(id: number, scroll: boolean): void {
  for (const e of Array.from(document.querySelectorAll('.sel'))) e.classList.remove('sel');
  const els = Array.from(document.querySelectorAll(`[data-row="${id}"]`));
  for (const e of els) {
    e.classList.add('sel');
    for (let g = e.parentElement?.closest('.grp'); g; g = g.parentElement?.closest('.grp')) g.classList.remove('closed');
  }
  const treeRow = els.find((e) => e.classList.contains('row'));
  if (scroll && treeRow) treeRow.scrollIntoView({ block: 'center' });
  inspect(id);
}

function jump(target: string): void {
  const el = document.getElementById(target);
  if (!el) return;
  el.classList.remove('closed');
  el.scrollIntoView({ block: 'start' });
  el.classList.remove('flash');
  void (el as HTMLElement).offsetWidth; // restart the animation
  el.classList.add('flash');
}

function onClick(ev: MouseEvent): void {
  const t = ev.target as Element;
  const tg = t.closest('.tg, .mhead');
  if (tg) {
    const g = tg.closest('.grp');
    if (g && !(tg.classList.contains('tg') && tg.classList.contains('none'))) {
      g.classList.toggle('closed');
      return;
    }
  }
  const j = t.closest('[data-jump]');
  if (j) return jump(j.getAttribute('data-jump')!);
  const go = t.closest('[data-goto]');
  if (go) return select(Number(go.getAttribute('data-goto')), true);
  const r = t.closest('[data-row]');
  if (r) select(Number(r.getAttribute('data-row')), false);
}

function start(): void {
  document.addEventListener('mouseover', (ev) => {
    const el = (ev.target as Element).closest?.('[data-row]');
    hover(el ? el.getAttribute('data-row') : null);
  });
  document.addEventListener('click', onClick);
  $('paste').addEventListener('input', explainText);
  $('go').addEventListener('click', explainText);
  $('proto').addEventListener('change', explainText);
  $<HTMLInputElement>('file').addEventListener('change', (ev) => {
    const f = (ev.target as HTMLInputElement).files?.[0];
    if (f) void explainFile(f);
  });
  document.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    document.body.classList.add('drag');
  });
  document.addEventListener('dragleave', () => document.body.classList.remove('drag'));
  document.addEventListener('drop', (ev) => {
    ev.preventDefault();
    document.body.classList.remove('drag');
    const f = ev.dataTransfer?.files[0];
    if (f) void explainFile(f);
  });
  const pre = document.getElementById('tsnl-input');
  if (pre?.textContent?.trim()) {
    attempt(() => {
      const p = JSON.parse(pre.textContent!) as Preload;
      show(fromPreload(p), p.title);
    });
  } else status('Paste hex, strace output or tsip -xx rows above, or drop a pcap file on the page.');
}

start();
