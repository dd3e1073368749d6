/**
 * Walks the values of a decoded (or to-be-encoded) message with their
 * declarations: header fields, attributes at every depth, dependent
 * payloads typed by their selector as the codec types them, the veth
 * peer's header and attributes, next hops of a multipath route. Used by
 * the kernel fuzzer's safety check and by tests of the arbitraries.
 */
import type { Message } from '../netlink/message.js';
import { type Protocol, resolveMessage } from '../netlink/protocol.js';
import type { AttrSet } from '../schema/attr-set.js';
import type { Kind } from '../schema/kind.js';
import type { StructKind } from '../schema/struct.js';

/** One value met by {@link walkValues}. */
export interface Visit {
  /** Its key in the enclosing object (`ifname`, `#99` for an unknown attribute). */
  key: string;
  /** Kernel names from the message down (`IFLA_LINKINFO`, `IFLA_INFO_DATA`, `VETH_INFO_PEER`, `IFLA_IFNAME`). */
  names: string[];
  /** Its kind; undefined for unknown attributes. */
  kind: Kind | undefined;
  /** The attribute set it belongs to (attributes only, not header fields). */
  set?: AttrSet;
  value: unknown;
  /** The object or array holding it, and its key or index there (to replace it in place). */
  parent: Record<string, unknown> | unknown[];
  at: string | number;
}

/** Calls `visit` for every value of `msg` (parents before children). */
export function walkValues(msg: Message, proto: Protocol, visit: (v: Visit) => void): void {
  const def = resolveMessage(proto, msg);
  if (def === undefined) return;
  if (msg.header) walkStruct(def.header, msg.header, [def.header.cName], visit);
  if (msg.attrs) walkSet(def.attrs, msg.attrs, [], visit, proto);
}

function walkStruct(sk: StructKind, v: Record<string, unknown>, names: string[], visit: (v: Visit) => void): void {
  if (v === null || typeof v !== 'object') return;
  for (const f of sk.fields) if (v[f.key] !== undefined) visit({ key: f.key, names: [...names, f.name], kind: f.kind, value: v[f.key], parent: v, at: f.key });
}

/** Walks one attribute-set value. */
export function walkSet(set: AttrSet, obj: Record<string, unknown>, names: string[], visit: (v: Visit) => void, proto?: Protocol): void {
  if (obj === null || typeof obj !== 'object') return;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (v === undefined) continue;
    if (key.startsWith('#')) {
      visit({ key, names: [...names, `${set.prefix}${key.slice(1)}`], kind: undefined, set, value: v, parent: obj, at: key });
      continue;
    }
    const d = set.byKey.get(key);
    if (d === undefined) continue;
    let kind = d.kind;
    const s = kind.spec;
    if (s.t === 'dependent') {
      const sel = obj[s.selector];
      const choices = s.choices();
      kind = typeof sel === 'string' && Object.prototype.hasOwnProperty.call(choices, sel) ? choices[sel]! : s.fallback;
    }
    const n = [...names, d.name];
    if (d.multi && Array.isArray(v)) {
      v.forEach((x, i) => {
        visit({ key, names: n, kind, set, value: x, parent: v, at: i });
        walkKind(kind, v[i], n, visit, proto);
      });
    } else {
      visit({ key, names: n, kind, set, value: v, parent: obj, at: key });
      walkKind(kind, obj[key], n, visit, proto);
    }
  }
}

function walkKind(kind: Kind, x: unknown, n: string[], visit: (v: Visit) => void, proto?: Protocol): void {
  const ks = kind.spec;
  if (ks.t === 'nested') walkSet(ks.set(), x as Record<string, unknown>, n, visit, proto);
  else if (ks.t === 'message') {
    const m = x as { header?: Record<string, unknown>; attrs?: Record<string, unknown> };
    if (m && m.header) walkStruct(ks.header as StructKind, m.header, [...n, ks.header.label], visit);
    if (m && m.attrs) walkSet(ks.set(), m.attrs, n, visit, proto);
  } else if (ks.t === 'struct') walkStruct(kind as StructKind, x as Record<string, unknown>, n, visit);
  else if (ks.t === 'custom' && kind.arrayValued && Array.isArray(x) && proto !== undefined) {
    // RTA_MULTIPATH: next hops carry attributes of the route's own set.
    const routeSet = [...proto.messages.values()].map((m) => m.attrs).find((s) => s.defs.some((d) => d.kind === kind));
    for (const nh of x) {
      const attrs = (nh as { attrs?: Record<string, unknown> })?.attrs;
      if (routeSet && attrs) walkSet(routeSet, attrs, n, visit, proto);
    }
  }
}
