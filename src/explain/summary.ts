/**
 * One line per netlink message: what `tsip -x` prints and the explorer's
 * message list shows.
 *
 * ```
 * RTM_NEWLINK veth-red type veth peer veth-blue (create excl, 100 bytes)
 * ACK (36 bytes)
 * NLMSG_ERROR -34 ERANGE "Attribute failed policy validation" at IFLA_MTU (88 bytes)
 * RTM_NEWLINK 1: lo UP (multi, 1340 bytes)
 * NLMSG_DONE (multi, 20 bytes)
 * ```
 * The message type, the object's key facts (as its family's unit says:
 * a link's name, kind and peer; an address with its prefix and device
 * index; a route's destination, gateway and device), the nlmsg_flags that change what the message means
 * (dump, create, excl, replace, append, multi, dump-intr) and its nlmsg_len.
 * Pure functions over bytes; nothing here throws on malformed input: a
 * message that does not decode is summed up by its type and size.
 */
import { align4 } from '../bytes/align.js';
import {
  NLM_F_APPEND,
  NLM_F_CREATE,
  NLM_F_DUMP,
  NLM_F_DUMP_INTR,
  NLM_F_EXCL,
  NLM_F_MULTI,
  NLM_F_REPLACE,
  NLM_F_REQUEST,
  NLMSG_DONE,
  NLMSG_ERROR,
  NLMSG_HDRLEN,
} from '../core/constants.js';
import { errnoName, strerror } from '../core/errno.js';
import { unitOfMessage } from '../families/registry.js';
import { messageTypeName } from '../netlink/explain.js';
import { decodeAt, isZeroTail, resolveAt, type Message } from '../netlink/message.js';
import { opOf, type MessageDef, type MessageOp, type Protocol } from '../netlink/protocol.js';
import { sourceOf, type Source } from '../schema/kind.js';
import { findErrors, traceError, type ErrorSite } from './extack.js';

/** One message of a datagram, summed up. */
export interface MessageSummary {
  /** Offset of the message's nlmsghdr in the datagram. */
  offset: number;
  /** Its length in the datagram: nlmsg_len (the rest of the datagram when that is malformed). */
  length: number;
  /** Kernel name of the message type (`RTM_NEWLINK`, `NLMSG_ERROR`, `nlctrl CTRL_CMD_GETFAMILY`), or `type N`. */
  type: string;
  /** The whole line, without direction: `RTM_NEWLINK veth-red type veth peer veth-blue (create excl, 100 bytes)`. */
  text: string;
  /** True for a refusal (NLMSG_ERROR or NLMSG_DONE with a negative errno) and for bytes that do not decode. */
  error?: boolean;
}

/**
 * One summary per netlink message in `bytes` (one datagram), in order.
 * Trailing zeros after the last message are left out; a header that cannot
 * be walked ends the list with one summary marked as an error.
 */
