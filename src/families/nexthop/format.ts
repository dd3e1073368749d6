/**
 * Next hops as `ip nexthop` (iproute2 6.1) prints them, from decoded
 * RTM_NEWNEXTHOP / RTM_DELNEXTHOP messages: `id 1 via 198.18.0.254 dev
 * veth0 scope link `, in JSON `{"id": 1, "gateway": "198.18.0.254", "dev":
 * "veth0", "scope": "link", "flags": []}`; and the buckets of resilient
 * groups as `ip nexthop bucket` prints them.
 */
import type { Message } from '../../netlink/message.js';
import { RTM } from '../../rtnl/constants.js';
import { JsonNumber, Out, gText, num, type JsonObject } from '../../format/printer.js';
import { ifName, type FormatContext } from '../../format/context.js';
import { scopeName } from '../../format/names.js';
import { printRouteFlags } from '../route/format.js';
import { protocolName } from '../route/names.js';
import { NEXTHOP_GRP_TYPE } from './header.js';

export interface NexthopFormatOptions {
  /** `-d`: scope and protocol even when they are the defaults. */
  details?: boolean;
}

/** A clock_t (centiseconds) in seconds, as ip prints timers: `%g` in text and JSON. */
function seconds(o: Out, key: string, centis: unknown): void {
  const s = gText(num(centis) / 100);
  o.any(key, new JsonNumber(s), `${key} ${s} `);
}

function printNexthop(o: Out, m: Message, ctx: FormatContext, opts: NexthopFormatOptions): void {
  const h = m.header ?? {};
  const a = m.attrs ?? {};
  if (m.type === RTM.RTM_DELNEXTHOP) o.any('deleted', true, 'Deleted ');
  o.any('id', num(a.id), `id ${num(a.id)} `);
  if (Array.isArray(a.group) && a.group.length > 0) {
    const members: JsonObject[] = [];
    o.t('group ');
    a.group.forEach((e: { id: number; weight: number }, i: number) => {
      const j: JsonObject = { id: e.id };
      o.t(`${i ? '/' : ''}${e.id}`);
      // iproute2 6.1 reads the low byte of the weight only.
      if (e.weight) {
        j.weight = e.weight + 1;
        o.t(`,${e.weight + 1}`);
      }
      members.push(j);
    });
    o.t(' ');
    o.j('group', members);
  }
  const type = num(a.groupType);
  if (type !== NEXTHOP_GRP_TYPE.NEXTHOP_GRP_TYPE_MPATH) {
    const t = type === NEXTHOP_GRP_TYPE.NEXTHOP_GRP_TYPE_RES ? 'resilient' : '<unknown type>';
    o.any('type', t, `type ${t} `);
  }
  if (a.resGroup !== undefined) {
    const r = a.resGroup;
    o.open('resilient_args');
    o.any('buckets', num(r.buckets), `buckets ${num(r.buckets)} `);
    seconds(o, 'idle_timer', r.idleTimer);
    seconds(o, 'unbalanced_timer', r.unbalancedTimer);
    seconds(o, 'unbalanced_time', r.unbalancedTime);
    o.close();
  }
  if (a.gateway !== undefined) {
    o.j('gateway', a.gateway);
    o.t(`via ${a.gateway} `);
  }
  if (num(a.oif)) {
    const dev = ifName(ctx, num(a.oif));
    o.any('dev', dev, `dev ${dev} `);
  }
  if (num(h.scope) !== 0 || opts.details) {
    const s = scopeName(num(h.scope));
    o.any('scope', s, `scope ${s} `);
  }
  if (a.blackhole) o.any('blackhole', null, 'blackhole ');
  if (num(h.protocol) !== 0 || opts.details) {
    const p = protocolName(num(h.protocol));
    o.any('protocol', p, `proto ${p} `);
  }
  printRouteFlags(o, num(h.flags));
  if (a.fdb) o.any('fdb', null, 'fdb');
  o.t('\n');
}

/** The object `ip -j nexthop` prints for one next hop message. */
export function nexthopJSON(m: Message, ctx: FormatContext, opts: NexthopFormatOptions = {}): JsonObject {
  const o = new Out(true);
  printNexthop(o, m, ctx, opts);
  return o.object();
}

/** The line `ip nexthop` prints for one next hop message. */
export function nexthopText(m: Message, ctx: FormatContext, opts: NexthopFormatOptions = {}): string[] {
  const o = new Out(false);
  printNexthop(o, m, ctx, opts);
  return o.lines();
}

function printBucket(o: Out, m: Message): void {
  const a = m.attrs ?? {};
  if (a.id !== undefined) o.any('id', num(a.id), `id ${num(a.id)} `);
  if (a.resBucket !== undefined) {
    const b = a.resBucket;
    o.open('bucket');
    if (b.index !== undefined) o.any('index', num(b.index), `index ${num(b.index)} `);
    if (b.idleTime !== undefined) seconds(o, 'idle_time', b.idleTime);
    if (b.nhId !== undefined) o.any('nhid', num(b.nhId), `nhid ${num(b.nhId)} `);
    o.close();
  }
  printRouteFlags(o, num(m.header?.flags));
  o.t('\n');
}

/** The object `ip -j nexthop bucket` prints for one bucket message. */
export function bucketJSON(m: Message): JsonObject {
  const o = new Out(true);
  printBucket(o, m);
  return o.object();
}

/** The line `ip nexthop bucket` prints for one bucket message. */
export function bucketText(m: Message): string[] {
  const o = new Out(false);
  printBucket(o, m);
  return o.lines();
}
