/**
 * Errors traced to the attribute they are about. When the kernel refuses a
 * request it may say where (NLMSGERR_ATTR_OFFS: the offset of the offending
 * attribute from the start of the request's nlmsghdr), why
 * (NLMSGERR_ATTR_POLICY: the policy the attribute failed) and what is
 * missing (NLMSGERR_ATTR_MISS_TYPE inside NLMSGERR_ATTR_MISS_NEST). This
 * module turns that into words:
 *
 * ```
 * Error: Attribute failed policy validation at IFLA_MTU (offset 44): expected u32, got 2 bytes
 * ```
 *
 * The request is the one the error echoes (an error reply carries the
 * whole request unless NLM_F_CAPPED) or one the caller supplies, e.g. the
 * matching request of an strace or pcap capture. Pure functions over bytes
 * and decoded ext-ack TLVs; nothing here throws on malformed input.
 */
import { resolveAt } from '../netlink/message.js';
import { align4 } from '../bytes/align.js';
import { NLM_F_CAPPED, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN, NLA_TYPE_MASK } from '../core/constants.js';
import { errnoName, strerror } from '../core/errno.js';
import { explainDatagram } from '../netlink/explain.js';
import { extAckAttrs, NL_ATTR_TYPE, type ExtAck } from '../netlink/extack.js';
import type { Protocol } from '../netlink/protocol.js';
import type { AttrSet } from '../schema/attr-set.js';
import { sourceOf, type Kind, type Source } from '../schema/kind.js';

/** A refusal found in a reply datagram, before tracing. */
export interface ErrorSite {
  /** Offset of the NLMSG_ERROR / NLMSG_DONE message in its datagram. */
  at: number;
  /** nlmsg_seq of the error (the refused request's). */
  seq: number;
  /** The negative errno. */
  error: number;
  /** nlmsg_type of the refused request (from the echoed header; undefined for NLMSG_DONE). */
  requestType?: number;
  /** The echoed request, when the kernel echoed all of it. */
  echoed?: Uint8Array;
  /** Extended ACK TLVs, when present and well-formed. */
  ext?: ExtAck;
}

/** A refusal traced to its attribute. */
export interface ErrorTrace {
  /** nlmsg_seq of the error (and of the refused request). */
  seq: number;
  /** The negative errno (-34). */
  error: number;
  /** Its name (`ERANGE`), when known. */
  errno?: string;
  /** NLMSGERR_ATTR_MSG: the kernel's own words. */
  message?: string;
  /** NLMSGERR_ATTR_OFFS: offset of the offending attribute from the start of the request's nlmsghdr. */
  offset?: number;
  /** Where the request came from: echoed in the error, or supplied by the caller. */
  request?: 'echoed' | 'supplied';
  /** Kernel names of the attribute at {@link offset}, outermost first. */
  attrPath?: string[];
  /** True when {@link offset} falls inside {@link attrPath}'s bytes rather than at its header. */
  inside?: boolean;
  /** Payload length of that attribute in the request (its nla_len minus the 4-byte header). */
  attrLength?: number;
  /** NLMSGERR_ATTR_POLICY in words (`expected u32`). */
  policy?: string;
  /** NLMSGERR_ATTR_MISS_TYPE named (`IFLA_VXLAN_ID`), or `type N`. */
  missing?: string;
  /** NLMSGERR_ATTR_MISS_NEST: path of the nest the attribute is missing from. */
  missingIn?: string[];
  /** The whole story on one line. */
  text: string;
}

/**
 * Finds every NLMSG_ERROR with a negative error, and every NLMSG_DONE
 * carrying one, in a datagram. Walks nlmsghdrs only, so an echoed request
 * that does not decode (the very reason for the error) is still found.
 */
