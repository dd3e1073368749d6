/**
 * Explain: every byte of a message accounted for, as rows (offset, length,
 * depth, role, path, name, value), in order, tiling the message exactly:
 * nlmsghdr fields, the fixed header's fields, each attribute's header, its
 * value (or nested rows) and its padding.
 *
 * Rows are data: `tsip decode --rows` prints them as JSON lines, the text
 * view (`src/explain/text.ts`), the HTML view (`src/explain/html.ts`) and
 * the error tracer (`src/explain/extack.ts`) are all built on them.
 *
 * Besides what the declarations say, rows carry a few teaching notes:
 * a nested attribute sent without NLA_F_NESTED, a string without its NUL
 * (or with bytes after it). {@link explainDatagram} also explains bytes
 * that do not decode, marking the malformed part instead of throwing.
 */
import { align4 } from '../bytes/align.js';
import { NLA_F_NESTED, NLA_TYPE_MASK, NLM_F_CAPPED, NLM_F_REQUEST, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN } from '../core/constants.js';
import { errnoName, strerror } from '../core/errno.js';
import { DecodeError } from '../core/errors.js';
import { offsetHex, toHex } from '../bytes/hex.js';
import { flagText, valueRow, type AttrDef, type AttrSet } from '../schema/attr-set.js';
import { MAX_DEPTH, sourceOf, type ExplainCtx, type Row, type Source } from '../schema/kind.js';
import { extAckAttrs } from './extack.js';
import { controlTypeName, formatNlmsgFlags, opOfControl } from './header.js';
import { decodeAt, isZeroTail, resolveAt } from './message.js';
import { chosenKind, deeper, reasonOf, siblingsOf } from './lenient.js';
import { opOf, typeNameOf, type Protocol } from './protocol.js';

/** Name of a message type in `proto`, or its number. */
export function messageTypeName(type: number, proto: Protocol): string {
  return controlTypeName(type) ?? typeNameOf(proto, type) ?? `type ${type}`;
}

/**
 * Rows for every message in `bytes` (which must decode; throws DecodeError
 * otherwise, as `decodeMessages` would; an echoed request in an
 * NLMSG_ERROR that does not decode is explained with its malformed part
 * marked, as decodeMessages keeps it as raw bytes). Offsets are from the
 * start of `bytes`; rows are in byte order
 * and tile `bytes` exactly (see {@link checkTiling}).
 *
 * Roles: `nlmsghdr` (the 16-byte netlink header), `header` (fields of a
 * family header such as `ifinfomsg`, the veth peer's included), `field`
 * (other fixed fields: `error`, struct payloads), `attr` (a 4-byte
 * attribute header: `len N, type T` and its flags), `value`, `pad`
 * (alignment padding, trailing zeros) and `unknown` (bytes no declaration
 * describes, or malformed ones). `depth` counts nesting levels; `path`
 * holds kernel names, outermost first
 * (`IFLA_LINKINFO > IFLA_INFO_DATA > VETH_INFO_PEER > IFLA_IFNAME`).
 */
export function explainMessages(bytes: Uint8Array, proto: Protocol): Row[] {
  return explainAll(bytes, proto, false);
}

/** What {@link explainDatagram} found. */
export interface DatagramExplanation {
  /** Rows tiling the datagram exactly, malformed parts as `unknown` rows whose value starts with `malformed:`. */
  rows: Row[];
  /** Why the datagram does not decode strictly, when it does not. */
  error?: DecodeError;
}

/**
 * Rows for a datagram that may not decode: bytes the kernel would refuse
 * (an IFLA_MTU of 2 bytes, a lying nlmsg_len) are explained as far as they
 * go and the rest marked malformed, so a refused request can still be
 * shown next to the error that points into it. Never throws a DecodeError.
 */
export function explainDatagram(bytes: Uint8Array, proto: Protocol): DatagramExplanation {
  try {
    return { rows: explainAll(bytes, proto, false) };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { rows: explainAll(bytes, proto, true), error: e };
  }
}

