/**
 * RTA_MULTIPATH: an array of next hops, each a `struct rtnexthop`
 * followed by route attributes (RTA_GATEWAY, ...), rtnh_len covering both,
 * each aligned to 4 bytes.
 *
 * ```
 * struct rtnexthop {          0         1         2         3
 *   unsigned short rtnh_len;  +-------------------+---------+---------+
 *   unsigned char  rtnh_flags;|    rtnh_len       | flags   | hops    |
 *   unsigned char  rtnh_hops; +-------------------+---------+---------+
 *   int            rtnh_ifindex; |          rtnh_ifindex              |
 * };                          +---------------------------------------+
 * ```
 */
import { align4 } from '../../bytes/align.js';
import { DecodeError, EncodeError } from '../../core/errors.js';
import type { AttrSet } from '../../schema/attr-set.js';
import { flagsOf } from '../../schema/enums.js';
import type { Kind } from '../../schema/kind.js';
import { s32, u8 } from '../../schema/scalars.js';
import { RTNH_F } from '../../rtnl/constants.js';

/** One next hop. `weight` is rtnh_hops + 1, as iproute2 shows it. */
export interface NextHop {
  flags: number;
  hops: number;
  ifindex: number;
  attrs: Record<string, any>;
}

const nhFlags = flagsOf(u8, RTNH_F);

/** The RTA_MULTIPATH kind; `attrs` is the route attribute set (lazy, it contains this kind). */
export function multipath(attrs: () => AttrSet): Kind<NextHop[]> {
  return {
    label: 'rtnexthop[]',
    spec: { t: 'custom', label: 'rtnexthop[]', ts: '{ flags: number; hops: number; ifindex: number; attrs: RtaAttrs }[]' },
    arrayValued: true,
    decode(src, off, len) {
      const out: NextHop[] = [];
      const end = off + len;
      let p = off;
      while (p < end) {
        if (end - p < 8) throw new DecodeError(`rtnexthop: expected 8 bytes, got ${end - p}`, p);
        const nlen = src.dv.getUint16(p, true);
        if (nlen < 8 || nlen > end - p) throw new DecodeError(`rtnexthop: rtnh_len ${nlen} is out of bounds (8 to ${end - p})`, p);
        out.push({
          flags: src.u8[p + 2]!,
          hops: src.u8[p + 3]!,
          ifindex: src.dv.getInt32(p + 4, true),
          attrs: attrs().decode(src, p + 8, nlen - 8),
        });
        p += align4(nlen);
      }
      return out;
    },
    encode(w, v) {
      if (!Array.isArray(v)) throw new EncodeError('RTA_MULTIPATH: expected an array of next hops');
      for (const nh of v) {
        if (nh === null || typeof nh !== 'object') throw new EncodeError('RTA_MULTIPATH: each next hop must be an object {flags, hops, ifindex, attrs}');
        const start = w.length;
        w.u16(0);
        nhFlags.encode(w, nh.flags ?? 0);
        u8.encode(w, nh.hops ?? 0);
        s32.encode(w, nh.ifindex ?? 0);
        attrs().encode(w, nh.attrs ?? {});
        w.patchU16(start, w.length - start);
        w.align();
      }
    },
    size: (v) => v.reduce((n, nh) => n + align4(8 + attrs().size(nh.attrs ?? {})), 0),
    format: (v) => `${v.length} next hop(s)`,
    json: (v) =>
      v.map((nh) => ({ rtnh_flags: nhFlags.json(nh.flags), rtnh_hops: nh.hops, rtnh_ifindex: nh.ifindex, attributes: attrs().json(nh.attrs) })),
    explain(src, off, len, ctx) {
      const end = off + len;
      let p = off;
      let i = 0;
      while (p < end) {
        const nlen = src.dv.getUint16(p, true);
        const path = [...ctx.path, `rtnexthop[${i++}]`];
        const d = ctx.depth;
        ctx.rows.push({ offset: p, length: 2, depth: d, role: 'field', path: [...path, 'rtnh_len'], name: 'rtnh_len', value: String(nlen) });
        ctx.rows.push({ offset: p + 2, length: 1, depth: d, role: 'field', path: [...path, 'rtnh_flags'], name: 'rtnh_flags', value: nhFlags.format(src.u8[p + 2]!) });
        ctx.rows.push({ offset: p + 3, length: 1, depth: d, role: 'field', path: [...path, 'rtnh_hops'], name: 'rtnh_hops', value: String(src.u8[p + 3]) });
        ctx.rows.push({ offset: p + 4, length: 4, depth: d, role: 'field', path: [...path, 'rtnh_ifindex'], name: 'rtnh_ifindex', value: String(src.dv.getInt32(p + 4, true)) });
        attrs().explain(src, p + 8, nlen - 8, { rows: ctx.rows, path, depth: d + 1 });
        const next = Math.min(end, p + align4(nlen));
        if (next > p + nlen) ctx.rows.push({ offset: p + nlen, length: next - p - nlen, depth: d, role: 'pad', path: [...path, 'padding'], name: 'padding', value: `(${next - p - nlen})` });
        p = next;
      }
    },
  };
}
