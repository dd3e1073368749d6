/**
 * The bridge's multicast database (RTM_NEWMDB/DELMDB/GETMDB, `bridge mdb`,
 * `linux/if_bridge.h`, Linux 6.18): the `br_port_msg` header and the
 * `br_mdb_entry` struct that describes one group membership of a port.
 *
 * ```
 * struct br_port_msg {             0        1        2        3
 *   __u8  family;                  +--------+--------------------------+
 *   __u32 ifindex;                 | family |        (padding)         |
 * };                               +--------+--------------------------+
 *                                  |          ifindex (bridge)         |
 *                                  +-----------------------------------+
 *
 * struct br_mdb_entry {            0        1        2        3
 *   __u32 ifindex;                 +-----------------------------------+
 *   __u8  state;                   |          ifindex (port)           |
 *   __u8  flags;                   +--------+--------+-----------------+
 *   __u16 vid;                     | state  | flags  |       vid       |
 *   struct {                       +--------+--------+-----------------+
 *     union {                      |  addr.u: ip4 (4 bytes), ip6 (16)  |
 *       __be32 ip4;                |  or mac_addr (6), zero-filled     |
 *       struct in6_addr ip6;       |  (16 bytes)                       |
 *       unsigned char mac_addr[6]; |                                   |
 *     } u;                         +-----------------+-----------------+
 *     __be16 proto;                | proto (BE)      |   (padding)     |
 *   } addr;                        +-----------------+-----------------+
 * };
 * ```
 * br_port_msg is 8 bytes, br_mdb_entry 28 (26 of fields, padded to the
 * 4-byte alignment of ifindex). addr.proto says which union member holds
 * the group: ETH_P_IP, ETH_P_IPV6, or 0 for a layer-2 (MAC) group.
 */
import { DecodeError, EncodeError } from '../../core/errors.js';
import { formatIPv4, formatIPv6, parseIP, parseLladdr } from '../../schema/addresses.js';
import { enumOf, flagsOf } from '../../schema/enums.js';
import type { Kind } from '../../schema/kind.js';
import { u8, u16, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF } from '../../rtnl/constants.js';

/** `br_mdb_entry.state` (`MDB_TEMPORARY`, `MDB_PERMANENT`). */
export const MDB_STATE = {
  MDB_TEMPORARY: 0,
  MDB_PERMANENT: 1,
} as const;

/** `br_mdb_entry.flags` bits (`MDB_FLAGS_*`). */
export const MDB_FLAGS = {
  MDB_FLAGS_OFFLOAD: 1 << 0,
  MDB_FLAGS_FAST_LEAVE: 1 << 1,
  MDB_FLAGS_STAR_EXCL: 1 << 2,
  MDB_FLAGS_BLOCKED: 1 << 3,
  MDB_FLAGS_OFFLOAD_FAILED: 1 << 4,
} as const;

/** `addr.proto` values (`ETH_P_*`, `linux/if_ether.h`); 0 is a MAC group. */
export const MDB_PROTO = {
  ETH_P_IP: 0x0800,
  ETH_P_IPV6: 0x86dd,
} as const;

export const brPortMsg = struct('br_port_msg', '', [['family', enumOf(u8, AF)], 3, ['ifindex', u32]]);

/**
 * `br_mdb_entry.addr`: the group, as text chosen by `proto` (dotted quad,
 * IPv6, or MAC address for proto 0), and the proto. When the union's
 * unused bytes are not zero or the proto is another one, `u` holds all 16
 * bytes as colon-separated hex, so that every payload re-encodes to
 * itself.
 */
export interface MdbAddr {
  u: string;
  proto: number;
}