function explainAll(bytes: Uint8Array, proto: Protocol, lenient: boolean): Row[] {
  const src = sourceOf(bytes);
  const rows: Row[] = [];
  let off = 0;
  while (off < bytes.length) {
    if (isZeroTail(bytes, off)) {
      rows.push({ offset: off, length: bytes.length - off, depth: 0, role: 'pad', path: ['trailing zeros'], name: 'trailing zeros', value: `(${bytes.length - off}, after the last message; the kernel ignores them)` });
      break;
    }
    let len: number;
    if (lenient) {
      const bad = structureError(src, off, bytes.length - off);
      if (bad !== undefined) {
        rows.push(malformed(off, bytes.length - off, 0, ['message'], bad));
        break;
      }
      len = src.dv.getUint32(off, true);
    } else len = decodeAt(src, off, bytes.length - off, proto).len; // validates
    explainAt(src, off, len, { rows, path: [], depth: 0 }, proto, lenient);
    const next = Math.min(bytes.length, off + align4(len));
    if (next > off + len) rows.push({ offset: off + len, length: next - off - len, depth: 0, role: 'pad', path: ['padding'], name: 'padding', value: `(${next - off - len})` });
    off = next;
  }
  annotate(rows, bytes, proto);
  return rows;
}

/** Why the nlmsghdr at `off` cannot be walked, or undefined. */
function structureError(src: Source, off: number, avail: number): string | undefined {
  if (avail < NLMSG_HDRLEN) return `${avail} bytes left, too few for a 16-byte nlmsghdr`;
  const len = src.dv.getUint32(off, true);
  if (len < NLMSG_HDRLEN) return `nlmsg_len ${len} is less than the 16-byte header`;
  if (len > avail) return `nlmsg_len ${len} runs past the end of the data (${avail} bytes left)`;
  return undefined;
}

function malformed(offset: number, length: number, depth: number, path: string[], why: string): Row {
  return { offset, length, depth, role: 'unknown', path, name: path[path.length - 1] ?? 'malformed', value: `malformed: ${why}` };
}

function hdrRows(src: Source, off: number, ctx: ExplainCtx, proto: Protocol, capped = false): number {
  const dv = src.dv;
  const len = dv.getUint32(off, true);
  const type = dv.getUint16(off + 4, true);
  const flags = dv.getUint16(off + 6, true);
  const seq = dv.getUint32(off + 8, true);
  const pid = dv.getUint32(off + 12, true);
  // A capped echo is its nlmsghdr alone: what follows is not its genlmsghdr.
  const r = capped ? undefined : resolveAt(src, off, proto);
  const op = r?.op ?? opOf(proto, type) ?? opOfControl(type);
  const d = ctx.depth;
  const p = (n: string) => [...ctx.path, n];
  ctx.rows.push({ offset: off, length: 4, depth: d, role: 'nlmsghdr', path: p('nlmsg_len'), name: 'nlmsg_len', value: String(len) + (capped ? ' (of the original request)' : '') });
  ctx.rows.push({ offset: off + 4, length: 2, depth: d, role: 'nlmsghdr', path: p('nlmsg_type'), name: 'nlmsg_type', value: (r?.name ?? messageTypeName(type, proto)) + ` (${type})` });
  ctx.rows.push({ offset: off + 6, length: 2, depth: d, role: 'nlmsghdr', path: p('nlmsg_flags'), name: 'nlmsg_flags', value: formatNlmsgFlags(flags, op) + ` (0x${flags.toString(16)})` });
  ctx.rows.push({ offset: off + 8, length: 4, depth: d, role: 'nlmsghdr', path: p('nlmsg_seq'), name: 'nlmsg_seq', value: String(seq) });
  ctx.rows.push({ offset: off + 12, length: 4, depth: d, role: 'nlmsghdr', path: p('nlmsg_pid'), name: 'nlmsg_pid', value: pid === 0 ? '0 (kernel)' : String(pid) });
  return type;
}

