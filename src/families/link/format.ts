/**
 * Links as `ip [-d] link show` (iproute2 6.1) prints them, from decoded
 * RTM_NEWLINK / RTM_DELLINK messages: {@link linkJSON} gives the object
 * `ip -j` prints for one link (same keys, same order), {@link linkText}
 * the lines `ip` prints.
 *
 * Not printed: an attached XDP program (iproute2 asks the kernel for the
 * program's details, which a pure function cannot), VF information and
 * the protodown reasons. The counters (`-s`) are format-stats.ts's, the
 * brief form (`-br`) format-brief.ts's.
 */
import type { Message } from '../../netlink/message.js';
import { AF_PACKET_FAMILY, printLinkHead } from './format-head.js';
import type { FormatContext } from '../../format/context.js';
import { Out, type JsonObject } from '../../format/printer.js';

/** Options of {@link linkJSON} and {@link linkText}. */
export interface LinkFormatOptions {
  /** `-d`: promiscuity, allmulti, min/max MTU, linkinfo, addrgenmode, queues, GSO/TSO/GRO sizes... */
  details?: boolean;
  /** `-s` given this many times (1: RX/TX counters, 2: and the error counters). */
  stats?: number;
}

/** The object `ip -j [-d] link show` prints for the link in `msg`. */
export function linkJSON(msg: Message, ctx: FormatContext, opts: LinkFormatOptions = {}): JsonObject {
  const o = new Out(true);
  printLinkHead(o, msg, ctx, { details: !!opts.details, doLink: true, family: AF_PACKET_FAMILY, stats: opts.stats });
  return o.object();
}

/** The lines `ip [-d] link show` prints for the link in `msg` (without their newlines). */
export function linkText(msg: Message, ctx: FormatContext, opts: LinkFormatOptions = {}): string[] {
  const o = new Out(false);
  printLinkHead(o, msg, ctx, { details: !!opts.details, doLink: true, family: AF_PACKET_FAMILY, stats: opts.stats });
  return o.lines();
}