/** Two hex digits per byte value, made on first use. */
let hex2: string[] | undefined;
const hexBytes = (b: Uint8Array): string => {
  const t = (hex2 ??= Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0')));
  return Array.from(b, (x) => t[x]).join(':');
};
const protoNames: Readonly<Record<number, string>> = { 0x0800: 'ETH_P_IP', 0x86dd: 'ETH_P_IPV6' };

function zeroFrom(u: Uint8Array, off: number, from: number): boolean {
  for (let i = from; i < 16; i++) if (u[off + i] !== 0) return false;
  return true;
}

function decodeMdbAddr(u: Uint8Array, off: number): MdbAddr {
  const proto = (u[off + 16]! << 8) | u[off + 17]!;
  let text: string;
  if (proto === MDB_PROTO.ETH_P_IPV6) text = formatIPv6(u, off);
  else if (proto === MDB_PROTO.ETH_P_IP && zeroFrom(u, off, 4)) text = formatIPv4(u, off);
  else if (proto === 0 && zeroFrom(u, off, 6)) text = hexBytes(u.subarray(off, off + 6));
  else text = hexBytes(u.subarray(off, off + 16));
  return { u: text, proto };
}

/** The 16 bytes of the union for `u` (IPv4, IPv6, a 6-byte MAC or 16 raw bytes). */
function unionBytes(u: unknown): Uint8Array {
  if (typeof u !== 'string') throw new EncodeError(`br_mdb_entry.addr.u: expected a string, got ${String(u)}`);
  const out = new Uint8Array(16);
  const groups = u.split(':');
  if (!u.includes('::') && (groups.length === 6 || groups.length === 16) && groups.every((g) => /^[0-9a-fA-F]{2}$/.test(g))) out.set(parseLladdr(u));
  else out.set(parseIP(u));
  return out;
}

/** `br_mdb_entry.addr` (18 bytes: the union and the big-endian proto). */
export const mdbAddr: Kind<MdbAddr> = {
  label: 'br_mdb_entry.addr',
  spec: { t: 'custom', label: 'br_mdb_entry.addr', ts: '{ u: string; proto: number }' },
  fixedSize: 18,
  decode(src, off, len) {
    if (len !== 18) throw new DecodeError(`br_mdb_entry.addr: expected 18 bytes, got ${len}`, off);
    return decodeMdbAddr(src.u8, off);
  },
  encode(w, v) {
    if (!v || typeof v !== 'object') throw new EncodeError('br_mdb_entry.addr: expected {u, proto}');
    if (!Number.isInteger(v.proto) || v.proto < 0 || v.proto > 0xffff) throw new EncodeError(`br_mdb_entry.addr.proto: ${String(v.proto)} is not a u16`);
    w.bytes(unionBytes(v.u));
    w.bytes(new Uint8Array([v.proto >> 8, v.proto & 0xff]));
  },
  size: () => 18,
  format: (v) => `${v.u} proto ${protoNames[v.proto] ?? `0x${v.proto.toString(16).padStart(4, '0')}`}`,
  json: (v) => ({ u: v.u, proto: protoNames[v.proto] ?? v.proto }),
  arbitrary: (fc) =>
    fc
      .tuple(fc.constantFrom(MDB_PROTO.ETH_P_IP, MDB_PROTO.ETH_P_IPV6, 0, 0x1234), fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.boolean())
      .map(([proto, bytes, zeroTail]) => {
        const b = new Uint8Array(18);
        b.set(bytes);
        if (zeroTail) b.fill(0, proto === MDB_PROTO.ETH_P_IP ? 4 : 6, 16);
        b[16] = proto >> 8;
        b[17] = proto & 0xff;
        return decodeMdbAddr(b, 0);
      }),
};

/** `struct br_mdb_entry`: one port's membership of one group (MDBA_MDB_ENTRY_INFO, MDBA_SET_ENTRY). */
export const brMdbEntry = struct('br_mdb_entry', '', [
  ['ifindex', u32],
  ['state', enumOf(u8, MDB_STATE)],
  ['flags', flagsOf(u8, MDB_FLAGS)],
  ['vid', u16],
  ['addr', mdbAddr],
  2,
]);
