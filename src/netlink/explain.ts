/**
 * Explain: every byte of a message accounted for, as rows (offset, length,
 * path, name, value), in order, tiling the message exactly: nlmsghdr
 * fields, the fixed header's fields, each attribute's header, its value (or
 * nested rows) and its padding.
 */
import { align4 } from '../bytes/align.js';
import { NLM_F_CAPPED, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN } from '../core/constants.js';
import { errnoName, strerror } from '../core/errno.js';
import { DecodeError } from '../core/errors.js';
import { toHex } from '../bytes/hex.js';
import { sourceOf, type ExplainCtx, type Row, type Source } from '../schema/kind.js';
import { extAckAttrs } from './extack.js';
import { controlTypeName, formatNlmsgFlags, opOfControl } from './header.js';
import { decodeAt, isZeroTail } from './message.js';
import type { Protocol } from './protocol.js';

/** Name of a message type in `proto`, or its number. */
export function messageTypeName(type: number, proto: Protocol): string {
  return controlTypeName(type) ?? proto.messages.get(type)?.name ?? `type ${type}`;
}

/** Rows for every message in `bytes` (which must decode; throws DecodeError otherwise). */
export function explainMessages(bytes: Uint8Array, proto: Protocol): Row[] {
  const src = sourceOf(bytes);
  const rows: Row[] = [];
  let off = 0;
  while (off < bytes.length) {
    if (isZeroTail(bytes, off)) {
      rows.push({ offset: off, length: bytes.length - off, depth: 0, role: 'pad', path: ['trailing zeros'], name: 'trailing zeros', value: `(${bytes.length - off}, after the last message; the kernel ignores them)` });
      break;
    }
    const { len } = decodeAt(src, off, bytes.length - off, proto); // validates
    explainAt(src, off, len, { rows, path: [], depth: 0 }, proto);
    const next = Math.min(bytes.length, off + align4(len));
    if (next > off + len) rows.push({ offset: off + len, length: next - off - len, depth: 0, role: 'pad', path: ['padding'], name: 'padding', value: `(${next - off - len})` });
    off = next;
  }
  return rows;
}

function hdrRows(src: Source, off: number, ctx: ExplainCtx, proto: Protocol, capped = false): number {
  const dv = src.dv;
  const len = dv.getUint32(off, true);
  const type = dv.getUint16(off + 4, true);
  const flags = dv.getUint16(off + 6, true);
  const seq = dv.getUint32(off + 8, true);
  const pid = dv.getUint32(off + 12, true);
  const op = proto.messages.get(type)?.op ?? opOfControl(type);
  const d = ctx.depth;
  const p = (n: string) => [...ctx.path, n];
  ctx.rows.push({ offset: off, length: 4, depth: d, role: 'nlmsghdr', path: p('nlmsg_len'), name: 'nlmsg_len', value: String(len) + (capped ? ' (of the original request)' : '') });
  ctx.rows.push({ offset: off + 4, length: 2, depth: d, role: 'nlmsghdr', path: p('nlmsg_type'), name: 'nlmsg_type', value: messageTypeName(type, proto) + ` (${type})` });
  ctx.rows.push({ offset: off + 6, length: 2, depth: d, role: 'nlmsghdr', path: p('nlmsg_flags'), name: 'nlmsg_flags', value: formatNlmsgFlags(flags, op) + ` (0x${flags.toString(16)})` });
  ctx.rows.push({ offset: off + 8, length: 4, depth: d, role: 'nlmsghdr', path: p('nlmsg_seq'), name: 'nlmsg_seq', value: String(seq) });
  ctx.rows.push({ offset: off + 12, length: 4, depth: d, role: 'nlmsghdr', path: p('nlmsg_pid'), name: 'nlmsg_pid', value: pid === 0 ? '0 (kernel)' : String(pid) });
  return type;
}

function explainAt(src: Source, off: number, len: number, ctx: ExplainCtx, proto: Protocol): void {
  const type = hdrRows(src, off, ctx, proto);
  const body = off + NLMSG_HDRLEN;
  const blen = len - NLMSG_HDRLEN;
  const end = off + len;
  const d = ctx.depth;
  if (type === NLMSG_ERROR) {
    const err = src.dv.getInt32(body, true);
    ctx.rows.push({ offset: body, length: 4, depth: d, role: 'field', path: [...ctx.path, 'error'], name: 'error', value: err === 0 ? '0 (ACK)' : `${err} ${errnoName(err) ?? ''} (${strerror(err)})` });
    const reqOff = body + 4;
    const reqLen = src.dv.getUint32(reqOff, true);
    const flags = src.dv.getUint16(off + 6, true);
    const capped = (flags & NLM_F_CAPPED) !== 0 || reqLen > blen - 4;
    const inner: ExplainCtx = { rows: ctx.rows, path: [...ctx.path, 'request'], depth: d + 1 };
    let echoed = NLMSG_HDRLEN;
    if (capped) hdrRows(src, reqOff, inner, proto, true);
    else {
      explainAt(src, reqOff, reqLen, inner, proto);
      echoed = reqLen;
    }
    const extOff = reqOff + align4(echoed);
    if (extOff > reqOff + echoed && extOff <= end) ctx.rows.push({ offset: reqOff + echoed, length: extOff - reqOff - echoed, depth: d, role: 'pad', path: [...ctx.path, 'padding'], name: 'padding', value: `(${extOff - reqOff - echoed})` });
    if (extOff < end) extAckAttrs.explain(src, extOff, end - extOff, ctx);
    return;
  }
  if (type === NLMSG_DONE) {
    if (blen >= 4) {
      const err = src.dv.getInt32(body, true);
      ctx.rows.push({ offset: body, length: 4, depth: d, role: 'field', path: [...ctx.path, 'error'], name: 'error', value: err === 0 ? '0' : `${err} ${errnoName(err) ?? ''} (${strerror(err)})` });
      if (blen > 4) extAckAttrs.explain(src, body + 4, blen - 4, ctx);
    }
    return;
  }
  const def = proto.messages.get(type);
  const hsize = def?.header.structSize ?? 0;
  if (def === undefined || blen < hsize) {
    if (blen > 0) ctx.rows.push({ offset: body, length: blen, depth: d, role: 'unknown', path: [...ctx.path, 'payload'], name: 'payload', value: toHex(src.u8.subarray(body, end), ' ') });
    return;
  }
  def.header.explain!(src, body, hsize, { rows: ctx.rows, path: [...ctx.path, def.header.cName], depth: d });
  def.attrs.explain(src, body + hsize, blen - hsize, ctx);
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