export function findErrors(datagram: Uint8Array): ErrorSite[] {
  const src = sourceOf(datagram);
  const dv = src.dv;
  const out: ErrorSite[] = [];
  for (let off = 0; datagram.length - off >= NLMSG_HDRLEN; ) {
    const len = dv.getUint32(off, true);
    if (len < NLMSG_HDRLEN || len > datagram.length - off) break;
    const type = dv.getUint16(off + 4, true);
    const flags = dv.getUint16(off + 6, true);
    const seq = dv.getUint32(off + 8, true);
    const body = off + NLMSG_HDRLEN;
    const end = off + len;
    if (type === NLMSG_ERROR && len >= NLMSG_HDRLEN + 4 + NLMSG_HDRLEN) {
      const error = dv.getInt32(body, true);
      if (error < 0) {
        const reqOff = body + 4;
        const reqLen = dv.getUint32(reqOff, true);
        const capped = (flags & NLM_F_CAPPED) !== 0 || reqLen > end - reqOff || reqLen < NLMSG_HDRLEN;
        const site: ErrorSite = { at: off, seq, error, requestType: dv.getUint16(reqOff + 4, true) };
        if (!capped) site.echoed = datagram.slice(reqOff, reqOff + reqLen);
        const ext = extAt(src, reqOff + align4(capped ? NLMSG_HDRLEN : reqLen), end);
        if (ext) site.ext = ext;
        out.push(site);
      }
    } else if (type === NLMSG_DONE && len >= NLMSG_HDRLEN + 4) {
      const error = dv.getInt32(body, true);
      if (error < 0) {
        const site: ErrorSite = { at: off, seq, error };
        const ext = extAt(src, body + 4, end);
        if (ext) site.ext = ext;
        out.push(site);
      }
    }
    off += align4(len);
  }
  return out;
}

function extAt(src: Source, off: number, end: number): ExtAck | undefined {
  if (off >= end) return undefined;
  try {
    return extAckAttrs.decode(src, off, end - off) as ExtAck;
  } catch {
    return undefined;
  }
}

/**
 * The message with nlmsg_seq `seq` (and type `type`, when given) in a
 * request datagram, as its own bytes; undefined when there is none.
 */
export function requestMessage(datagram: Uint8Array, seq: number, type?: number): Uint8Array | undefined {
  const dv = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  for (let off = 0; datagram.length - off >= NLMSG_HDRLEN; ) {
    const len = dv.getUint32(off, true);
    if (len < NLMSG_HDRLEN || len > datagram.length - off) return undefined;
    if (dv.getUint32(off + 8, true) === seq && (type === undefined || dv.getUint16(off + 4, true) === type)) return datagram.subarray(off, off + len);
    off += align4(len);
  }
  return undefined;
}

/**
 * Traces one refusal. `supplied` is the refused request's own bytes (one
 * message, starting at its nlmsghdr), used when the error did not echo it.
 */
export function traceError(site: ErrorSite, proto: Protocol, supplied?: Uint8Array): ErrorTrace {
  const ext = site.ext ?? {};
  const t: ErrorTrace = { seq: site.seq, error: site.error, text: '' };
  const name = errnoName(site.error);
  if (name !== undefined) t.errno = name;
  if (ext.msg !== undefined && ext.msg !== '') t.message = ext.msg;
  const request = site.echoed ?? supplied;
  if (request !== undefined) t.request = site.echoed ? 'echoed' : 'supplied';
  if (ext.offs !== undefined) {
    t.offset = ext.offs;
    if (request !== undefined) locate(t, request, ext.offs, proto);
  }
  let got = '';
  if (ext.policy !== undefined) {
    t.policy = policyWords(ext.policy);
    if (t.attrLength !== undefined) {
      got = `, got ${t.attrLength} byte${t.attrLength === 1 ? '' : 's'}`;
      const isString = ext.policy.type === NL_ATTR_TYPE.NL_ATTR_TYPE_STRING || ext.policy.type === NL_ATTR_TYPE.NL_ATTR_TYPE_NUL_STRING;
      if (isString && t.attrLength > 0 && request![ext.offs! + 4 + t.attrLength - 1] === 0) got += ` (${t.attrLength - 1} and a NUL)`;
    }
  }
  if (ext.missType !== undefined) {
    let set: AttrSet | undefined;
    if (request !== undefined) {
      const type = request.length >= NLMSG_HDRLEN ? request[4]! | (request[5]! << 8) : -1;
      if (ext.missNest !== undefined) {
        const nest = locateAttr(request, ext.missNest, proto);
        if (nest) {
          t.missingIn = nest.path;
          set = setAtPath(request, type, nest.path, proto);
        }
      } else set = request.length >= NLMSG_HDRLEN ? resolveAt(sourceOf(request), 0, proto)?.attrs : undefined;
    }
    t.missing = set ? set.nameOf(ext.missType) : `type ${ext.missType}`;
  }
  t.text = describe(t, got);
  return t;
}

