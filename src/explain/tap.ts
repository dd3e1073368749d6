/**
 * What `tsip -x` and `tsip -xx` print for each datagram a socket sends or
 * receives (the demo's `-x` too).
 *
 * Level 1, one line per message, its direction, its summary and the
 * namespace of the socket that carried it:
 * ```
 * -> RTM_NEWLINK veth-red type veth peer veth-blue (create, excl, 100 bytes) [netns red]
 * <- ACK (36 bytes) [netns red]
 * ```
 * Level 2, a header line per datagram, then every row with every byte
 * (see `text.ts`), then the kernel's errors traced to their attribute:
 * ```
 * -> sent 100 bytes [netns red]
 * 0000  64 00 00 00                 nlmsg_len                          100
 * ...
 * ```
 * The header says where a datagram starts, which way it went and how long
 * it is: `paste.ts` reads it back, so the output pastes into `tsip decode`.
 */
import { explainDatagram } from '../netlink/explain.js';
import type { Protocol } from '../netlink/protocol.js';
import type { Row } from '../schema/kind.js';
import type { SocketLabel } from '../transport/port.js';
import { traceErrors } from './extack.js';
import { summarizeDatagram } from './summary.js';
import { renderRows } from './text.js';

/** How much `-x` shows: 1 (`-x`) one line per message, 2 (`-xx`) every row. */
export type ExplainLevel = 1 | 2;

/** The NETLINK_GENERIC mark of a level-2 header (NETLINK_ROUTE has none). */
export const GENERIC_MARK = 'NETLINK_GENERIC';

/**
 * The namespace of the socket that carried a datagram, from the label the
 * handle gives it (`DatagramInfo.via`): `netns red`, `netns red, helper`
 * (a helper process's socket inside it), or `own netns` (this process's
 * namespace: no `-n`, or a request sent from here with a target netnsid).
 */
export function whereLabel(via: SocketLabel | undefined): string {
  if (via?.netns === undefined) return 'own netns';
  return `netns ${via.netns}${via.helper === true ? ', helper' : ''}`;
}

/** The header line of a datagram at level 2: `-> sent 100 bytes [netns red]`. */
export function datagramHeader(out: boolean, length: number, generic: boolean, where: string): string {
  return `${out ? '-> sent' : '<- received'} ${length} bytes${generic ? ', ' + GENERIC_MARK : ''} [${where}]`;
}

/** What to print for one datagram (lines, without the final newline). Never throws for malformed bytes. */
export function tapText(level: ExplainLevel, out: boolean, d: Uint8Array, proto: Protocol, where: string, opts: { color?: boolean; generic?: boolean } = {}): string {
  if (level === 1) {
    const arrow = out ? '->' : '<-';
    return summarizeDatagram(d, proto)
      .map((s) => `${arrow} ${s.text} [${where}]`)
      .join('\n');
  }
  let rows: Row[];
  try {
    rows = explainDatagram(d, proto).rows;
  } catch (e) {
    // Every byte all the same, so that the text still pastes back.
    rows = d.length ? [{ offset: 0, length: d.length, depth: 0, role: 'unknown', path: ['datagram'], name: 'datagram', value: `cannot explain: ${(e as Error).message}` }] : [];
  }
  let body = renderRows(rows, d, { color: opts.color, full: true });
  if (!out) {
    try {
      for (const t of traceErrors(d, proto)) body += '\n' + t.text;
    } catch {
      // the rows say what there is
    }
  }
  return datagramHeader(out, d.length, opts.generic === true, where) + (body ? '\n' + body : '');
}
