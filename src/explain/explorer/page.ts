/**
 * The explorer as one self-contained HTML file: the skeleton, the CSS, the
 * input to show at once (JSON in a `<script type="application/json">`) and
 * the script, the codec bundled for the browser (dist/explorer.js, made by
 * `npm run build`). Nothing is fetched: no `src`, no `href`, no `url()`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { escapeHtml } from '../html.js';
import type { InputDatagram } from '../inputs.js';
import { toPreload } from './inputs.js';
import { EXPLORER_CSS } from './style.js';

/** The explorer script could not be found (tsnetlink was not built). */
export class ExplorerScriptError extends Error {
  override readonly name = 'ExplorerScriptError';
}

/**
 * The bundled page script. From dist/tsip.cjs it sits beside; from
 * dist/explain/explorer/page.js two levels up; from the sources (tests), in
 * dist/ at the repository root.
 */
export function explorerScript(): string {
  const tried: string[] = [];
  for (const rel of ['./explorer.js', '../../explorer.js', '../../../dist/explorer.js']) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (file.endsWith('/explorer/explorer.js')) continue;
    tried.push(file);
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  throw new ExplorerScriptError(`the explorer's script is not built (looked for ${tried.join(', ')}): run npm run build`);
}

const LEGEND = [
  ['nlh', 'netlink header (nlmsghdr)'],
  ['hdr', 'family header (ifinfomsg...)'],
  ['fld', 'field'],
  ['att', 'attribute header (nlattr)'],
  ['val', 'value'],
  ['pad', 'padding'],
  ['unk', 'unknown / malformed'],
]
  .map(([c, t]) => `<span class="${c}">${t}</span>`)
  .join('');

/** JSON safe inside a `<script>` element: no `<` at all. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c');
}

/** The page; `input`, when given, is shown when it opens. */
export function explorerPage(script: string, title: string, input?: readonly InputDatagram[]): string {
  if (/<\/script/i.test(script)) throw new ExplorerScriptError('the explorer script contains "</script": it cannot be inlined');
  const preload = input ? scriptJson(toPreload(title, input)) : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} - tsnetlink explorer</title>`,
    `<style>${EXPLORER_CSS}</style>`,
    '</head>',
    '<body>',
    `<header><h1>tsnetlink explorer</h1><span id="title">${escapeHtml(title)}</span></header>`,
    '<div id="input">',
    '<textarea id="paste" spellcheck="false" placeholder="Paste hex, strace output (strace -e write=all -e read=all ...) or tsip -xx rows here, or drop a pcap file on the page"></textarea>',
    '<div class="ctl"><label>hex and strace are <select id="proto"><option value="route">NETLINK_ROUTE</option><option value="generic">NETLINK_GENERIC</option></select></label>',
    '<button id="go" type="button">Explain</button><label>pcap or text file <input type="file" id="file"></label><span id="status"></span></div>',
    '</div>',
    `<p class="legend">${LEGEND}</p>`,
    '<div id="layout"><aside id="side"><h3>Messages</h3><ol id="list"></ol><h3>Selected</h3><div id="inspect"></div></aside><main id="main"></main></div>',
    `<script type="application/json" id="tsnl-input">${preload}</script>`,
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