/** {@link findErrors} then {@link traceError} for each; `requestFor(seq, type)` supplies requests not echoed. */
export function traceErrors(datagram: Uint8Array, proto: Protocol, requestFor?: (seq: number, type?: number) => Uint8Array | undefined): ErrorTrace[] {
  return findErrors(datagram).map((s) => traceError(s, proto, s.echoed ? undefined : requestFor?.(s.seq, s.requestType)));
}

function locate(t: ErrorTrace, request: Uint8Array, offs: number, proto: Protocol): void {
  const hit = locateAttr(request, offs, proto);
  if (!hit) return;
  t.attrPath = hit.path;
  if (hit.inside) t.inside = true;
  else if (offs + 4 <= request.length) t.attrLength = (request[offs]! | (request[offs + 1]! << 8)) - 4;
}

/** The attribute whose header starts at `offs` in `request`, or the innermost row containing `offs`. */
function locateAttr(request: Uint8Array, offs: number, proto: Protocol): { path: string[]; inside: boolean } | undefined {
  const { rows } = explainDatagram(request, proto);
  const exact = rows.find((r) => r.offset === offs && r.role === 'attr');
  if (exact) return { path: exact.path, inside: false };
  const within = rows.filter((r) => r.offset <= offs && offs < r.offset + r.length).pop();
  return within ? { path: within.path.filter((p) => p !== 'padding'), inside: true } : undefined;
}

/**
 * The attribute set of the nest at `path` in a request, resolving kinds
 * chosen by a sibling (IFLA_INFO_DATA by IFLA_INFO_KIND) from the request's
 * own bytes, one attribute at a time (the request may not decode as a whole).
 */
function setAtPath(request: Uint8Array, type: number, path: readonly string[], proto: Protocol): AttrSet | undefined {
  const def = proto.messages.get(type);
  if (!def) return undefined;
  const src = sourceOf(request);
  let set: AttrSet = resolveAt(src, 0, proto)?.attrs ?? def.attrs;
  let off = NLMSG_HDRLEN + def.header.structSize;
  let end = Math.min(request.length, src.dv.getUint32(0, true));
  for (const name of path) {
    const parent: Record<string, unknown> = {};
    let found: { kind: Kind; off: number; len: number } | undefined;
    for (let p = off; end - p >= 4; ) {
      const alen = request[p]! | (request[p + 1]! << 8);
      if (alen < 4 || alen > end - p) break;
      const adef = set.byType[(request[p + 2]! | (request[p + 3]! << 8)) & NLA_TYPE_MASK];
      if (adef?.name === name && !found) found = { kind: adef.kind, off: p + 4, len: alen - 4 };
      try {
        Object.assign(parent, set.decode(src, p, alen));
      } catch {
        // a sibling that does not decode cannot select anything
      }
      p += align4(alen);
    }
    if (!found) return undefined;
    let kind = found.kind;
    if (kind.spec.t === 'dependent') {
      const choices = kind.spec.choices();
      const sel = parent[kind.spec.selector];
      kind = typeof sel === 'string' && Object.prototype.hasOwnProperty.call(choices, sel) ? choices[sel]! : kind.spec.fallback;
    }
    if (kind.spec.t === 'nested') {
      set = kind.spec.set();
      off = found.off;
    } else if (kind.spec.t === 'message') {
      set = kind.spec.set();
      off = found.off + (kind.spec.header.fixedSize ?? 0);
    } else return undefined;
    end = found.off + found.len;
  }
  return set;
}

const TYPE_WORDS: Record<number, string> = {
  [NL_ATTR_TYPE.NL_ATTR_TYPE_FLAG]: 'a flag (no payload)',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_U8]: 'u8',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_U16]: 'u16',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_U32]: 'u32',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_U64]: 'u64',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_S8]: 's8',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_S16]: 's16',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_S32]: 's32',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_S64]: 's64',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_BINARY]: 'binary data',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_STRING]: 'a string',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_NUL_STRING]: 'a NUL-terminated string',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_NESTED]: 'nested attributes',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_NESTED_ARRAY]: 'an array of nested attributes',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_BITFIELD32]: 'a bitfield32',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_SINT]: 'a signed integer (4 or 8 bytes)',
  [NL_ATTR_TYPE.NL_ATTR_TYPE_UINT]: 'an unsigned integer (4 or 8 bytes)',
};

