/**
 * Messages every netlink family shares, generated from the core's own
 * declarations: NLMSG_ERROR (an ACK or an error, echoing the request's
 * header or the whole request, with extended-ACK TLVs from
 * `extAckAttrs`), NLMSG_DONE (bare, with an error, with TLVs), and
 * messages whose payload the codec keeps as bytes (an unknown type, or a
 * known type too short for its header).
 */
import * as fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { NLM_F_ACK_TLVS, NLM_F_CAPPED, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN } from '../core/constants.js';
import { extAckAttrs, type ExtAck } from '../netlink/extack.js';
import type { Message } from '../netlink/message.js';
import type { Protocol } from '../netlink/protocol.js';
import { anyMessageArbitrary, setArbitrary } from './derive.js';
import type { ArbitraryOptions } from './options.js';

const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });

/** Extended ACK TLVs: never empty (an empty set of TLVs is no TLVs on the wire). */
export function extAckArbitrary(opts: ArbitraryOptions = {}): Arbitrary<ExtAck> {
  return setArbitrary(extAckAttrs, opts).filter((e) => Object.keys(e).length > 0) as Arbitrary<ExtAck>;
}

/** errno values as the kernel sends them: 0 (ACK), small negative errnos, or any s32. */
const errnoArb = fc.oneof(
  { arbitrary: fc.constant(0), weight: 2 },
  { arbitrary: fc.integer({ min: -133, max: -1 }), weight: 4 },
  { arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), weight: 1 },
);

/** NLMSG_ERROR messages: capped echoes (header only) and full echoes of any declared message. */
export function errorMessageArbitrary(proto: Protocol, opts: ArbitraryOptions = {}): Arbitrary<Message> {
  const ext = fc.option(extAckArbitrary(opts), { nil: undefined });
  const capped = fc
    .record({
      flags: u16,
      seq: u32,
      pid: u32,
      error: errnoArb,
      request: fc.record({ len: fc.integer({ min: NLMSG_HDRLEN, max: 0xffffffff }), type: u16, flags: u16, seq: u32, pid: u32 }, { noNullPrototype: true }),
      ext,
    })
    .map(({ flags, ext: e, ...r }) => withExt({ type: NLMSG_ERROR, flags: (flags | NLM_F_CAPPED) & ~(e ? 0 : NLM_F_ACK_TLVS), ...r }, e));
  const full = fc
    .record({ flags: u16, seq: u32, pid: u32, error: errnoArb, request: anyMessageArbitrary(proto, { ...opts, maxDepth: Math.min(opts.maxDepth ?? 2, 2) }), ext })
    .map(({ flags, ext: e, ...r }) => withExt({ type: NLMSG_ERROR, flags: flags & ~NLM_F_CAPPED, ...r }, e));
  return fc.oneof(capped, full);
}

function withExt(m: Message, ext: ExtAck | undefined): Message {
  return ext === undefined ? m : { ...m, ext };
}

/** NLMSG_DONE messages: empty, with an error, with an error and TLVs. */
export function doneMessageArbitrary(opts: ArbitraryOptions = {}): Arbitrary<Message> {
  const head = fc.record({ flags: u16, seq: u32, pid: u32 }).map((h) => ({ type: NLMSG_DONE, ...h }) as Message);
  return fc.oneof(
    head,
    fc.tuple(head, errnoArb).map(([h, error]) => ({ ...h, error })),
    fc.tuple(head, errnoArb, extAckArbitrary(opts)).map(([h, error, ext]) => ({ ...h, error, ext })),
  );
}

/** Messages the codec keeps as payload bytes: unknown types, and known types shorter than their header. */
export function payloadMessageArbitrary(proto: Protocol, opts: ArbitraryOptions = {}): Arbitrary<Message> {
  const known = [...proto.messages.values()];
  const unknownType = u16.filter((t) => t !== NLMSG_ERROR && t !== NLMSG_DONE && !proto.messages.has(t));
  const head = fc.record({ flags: u16, seq: u32, pid: u32 });
  const unknown = fc
    .tuple(unknownType, head, fc.uint8Array({ maxLength: opts.maxBinary ?? 32 }))
    .map(([type, h, payload]) => ({ type, ...h, payload }) as Message);
  const short = fc
    .constantFrom(...known)
    .chain((d) => fc.tuple(fc.constant(d.type), head, fc.uint8Array({ maxLength: Math.max(0, d.header.structSize - 1) })))
    .map(([type, h, payload]) => ({ type, ...h, payload }) as Message);
  return fc.oneof(unknown, short);
}

/** Any message the codec handles: declared types, NLMSG_ERROR, NLMSG_DONE, payload-only ones. */
export function everyMessageArbitrary(proto: Protocol, opts: ArbitraryOptions = {}): Arbitrary<Message> {
  return fc.oneof(
    { arbitrary: anyMessageArbitrary(proto, opts), weight: 6 },
    { arbitrary: errorMessageArbitrary(proto, opts), weight: 2 },
    { arbitrary: doneMessageArbitrary(opts), weight: 1 },
    { arbitrary: payloadMessageArbitrary(proto, opts), weight: 1 },
  );
}
