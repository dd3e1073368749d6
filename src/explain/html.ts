/**
 * One self-contained HTML page (no network, no other files) showing
 * explained datagrams: the hex on the left, the field tree on the right.
 * Every byte span and every tree row carries `data-row="N"`, N unique in
 * the page; hovering either highlights its twin. Colours by role:
 * nlmsghdr and family header, field, attribute header, value, padding,
 * unknown or malformed.
 */
import { toHex } from '../bytes/hex.js';
import type { Row } from '../schema/kind.js';

/** One datagram on the page. */
export interface HtmlSection {
  /** Heading (`#2 recvmsg fd 3: kernel -> user, 36 bytes`). */
  title: string;
  bytes: Uint8Array;
  /** Rows tiling `bytes`. */
  rows: readonly Row[];
  /** Lines shown under the datagram (traced errors, decode problems). */
  notes?: readonly string[];
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const ROLE_CLASS: Record<Row['role'], string> = {
  nlmsghdr: 'hdr',
  header: 'hdr',
  field: 'fld',
  attr: 'att',
  value: 'val',
  pad: 'pad',
  unknown: 'unk',
};

const CSS = `
body{font:14px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;margin:1.5em;color:#222;background:#fff}
h1{font-size:1.3em}h2{font-size:1.05em;margin:1.6em 0 .4em;border-bottom:1px solid #ccc}
.pane{display:flex;gap:2em;align-items:flex-start}
.hex{white-space:pre;flex:none}.tree{flex:1;min-width:0}
.off{color:#888}.b{padding:0 .15em;border-radius:2px;cursor:default}
.row{white-space:pre-wrap;padding:0 .3em;border-radius:2px;cursor:default}
.row .n{font-weight:600}.row .v{color:#333}
.hdr{background:#d7eef2}.fld{background:#dde6fa}.att{background:#fbe7c6}.val{background:#dcf3dc}.pad{background:#eee;color:#888}.unk{background:#f8d4d4}
.hl{outline:2px solid #c00;background:#ffef9a!important}
.note{color:#a00;margin:.3em 0}
.legend span{padding:0 .4em;margin-right:.5em}
`;

const SCRIPT = `
(function(){
  var lit=[];
  function show(id){
    lit.forEach(function(e){e.classList.remove('hl')});
    lit=id===null?[]:Array.prototype.slice.call(document.querySelectorAll('[data-row="'+id+'"]'));
    lit.forEach(function(e){e.classList.add('hl')});
  }
  document.addEventListener('mouseover',function(ev){
    var el=ev.target.closest?ev.target.closest('[data-row]'):null;
    show(el?el.getAttribute('data-row'):null);
  });
})();
`;

/** The whole page. `title` heads it; each section is one datagram. */
export function renderHtml(sections: readonly HtmlSection[], title: string): string {
  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">', `<title>${escapeHtml(title)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>');
  out.push(`<h1>${escapeHtml(title)}</h1>`);
  out.push('<p class="legend"><span class="hdr">nlmsghdr / header</span><span class="fld">field</span><span class="att">attribute header</span><span class="val">value</span><span class="pad">padding</span><span class="unk">unknown / malformed</span></p>');
  let next = 0;
  for (const s of sections) {
    const base = next;
    next += s.rows.length;
    out.push('<section>', `<h2>${escapeHtml(s.title)}</h2>`, '<div class="pane">');
    out.push(`<div class="hex">${hexView(s.bytes, s.rows, base)}</div>`);
    out.push(`<div class="tree">${treeView(s.rows, base)}</div>`);
    out.push('</div>');
    for (const n of s.notes ?? []) out.push(`<p class="note">${escapeHtml(n)}</p>`);
    out.push('</section>');
  }
  out.push(`<script>${SCRIPT}</script>`, '</body>', '</html>', '');
  return out.join('\n');
}

/** 16 bytes a line; each run of bytes of one row on a line is one span. */
function hexView(bytes: Uint8Array, rows: readonly Row[], base: number): string {
  const owner = new Int32Array(bytes.length).fill(-1);
  rows.forEach((r, i) => {
    for (let b = r.offset; b < r.offset + r.length && b < bytes.length; b++) owner[b] = i;
  });
  const lines: string[] = [];
  for (let line = 0; line < bytes.length; line += 16) {
    let html = `<span class="off">${line.toString(16).padStart(4, '0')}</span>  `;
    const end = Math.min(bytes.length, line + 16);
    for (let b = line; b < end; ) {
      const o = owner[b]!;
      let e = b + 1;
      while (e < end && owner[e] === o) e++;
      const text = toHex(bytes.subarray(b, e), ' ');
      if (o < 0) html += `<span class="b unk">${text}</span>`;
      else html += `<span class="b ${ROLE_CLASS[rows[o]!.role]}" data-row="${base + o}">${text}</span>`;
      if (e < end) html += ' ';
      b = e;
    }
    lines.push(html);
  }
  return lines.join('\n');
}

function treeView(rows: readonly Row[], base: number): string {
  return rows
    .map((r, i) => {
      const name = r.role === 'value' ? '' : `<span class="n">${escapeHtml(r.name)}</span> `;
      const off = r.offset.toString(16).padStart(4, '0');
      return `<div class="row ${ROLE_CLASS[r.role]}" data-row="${base + i}" title="${escapeHtml(r.path.join(' > '))} (${r.length} byte${r.length === 1 ? '' : 's'})" style="margin-left:${r.depth * 1.5}em"><span class="off">${off}</span> ${name}<span class="v">${escapeHtml(r.value)}</span></div>`;
    })
    .join('\n');
}
