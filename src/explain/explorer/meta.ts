/**
 * What the explorer's inspector says of a row besides its value: the C
 * type of its bytes, their byte order and the unit of the number. Types
 * come from the kind that decoded the row (`Row.kind`), units from the
 * declaration of its field or attribute (`Row.unit`: declared for a few
 * well-used ones, left out elsewhere rather than guessed); the nlmsghdr
 * and attribute headers, which no declaration describes, are fixed by
 * the UAPI and worded here.
 */
import type { Row } from '../../schema/kind.js';

/** Words for one row. */
export interface RowMeta {
  /** C type (`u32`, `u16be`, `struct nlattr`). */
  type?: string;
  /** Byte order, in words. */
  order?: string;
  /** Unit of the number. */
  units?: string;
  /** A short note on what the bytes are for. */
  about?: string;
}

const HOST = 'host (little-endian on x86 and arm64)';
const NETWORK = 'network (big-endian)';

const NLMSGHDR: Record<string, RowMeta> = {
  nlmsg_len: { type: 'u32', order: HOST, units: 'bytes, this header included', about: 'length of the whole message' },
  nlmsg_type: { type: 'u16', order: HOST, about: 'message type: NLMSG_* control or the family\'s own' },
  nlmsg_flags: { type: 'u16 flags', order: HOST, about: 'NLM_F_* bits; bits 8-11 mean different things for new, get and delete requests' },
  nlmsg_seq: { type: 'u32', order: HOST, about: 'sequence number; a reply carries its request\'s' },
  nlmsg_pid: { type: 'u32', order: HOST, units: 'netlink port id', about: 'sender\'s port; 0 is the kernel' },
};

/** Byte order of a kind's type text (`u32`, `u16be`, `u8 enum`, `ipv4`...). */
function orderOf(type: string): string | undefined {
  const base = type.split(' ')[0]!;
  if (/^[us](16|32|64)be$/.test(base)) return NETWORK;
  if (/^[us](16|32|64)$/.test(base) || base === 'uint' || base === 'sint') return HOST;
  if (/^[us]8$/.test(base)) return 'one byte';
  if (/^ipv?[46]?$/.test(base) || base === 'lladdr') return NETWORK;
  if (base.startsWith('string')) return 'bytes in order';
  return undefined;
}

/** The words the inspector shows for `r`. */
export function rowMeta(r: Row): RowMeta {
  if (r.role === 'nlmsghdr') return { ...(NLMSGHDR[r.name] ?? {}) };
  if (r.role === 'attr') {
    return {
      type: 'struct nlattr: u16 nla_len, u16 nla_type',
      order: HOST,
      units: 'nla_len in bytes, this 4-byte header included, padding not',
      about: 'attribute header; nla_type\'s top bits are NLA_F_NESTED (0x8000) and NLA_F_NET_BYTEORDER (0x4000)',
    };
  }
  if (r.role === 'pad') return { about: 'alignment: attributes and messages start on 4-byte boundaries' };
  const m: RowMeta = {};
  if (r.kind !== undefined) {
    m.type = r.kind;
    const order = orderOf(r.kind);
    if (order) m.order = order;
  }
  if (r.unit !== undefined) m.units = r.unit;
  if (r.role === 'unknown') m.about = r.value.startsWith('malformed:') ? 'bytes that do not decode' : 'bytes no declaration here describes';
  return m;
}
