/**
 * Datagrams from pasted text, in the forms people copy:
 *
 * - explain rows with every byte, as `tsip -xx` prints them (offset,
 *   bytes, names), with its datagram headers (`-> sent 100 bytes [netns
 *   red]`), or as `tsip decode` prints pasted rows back (its `#1 ...: user
 *   -> kernel, 100 bytes` titles). The offsets must follow each other
 *   within a datagram, and the bytes must add up to the length its header
 *   (or, without one, its messages' nlmsg_len) gives: a line left out or
 *   pasted twice is an error naming the line. Rows with bytes elided
 *   (`76 65 74 68 2d ... (11)`, as `tsip decode` prints hex, strace and
 *   pcap input) are refused, since the bytes are not there.
 * - strace output (`-e write=all -e read=all`), read by `strace/parse.ts`.
 * - plain hex (spaces, newlines, `0x` and `\x` allowed): one datagram.
 *
 * No Node imports: the explorer page runs this in the browser.
 */
import { HexError, offsetHex, parseHex } from '../bytes/hex.js';
import { parseStrace, StraceError } from '../strace/parse.js';
import { GENERIC_MARK } from './tap.js';

/** One datagram found in pasted text. */
export interface PastedDatagram {
  bytes: Uint8Array;
  /** `send`: user space to kernel; `recv`: kernel to user space; undefined when the text does not say. */
  dir?: 'send' | 'recv';
  /** The netlink protocol when the text says (a `NETLINK_GENERIC` header, or the protocol asked for strace and hex). */
  protocol?: 'route' | 'generic';
  /** Where the text said the datagram went (`netns red`), when it did. */
  where?: string;
  /** 1-based line of the text where the datagram starts. */
  line: number;
}

/** What {@link parsePasted} found. */
export interface Pasted {
  /** Which form the text was in. */
  format: 'rows' | 'strace' | 'hex';
  datagrams: PastedDatagram[];
}

/** Pasted text that cannot be read: says where and why. */
export class PasteError extends Error {
  override readonly name = 'PasteError';
  constructor(
    message: string,
    /** 1-based line, when one is to blame. */
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
  }
}