function explainAt(src: Source, off: number, len: number, ctx: ExplainCtx, proto: Protocol, lenient: boolean): void {
  const type = hdrRows(src, off, ctx, proto);
  const body = off + NLMSG_HDRLEN;
  const blen = len - NLMSG_HDRLEN;
  const end = off + len;
  const d = ctx.depth;
  if (type === NLMSG_ERROR) {
    if (lenient && blen < 4 + NLMSG_HDRLEN) {
      if (blen > 0) ctx.rows.push(malformed(body, blen, d, [...ctx.path, 'payload'], `NLMSG_ERROR: expected at least 20 bytes (error and the echoed nlmsghdr), got ${blen}`));
      return;
    }
    const err = src.dv.getInt32(body, true);
    ctx.rows.push({ offset: body, length: 4, depth: d, role: 'field', path: [...ctx.path, 'error'], name: 'error', value: err === 0 ? '0 (ACK)' : `${err} ${errnoName(err) ?? ''} (${strerror(err)})`, kind: 's32', unit: 'negative errno; 0 for an ACK' });
    const reqOff = body + 4;
    const reqLen = src.dv.getUint32(reqOff, true);
    const flags = src.dv.getUint16(off + 6, true);
    const capped = (flags & NLM_F_CAPPED) !== 0 || reqLen > blen - 4 || reqLen < NLMSG_HDRLEN;
    const inner: ExplainCtx = { rows: ctx.rows, path: [...ctx.path, 'request'], depth: d + 1 };
    let echoed = NLMSG_HDRLEN;
    if (capped) hdrRows(src, reqOff, inner, proto, true);
    else {
      // The kernel echoes what it refused, often because it was malformed: as
      // decodeMessages keeps such an echo as raw bytes, explain marks the bad part.
      if (d >= MAX_DEPTH) {
        // Echoes of echoes: stop before the stack does (the decoder keeps these as bytes too).
        hdrRows(src, reqOff, inner, proto);
        if (reqLen > NLMSG_HDRLEN) ctx.rows.push(malformed(reqOff + NLMSG_HDRLEN, reqLen - NLMSG_HDRLEN, d + 1, [...inner.path, 'payload'], `echoed requests nested deeper than ${MAX_DEPTH} levels`));
      } else explainAt(src, reqOff, reqLen, inner, proto, true);
      echoed = reqLen;
    }
    const extOff = reqOff + align4(echoed);
    if (extOff > reqOff + echoed && extOff <= end) ctx.rows.push({ offset: reqOff + echoed, length: extOff - reqOff - echoed, depth: d, role: 'pad', path: [...ctx.path, 'padding'], name: 'padding', value: `(${extOff - reqOff - echoed})` });
    const reqRows = ctx.rows.length;
    if (extOff < end) explainAttrs(extAckAttrs, src, extOff, end - extOff, ctx, lenient);
    if (!capped) pointInto(ctx.rows, reqRows, reqOff);
    return;
  }
  if (type === NLMSG_DONE) {
    if (lenient && blen > 0 && blen < 4) {
      ctx.rows.push(malformed(body, blen, d, [...ctx.path, 'error'], `NLMSG_DONE: expected 4 bytes of error, got ${blen}`));
      return;
    }
    if (blen >= 4) {
      const err = src.dv.getInt32(body, true);
      ctx.rows.push({ offset: body, length: 4, depth: d, role: 'field', path: [...ctx.path, 'error'], name: 'error', value: err === 0 ? '0' : `${err} ${errnoName(err) ?? ''} (${strerror(err)})`, kind: 's32', unit: 'negative errno; 0 when the dump ended well' });
      if (blen > 4) explainAttrs(extAckAttrs, src, body + 4, blen - 4, ctx, lenient);
    }
    return;
  }
  const def = proto.messages.get(type);
  const hsize = def?.header.structSize ?? 0;
  if (def === undefined || blen < hsize) {
    if (blen > 0) ctx.rows.push({ offset: body, length: blen, depth: d, role: 'unknown', path: [...ctx.path, 'payload'], name: 'payload', value: toHex(src.u8.subarray(body, end), ' ') });
    return;
  }
  const r = resolveAt(src, off, proto) ?? { header: def.header, attrs: def.attrs };
  r.header.explain!(src, body, hsize, { rows: ctx.rows, path: [...ctx.path, def.header.cName], depth: d });
  explainAttrs(r.attrs, src, body + hsize, blen - hsize, ctx, lenient);
}

