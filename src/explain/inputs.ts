/**
 * Datagrams from what people bring to `tsip decode` and to the explorer
 * page: pasted text (hex, strace output, `tsip -xx` rows: read by
 * `paste.ts`) and netlink pcaps, each with its direction and netlink
 * protocol as far as the input says; and those datagrams made ready to
 * explain, generic netlink family ids learned from the controller's
 * answers among them. Both the command and the page go through here, so
 * they read the same input the same way. No Node or DOM imports.
 */
import type { GenericProtocol } from '../genl/protocol.js';
import { readPcap } from '../pcap/reader.js';
import type { CapturedDatagram } from './capture.js';
import { parsePasted } from './paste.js';

/** NETLINK_ROUTE and NETLINK_GENERIC, as a pcap's pseudo-header numbers them. */
export const NETLINK_ROUTE = 0;
export const NETLINK_GENERIC = 16;

/** One datagram as it was brought (preloaded, pasted or read from a pcap). */
export interface InputDatagram {
  /** `send`: user space to kernel; `recv`: kernel to user space. */
  dir?: 'send' | 'recv';
  bytes: Uint8Array;
  /** Where it came from (`packet 3 (2026-...)`, `line 12`). */
  source: string;
  /** Netlink protocol number (0 NETLINK_ROUTE, the default; 16 NETLINK_GENERIC; others are shown undecoded). */
  protocol?: number;
  /** Something to know about it (the namespace that carried it, a snap length). */
  note?: string;
  /** False to show it undecoded. */
  decode?: false;
}

/** What {@link fromText} read: the datagrams, and the form of the text. */
export interface TextInput {
  format: 'rows' | 'strace' | 'hex';
  datagrams: InputDatagram[];
}

/** Datagrams of pasted text; `protocol` is what text that does not say is taken to be. Throws PasteError. */
export function fromText(text: string, protocol: 'route' | 'generic'): TextInput {
  const { format, datagrams } = parsePasted(text, protocol);
  return {
    format,
    datagrams: datagrams.map((p) => {
      const d: InputDatagram = { bytes: p.bytes, source: format === 'hex' ? 'hex' : `line ${p.line}` };
      if (p.dir) d.dir = p.dir;
      d.protocol = (p.protocol ?? protocol) === 'generic' ? NETLINK_GENERIC : NETLINK_ROUTE;
      if (p.where !== undefined) d.note = p.where;
      return d;
    }),
  };
}

/** Datagrams of a netlink pcap, each with its direction, its own protocol and its time. Throws PcapError. */
export function fromPcap(file: Uint8Array): InputDatagram[] {
  return readPcap(file).packets.map((p) => {
    // The packet type only when it does not say the direction (given in words wherever a datagram is shown).
    const type = p.dir === undefined ? `packet type ${p.packetType}, ` : '';
    const d: InputDatagram = { bytes: p.bytes, source: `packet ${p.index} (${type}${new Date(p.timeMs).toISOString()})`, protocol: p.protocol };
    if (p.dir) d.dir = p.dir;
    if (p.origLength > p.bytes.length) d.note = `cut to ${p.bytes.length} of ${p.origLength} bytes by the snap length`;
    return d;
  });
}

/**
 * The datagrams ready for `explainCapture`: NETLINK_GENERIC ones decoded
 * with `generic`, which first learns the family ids their controller
 * answers give; other protocols are kept undecoded, with a note.
 */
export function capturedOf(input: readonly InputDatagram[], generic: GenericProtocol): CapturedDatagram[] {
  const captured = input.map((d) => {
    const c: CapturedDatagram = { bytes: d.bytes, source: d.source };
    if (d.dir) c.dir = d.dir;
    const notes = d.note ? [d.note] : [];
    if (d.decode === false) c.decode = false;
    else if (d.protocol === NETLINK_GENERIC) c.protocol = generic;
    else if (d.protocol !== undefined && d.protocol !== NETLINK_ROUTE) {
      c.decode = false;
      notes.push(`netlink protocol ${d.protocol}, neither NETLINK_ROUTE nor NETLINK_GENERIC: not decoded`);
    }
    if (notes.length) c.note = notes.join('; ');
    return c;
  });
  generic.learnFrom(captured.filter((c) => c.protocol === generic).map((c) => c.bytes));
  return captured;
}
