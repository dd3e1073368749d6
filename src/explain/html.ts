/**
 * HTML pieces of the byte views: escaping, the colour class of each row
 * role, and the hex pane, in which each run of bytes of one row on a line
 * is one span carrying `data-row="N"` (N unique in the page). The explorer
 * page (`src/explain/explorer/`) puts the hex pane beside the field tree,
 * whose rows carry the same numbers, and links them on hover and click.
 */
import { offsetHex, toHex } from '../bytes/hex.js';
import type { Row } from '../schema/kind.js';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** CSS class of each role: netlink header, family header, field, attribute header, value, padding, unknown or malformed. */
export const ROLE_CLASS: Record<Row['role'], string> = {
  nlmsghdr: 'nlh',
  header: 'hdr',
  field: 'fld',
  attr: 'att',
  value: 'val',
  pad: 'pad',
  unknown: 'unk',
};

/** 16 bytes a line, offsets in hex; row `i` is `data-row="base + i"`. */
export function hexPane(bytes: Uint8Array, rows: readonly Row[], base: number): string {
  const owner = new Int32Array(bytes.length).fill(-1);
  rows.forEach((r, i) => {
    for (let b = r.offset; b < r.offset + r.length && b < bytes.length; b++) owner[b] = i;
  });
  const lines: string[] = [];
  for (let line = 0; line < bytes.length; line += 16) {
    let html = `<span class="off">${offsetHex(line)}</span>  `;
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