/** A row line: offset, two spaces, bytes (may be none), then two spaces and the text, if any. */
const ROW = /^([0-9a-f]{4,8}) {2}((?:[0-9a-f]{2}(?: [0-9a-f]{2})*)?)(?: {2,}.*)?$/;
const ELIDED = /^[0-9a-f]{4,8} {2}(?:[0-9a-f]{2} )+\.\.\. \((\d+)(?: bytes)?\)/;
/** `tsip -xx`: `-> sent 100 bytes, NETLINK_GENERIC [netns red]`; older `>>> sent 100 bytes (netns "red")`. */
const XX_HEADER = /^(?:(->|<-) (?:sent|received)|(>>>|<<<) (?:sent|received)) (\d+) bytes(, [A-Z_]+)?(?: \[(.*)\]| \((.*)\))?\s*$/;
/** `tsip decode` of a capture: `#3 sendmsg fd 3 (line 12): user -> kernel, 100 bytes, seq ...`. */
const DECODE_TITLE = /^#\d+ .*?: (user -> kernel|kernel -> user|direction unknown), (\d+) bytes(, [A-Z_]+)?/;
const STRACE = /^(?:\s*(?:\[pid\s+\d+\]\s+|\d+\s+)?(?:[\d:.]+\s+)?(?:sendmsg|recvmsg|sendto|recvfrom)\(| \| [0-9a-f]{5} {2})/m;
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Reads pasted text into datagrams. `protocol` is what strace and hex
 * input are taken to be (row headers say it themselves). Throws
 * {@link PasteError} for text that cannot be read.
 */
export function parsePasted(text: string, protocol: 'route' | 'generic' = 'route'): Pasted {
  const clean = text.replace(ANSI, '');
  if (STRACE.test(clean)) return { format: 'strace', datagrams: fromStrace(clean, protocol) };
  const lines = clean.split(/\r?\n/);
  if (lines.some((l) => ROW.test(l) || ELIDED.test(l) || XX_HEADER.test(l.trimEnd()))) return { format: 'rows', datagrams: fromRows(lines, protocol) };
  let bytes: Uint8Array;
  try {
    bytes = parseHex(clean);
  } catch (e) {
    if (e instanceof HexError) throw new PasteError(`neither explain rows, strace output nor hex: ${e.message}`);
    throw e;
  }
  return { format: 'hex', datagrams: bytes.length ? [{ bytes, protocol, line: 1 }] : [] };
}

function fromStrace(text: string, protocol: 'route' | 'generic'): PastedDatagram[] {
  try {
    return parseStrace(text, protocol === 'generic' ? 'GENERIC' : 'ROUTE').datagrams.map((d) => ({ bytes: d.bytes, dir: d.dir, protocol, line: d.line }));
  } catch (e) {
    if (e instanceof StraceError) throw new PasteError(`strace output, ${e.message}`);
    throw e;
  }
}

interface Open {
  line: number;
  bytes: number[];
  /** Length the header announced. */
  declared?: number;
  dir?: 'send' | 'recv';
  protocol?: 'route' | 'generic';
  where?: string;
}

function fromRows(lines: readonly string[], protocol: 'route' | 'generic'): PastedDatagram[] {
  const out: PastedDatagram[] = [];
  let cur: Open | undefined;
  const close = () => {
    if (cur === undefined) return;
    const c = cur;
    cur = undefined;
    if (c.declared !== undefined && c.bytes.length !== c.declared) {
      const got = c.bytes.length;
      throw new PasteError(`the datagram announced ${c.declared} bytes, its rows hold ${got}${got < c.declared ? ` (rows from offset ${offsetHex(got)} on are missing)` : ''}`, c.line);
    }
    if (c.declared === undefined && c.bytes.length === 0) return;
    const bytes = Uint8Array.from(c.bytes);
    if (c.declared === undefined) {
      const want = messagesLength(bytes);
      if (want > bytes.length) throw new PasteError(`the rows hold ${bytes.length} bytes, the messages' nlmsg_len say ${want} (rows from offset ${offsetHex(bytes.length)} on are missing)`, c.line);
    }
    const d: PastedDatagram = { bytes, line: c.line, protocol: c.protocol ?? protocol };
    if (c.dir) d.dir = c.dir;
    if (c.where !== undefined) d.where = c.where;
    out.push(d);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    const ln = i + 1;
    const h = XX_HEADER.exec(line);
    if (h) {
      close();
      const arrow = h[1] ?? h[2]!;
      // A header without the NETLINK_GENERIC mark is NETLINK_ROUTE's.
      cur = { line: ln, bytes: [], declared: Number(h[3]), dir: arrow === '->' || arrow === '>>>' ? 'send' : 'recv', protocol: h[4] === `, ${GENERIC_MARK}` ? 'generic' : 'route' };
      const where = h[5] ?? h[6];
      if (where !== undefined) cur.where = where;
      continue;
    }
    const t = DECODE_TITLE.exec(line);
    if (t) {
      close();
      // As in a -xx header: marked when it was decoded as NETLINK_GENERIC.
      cur = { line: ln, bytes: [], declared: Number(t[2]), protocol: t[3] === `, ${GENERIC_MARK}` ? 'generic' : 'route' };
      if (t[1] !== 'direction unknown') cur.dir = t[1] === 'user -> kernel' ? 'send' : 'recv';
      continue;
    }
    const el = ELIDED.exec(line);
    if (el) throw new PasteError(`bytes left out ("... (${el[1]})"): paste what tsip -xx prints, which shows every byte`, ln);
    const r = ROW.exec(line);
    if (!r) continue; // summaries, error notes, blank lines
    const off = parseInt(r[1]!, 16);
    // A row at offset 0 with no header before it starts a datagram of its own.
    if (cur === undefined || (off === 0 && cur.declared === undefined && cur.bytes.length > 0)) {
      close();
      cur = { line: ln, bytes: [] };
    }
    if (off !== cur.bytes.length) {
      const why = off > cur.bytes.length ? 'a line is missing before it' : 'a line is repeated, or two datagrams run together';
      throw new PasteError(`offset ${r[1]} where ${offsetHex(cur.bytes.length)} was expected (${why})`, ln);
    }
    if (r[2]) for (const b of r[2].split(' ')) cur.bytes.push(parseInt(b, 16));
  }
  close();
  return out;
}


/**
 * How many bytes the messages at the start of `bytes` say they take
 * (walking nlmsg_len, the last one unpadded), as far as the headers can be
 * read; the bytes themselves are checked when they are decoded.
 */
function messagesLength(bytes: Uint8Array): number {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = 0;
  for (let off = 0; off + 4 <= bytes.length; ) {
    const len = dv.getUint32(off, true);
    if (len < 16) break;
    end = off + len;
    off += (len + 3) & ~3;
  }
  return end;
}