export function summarizeDatagram(bytes: Uint8Array, proto: Protocol): MessageSummary[] {
  const out: MessageSummary[] = [];
  const src = sourceOf(bytes);
  let errors: ErrorSite[] | undefined;
  for (let off = 0; off < bytes.length; ) {
    if (isZeroTail(bytes, off)) break;
    const avail = bytes.length - off;
    const len = avail >= 4 ? src.dv.getUint32(off, true) : 0;
    if (avail < NLMSG_HDRLEN || len < NLMSG_HDRLEN || len > avail) {
      const why = avail < NLMSG_HDRLEN ? `${avail} bytes, too few for a nlmsghdr` : `nlmsg_len ${len} with ${avail} bytes left`;
      out.push({ offset: off, length: avail, type: 'malformed', text: `malformed: ${why}`, error: true });
      break;
    }
    const type = src.dv.getUint16(off + 4, true);
    if (type === NLMSG_ERROR || type === NLMSG_DONE) errors ??= safe(() => findErrors(bytes), []);
    out.push(summarizeAt(src, off, len, proto, errors ?? []));
    off += align4(len);
  }
  return out;
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

function summarizeAt(src: Source, off: number, len: number, proto: Protocol, errors: readonly ErrorSite[]): MessageSummary {
  const dv = src.dv;
  const type = dv.getUint16(off + 4, true);
  const flags = dv.getUint16(off + 6, true);
  const resolved = safe(() => resolveAt(src, off, proto), undefined);
  const name = resolved?.name ?? messageTypeName(type, proto);
  const s: MessageSummary = { offset: off, length: len, type: name, text: '' };
  // Decoded on its own: one malformed message leaves the others' summaries whole.
  const msg = safe(() => decodeAt({ u8: src.u8, dv, depth: 0 }, off, len, proto).msg, undefined);
  const words: string[] = [name];
  if (type === NLMSG_ERROR) {
    const err = msg?.error ?? (len >= NLMSG_HDRLEN + 4 ? dv.getInt32(off + NLMSG_HDRLEN, true) : undefined);
    if (err === 0) words[0] = 'ACK';
    else if (err !== undefined) {
      words.push(...errorWords(err, errors.find((e) => e.at === off), proto));
      s.error = true;
    }
  } else if (type === NLMSG_DONE) {
    const err = msg?.error ?? (len >= NLMSG_HDRLEN + 4 ? dv.getInt32(off + NLMSG_HDRLEN, true) : 0);
    if (err < 0) {
      words.push(...errorWords(err, errors.find((e) => e.at === off), proto));
      s.error = true;
    }
  } else if (msg?.header !== undefined) {
    const request = (flags & NLM_F_REQUEST) !== 0;
    // Facts carry the kernel's strings (names, kinds): escaped; the ext-ack message is quoted as JSON.
    words.push(...safe(() => facts(proto, resolved?.def, msg!, request), []).map(printable));
  }
  const tail = flagWords(flags, resolved?.op ?? opOf(proto, type));
  if (msg === undefined) {
    tail.push('does not decode');
    s.error = true;
  }
  tail.push(`${len} bytes`);
  s.text = `${words.filter((w) => w !== '').join(' ')} (${tail.join(', ')})`;
  return s;
}

/** The nlmsg_flags that change what a message means, as short words. */
function flagWords(flags: number, op: MessageOp | undefined): string[] {
  const w: string[] = [];
  if (op === 'get' && (flags & NLM_F_DUMP) === NLM_F_DUMP) w.push('dump');
  if (op === 'new') {
    if (flags & NLM_F_CREATE) w.push('create');
    if (flags & NLM_F_EXCL) w.push('excl');
    if (flags & NLM_F_REPLACE) w.push('replace');
    if (flags & NLM_F_APPEND) w.push('append');
  }
  if (flags & NLM_F_MULTI) w.push('multi');
  if (flags & NLM_F_DUMP_INTR) w.push('dump-intr');
  return w;
}

function errorWords(err: number, site: ErrorSite | undefined, proto: Protocol): string[] {
  const w = [String(err), errnoName(err) ?? ''];
  const t = site ? safe(() => traceError(site, proto), undefined) : undefined;
  if (t?.message !== undefined) w.push(JSON.stringify(t.message));
  else w.push(strerror(err));
  if (t?.attrPath) w.push(t.inside ? 'inside' : 'at', t.attrPath.join(' > '));
  else if (t?.offset !== undefined) w.push(`at offset ${t.offset}`);
  if (t?.missing !== undefined) w.push(`missing ${t.missing}`);
  return w;
}

type Obj = Record<string, any>;

/**
 * The key facts of a decoded message: its family unit's summary
 * (`src/families/<family>/summary.ts`), else a generic guess.
 */
function facts(proto: Protocol, def: MessageDef | undefined, m: Message, request: boolean): string[] {
  const summary = def === undefined ? undefined : unitOfMessage(proto, def)?.summary;
  return summary ? summary(m, request) : otherFacts(m.header as Obj, (m.attrs ?? {}) as Obj);
}

/** Any other message: an index in its header and the first string among its attributes (a family's name, a device's). */
function otherFacts(h: Obj, a: Obj): string[] {
  const w: string[] = [];
  for (const k of ['index', 'ifindex']) if (typeof h?.[k] === 'number' && h[k] !== 0) w.push(`${k} ${h[k]}`);
  const strings: string[] = [];
  const walk = (o: Obj, depth: number) => {
    for (const v of Object.values(o)) {
      if (strings.length >= 1) return;
      if (typeof v === 'string' && v !== '' && v.length <= 32) strings.push(v);
      else if (v && typeof v === 'object' && !(v instanceof Uint8Array) && !Array.isArray(v) && depth < 2) walk(v as Obj, depth + 1);
    }
  };
  walk(a, 0);
  return [...w, ...strings];
}

/**
 * Control characters (C0, DEL, C1) as `\xNN`, and a backslash as `\\`:
 * names come from the kernel and anyone may name a link `e\x1b[31mvil`; a
 * summary must not drive the terminal it is printed on, nor be mistaken
 * for one that would.
 */
function printable(text: string): string {
  return text.replace(/[\\\x00-\x1f\x7f-\x9f]/g, (c) => (c === '\\' ? '\\\\' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