/** Full range of each integer policy type: a range equal to it says nothing. */
const FULL_RANGE: Record<number, [bigint, bigint]> = {
  [NL_ATTR_TYPE.NL_ATTR_TYPE_U8]: [0n, 0xffn],
  [NL_ATTR_TYPE.NL_ATTR_TYPE_U16]: [0n, 0xffffn],
  [NL_ATTR_TYPE.NL_ATTR_TYPE_U32]: [0n, 0xffffffffn],
  [NL_ATTR_TYPE.NL_ATTR_TYPE_U64]: [0n, 0xffffffffffffffffn],
  [NL_ATTR_TYPE.NL_ATTR_TYPE_UINT]: [0n, 0xffffffffffffffffn],
  [NL_ATTR_TYPE.NL_ATTR_TYPE_S8]: [-0x80n, 0x7fn],
  [NL_ATTR_TYPE.NL_ATTR_TYPE_S16]: [-0x8000n, 0x7fffn],
  [NL_ATTR_TYPE.NL_ATTR_TYPE_S32]: [-0x80000000n, 0x7fffffffn],
  [NL_ATTR_TYPE.NL_ATTR_TYPE_S64]: [-0x8000000000000000n, 0x7fffffffffffffffn],
  [NL_ATTR_TYPE.NL_ATTR_TYPE_SINT]: [-0x8000000000000000n, 0x7fffffffffffffffn],
};

const big = (v: unknown): bigint | undefined => (typeof v === 'number' || typeof v === 'bigint' ? BigInt(v) : undefined);

/**
 * NLMSGERR_ATTR_POLICY (decoded `NL_POLICY_TYPE_ATTR_*`, friendly keys) in
 * words: `expected u32`, `expected u16 from 1 to 4094`, `expected a string
 * of at most 15 bytes`, `expected nested attributes (policy 3, max type 27)`.
 */
export function policyWords(policy: Record<string, unknown>): string {
  const type = typeof policy.type === 'number' ? policy.type : undefined;
  let s = 'expected ' + (type === undefined ? 'an attribute' : TYPE_WORDS[type] ?? `policy type ${type}`);
  const min = big(policy.minValueS ?? policy.minValueU);
  const max = big(policy.maxValueS ?? policy.maxValueU);
  const full = type === undefined ? undefined : FULL_RANGE[type];
  if ((min !== undefined || max !== undefined) && !(full && (min ?? full[0]) === full[0] && (max ?? full[1]) === full[1])) {
    if (min !== undefined && max !== undefined) s += ` from ${min} to ${max}`;
    else if (min !== undefined) s += ` of at least ${min}`;
    else s += ` of at most ${max}`;
  }
  const minLen = big(policy.minLength);
  const maxLen = big(policy.maxLength);
  if (minLen !== undefined && maxLen !== undefined) s += minLen === maxLen ? ` of exactly ${minLen} bytes` : ` of ${minLen} to ${maxLen} bytes`;
  else if (maxLen !== undefined) s += ` of at most ${maxLen} bytes`;
  else if (minLen !== undefined) s += ` of at least ${minLen} bytes`;
  const mask = big(policy.mask);
  if (mask !== undefined) s += ` with no bits outside 0x${mask.toString(16)}`;
  const bmask = big(policy.bitfield32Mask);
  if (bmask !== undefined) s += ` with valid bits 0x${bmask.toString(16)}`;
  const idx = big(policy.policyIdx);
  const maxType = big(policy.policyMaxtype);
  if (idx !== undefined) s += ` (policy ${idx}${maxType !== undefined ? `, max type ${maxType}` : ''})`;
  return s;
}

function describe(t: ErrorTrace, got: string): string {
  let s = 'Error: ' + (t.message ?? strerror(t.error)).replace(/\.$/, '');
  if (t.attrPath) s += ` ${t.inside ? 'inside' : 'at'} ${t.attrPath.join(' > ')} (offset ${t.offset})`;
  else if (t.offset !== undefined) s += ` at offset ${t.offset} of the request${t.request ? '' : ' (request not available)'}`;
  const details: string[] = [];
  if (t.policy) details.push(t.policy + got);
  else if (t.attrLength !== undefined && t.message === undefined) details.push(`the attribute carries ${t.attrLength} bytes`);
  if (t.missing) details.push(`missing attribute ${t.missing}${t.missingIn ? ` in ${t.missingIn.join(' > ')}` : ''}`);
  if (details.length) s += ': ' + details.join('; ');
  return s + ` (${t.error}${t.errno ? ' ' + t.errno : ''})`;
}