/**
 * Ext-ack offsets (NLMSGERR_ATTR_OFFS, NLMSGERR_ATTR_MISS_NEST) count from
 * the request's nlmsghdr; when the request is echoed right above, say which
 * attribute they point at and where it is in this buffer.
 */
function pointInto(rows: Row[], from: number, reqOff: number): void {
  for (let i = from; i < rows.length; i++) {
    const r = rows[i]!;
    const last = r.path[r.path.length - 1];
    if (r.role !== 'value' || (last !== 'NLMSGERR_ATTR_OFFS' && last !== 'NLMSGERR_ATTR_MISS_NEST') || !/^\d+$/.test(r.value)) continue;
    const at = reqOff + Number(r.value);
    const target = rows.find((t) => t.offset === at && t.role === 'attr');
    if (target) r.value += ` (points at ${target.path.filter((p) => p !== 'request').join(' > ')}, ${offsetHex(at)} here)`;
  }
}

/** The set's own explain; in lenient mode, falls back to walking attribute by attribute. */
function explainAttrs(set: AttrSet, src: Source, off: number, len: number, ctx: ExplainCtx, lenient: boolean): void {
  if (!lenient) return set.explain(src, off, len, ctx);
  const mark = ctx.rows.length;
  const depth = src.depth;
  try {
    set.explain(src, off, len, ctx);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    // A decoder that throws leaves the nesting count up (see lenient.ts).
    src.depth = depth;
    ctx.rows.length = mark;
    lenientAttrs(set, src, off, len, ctx);
  }
}

/** Attribute by attribute, each value decoded on its own; what fails becomes a malformed row. */
function lenientAttrs(set: AttrSet, src: Source, off: number, len: number, ctx: ExplainCtx): void {
  if (len <= 0) return;
  deeper(
    src,
    () => walkAttrs(set, src, off, len, ctx),
    (why) => void ctx.rows.push(malformed(off, len, ctx.depth, [...ctx.path, 'attributes'], why)),
  );
}

function walkAttrs(set: AttrSet, src: Source, off: number, len: number, ctx: ExplainCtx): void {
  const u8 = src.u8;
  const end = off + len;
  const parent = siblingsOf(set, src, off, len);
  let p = off;
  while (p < end) {
    const alen = end - p >= 4 ? u8[p]! | (u8[p + 1]! << 8) : 0;
    if (end - p < 4 || alen < 4 || alen > end - p) {
      const e = set.headerError(u8, p, end);
      ctx.rows.push(malformed(p, end - p, ctx.depth, [...ctx.path, 'attribute'], e.reason));
      return;
    }
    const rawType = u8[p + 2]! | (u8[p + 3]! << 8);
    const type = rawType & NLA_TYPE_MASK;
    const flags = rawType & ~NLA_TYPE_MASK & 0xffff;
    const def = set.byType[type];
    const path = [...ctx.path, def?.name ?? `${set.prefix}${type}`];
    const ft = flagText(flags);
    ctx.rows.push({ offset: p, length: 4, depth: ctx.depth, role: 'attr', path, name: def?.name ?? `${set.prefix}${type} (unknown)`, value: `len ${alen}, type ${type}${ft ? ' ' + ft : ''}` });
    const inner: ExplainCtx = { rows: ctx.rows, path, depth: ctx.depth + 1 };
    if (alen > 4) {
      if (def === undefined) inner.rows.push({ offset: p + 4, length: alen - 4, depth: inner.depth, role: 'unknown', path, name: path[path.length - 1]!, value: toHex(u8.subarray(p + 4, p + alen), ' ') });
      else lenientValue(def, src, p + 4, alen - 4, inner, parent);
    }
    const next = Math.min(end, p + align4(alen));
    if (next > p + alen) ctx.rows.push({ offset: p + alen, length: next - p - alen, depth: ctx.depth + 1, role: 'pad', path: [...path, 'padding'], name: 'padding', value: `(${next - p - alen})` });
    p = next;
  }
}

