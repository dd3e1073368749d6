/**
 * Renders explain rows as an annotated hex layout:
 *
 * ```
 * 0000  64 00 00 00                 nlmsg_len                 100
 * 0020  0f 00 03 00                 IFLA_IFNAME               len 15, type 3
 * 0024  76 65 74 68 2d ... (11)       "veth-test1"
 * 002f  00                            padding (1)
 * ```
 * Nesting shows as `> ` per level. Colours (by role) only when asked.
 * With `full`, no byte is left out: a run longer than 8 bytes continues on
 * lines of its own, each with its offset and no text (what `tsip -xx`
 * prints, and what `tsip decode` reads back, see `paste.ts`):
 *
 * ```
 * 0024  76 65 74 68 2d 74 65 73     "veth-test1"
 * 002c  74 31 00
 * ```
 */
import { offsetHex, toHex } from '../bytes/hex.js';
import type { Row } from '../schema/kind.js';

export interface TextOptions {
  /** ANSI colours by role (use only on a terminal). */
  color?: boolean;
  /** Bytes shown in full before eliding (default 8); with {@link full}, bytes per line. */
  maxBytes?: number;
  /** Every byte, long runs over several lines (no `... (N)`). */
  full?: boolean;
}

const COLORS: Record<Row['role'], string> = {
  nlmsghdr: '\x1b[36m',
  header: '\x1b[36m',
  field: '\x1b[34m',
  attr: '\x1b[33m',
  value: '\x1b[32m',
  pad: '\x1b[90m',
  unknown: '\x1b[31m',
};
const RESET = '\x1b[0m';

function hexCell(bytes: Uint8Array, r: Row, max: number): string {
  const b = bytes.subarray(r.offset, r.offset + r.length);
  if (b.length <= max) return toHex(b, ' ');
  return `${toHex(b.subarray(0, 5), ' ')} ... (${b.length})`;
}

/** One line per row. `bytes` is the buffer the rows' offsets refer to. */
export function renderRows(rows: readonly Row[], bytes: Uint8Array, opts: TextOptions = {}): string {
  const max = opts.full ? Math.max(1, opts.maxBytes ?? 8) : opts.maxBytes ?? 8;
  const offWidth = bytes.length > 0xffff ? 6 : 4;
  const lines: string[] = [];
  for (const r of rows) {
    const off = offsetHex(r.offset, offWidth);
    const hex = (opts.full ? toHex(bytes.subarray(r.offset, r.offset + Math.min(r.length, max)), ' ') : hexCell(bytes, r, max)).padEnd(26);
    let text: string;
    const indent = '> '.repeat(r.depth);
    if (r.role === 'value' || r.role === 'unknown') text = '  '.repeat(r.depth) + r.value;
    else if (r.role === 'pad') text = '  '.repeat(r.depth) + `padding ${r.value}`;
    else text = (indent + r.name).padEnd(34) + ' ' + r.value;
    const line = `${off}  ${hex}  ${text}`.trimEnd();
    lines.push(opts.color ? COLORS[r.role] + line + RESET : line);
    if (opts.full) {
      for (let at = r.offset + max; at < r.offset + r.length; at += max) {
        const more = `${offsetHex(at, offWidth)}  ${toHex(bytes.subarray(at, Math.min(at + max, r.offset + r.length)), ' ')}`;
        lines.push(opts.color ? COLORS[r.role] + more + RESET : more);
      }
    }
  }
  return lines.join('\n');
}