function lenientValue(def: AttrDef, src: Source, off: number, len: number, ctx: ExplainCtx, parent: Record<string, unknown>): void {
  const kind = chosenKind(def.kind, parent);
  const spec = kind.spec;
  if (spec.t === 'nested') return explainAttrs(spec.set(), src, off, len, ctx, true);
  if (spec.t === 'message' && spec.header.fixedSize !== undefined && len >= spec.header.fixedSize && spec.header.explain) {
    const hsize = spec.header.fixedSize;
    const mark = ctx.rows.length;
    const depth = src.depth;
    try {
      spec.header.explain(src, off, hsize, { ...ctx, path: [...ctx.path, spec.header.label] });
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      src.depth = depth;
      ctx.rows.length = mark;
      ctx.rows.push(malformed(off, hsize, ctx.depth, [...ctx.path, spec.header.label], reasonOf(e)));
    }
    return explainAttrs(spec.set(), src, off + hsize, len - hsize, ctx, true);
  }
  const mark = ctx.rows.length;
  const depth = src.depth;
  try {
    if (kind.explain) kind.explain(src, off, len, ctx, parent);
    else ctx.rows.push(valueRow(off, len, ctx.depth, ctx.path, def, kind.format(kind.decode(src, off, len, parent)), kind));
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    src.depth = depth;
    ctx.rows.length = mark;
    // The unit still says what the bytes were meant to hold.
    const bad = malformed(off, len, ctx.depth, ctx.path, reasonOf(e));
    if (def.unit !== undefined) bad.unit = def.unit;
    ctx.rows.push(bad);
  }
}

const BARE_KINDS = new Set(['IFLA_INFO_KIND', 'IFLA_INFO_SLAVE_KIND']);

/**
 * Teaching notes, added after the declarations have spoken: family header
 * fields get role `header`, a nested attribute without NLA_F_NESTED says
 * so, and a string value without its NUL (or with bytes after it) too.
 */
function annotate(rows: Row[], bytes: Uint8Array, proto: Protocol): void {
  const headers = new Set<string>();
  for (const m of proto.messages.values()) headers.add(m.header.cName);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.role === 'field' && r.path.length >= 2 && headers.has(r.path[r.path.length - 2]!)) r.role = 'header';
    else if (r.role === 'attr') {
      const next = rows[i + 1];
      const flags = r.offset + 4 <= bytes.length ? bytes[r.offset + 3]! << 8 : 0;
      if (next && next.depth === r.depth + 1 && next.role === 'attr' && !(flags & NLA_F_NESTED)) r.value += ' (nested; NLA_F_NESTED not set)';
    } else if (r.role === 'value' && r.value.length >= 2 && r.value.startsWith('"') && r.value.endsWith('"')) {
      const b = bytes.subarray(r.offset, r.offset + r.length);
      const nul = b.indexOf(0);
      if (nul < 0) r.value += BARE_KINDS.has(r.name) ? ' (no NUL: iproute2 sends the bare string)' : ' (no NUL terminator)';
      else if (nul < b.length - 1) r.value += ` (${b.length - 1 - nul} more bytes after the NUL)`;
    }
  }
}

/** Checks that rows tile `[0, length)` exactly; returns a description of the first gap or overlap. */
export function checkTiling(rows: readonly Row[], length: number): string | undefined {
  let at = 0;
  for (const r of rows) {
    if (r.offset !== at) return `row ${r.path.join(' > ')} starts at ${r.offset}, expected ${at}`;
    at += r.length;
  }
  return at === length ? undefined : `rows end at ${at}, message is ${length} bytes`;
}

export { DecodeError };
