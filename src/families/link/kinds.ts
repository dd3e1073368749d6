/**
 * Small value kinds that only link attributes need: the STP bridge id,
 * padding attributes, fixed-size opaque
 * struct members, and the "flag on input, u8 on output" booleans some
 * drivers use.
 *
 * Matches the kernel UAPI of Linux 6.18 (iproute2's include/uapi, as
 * fetched into /work/uapi).
 */
import { DecodeError, EncodeError } from '../../core/errors.js';
import type { Kind } from '../../schema/kind.js';
import { binary } from '../../schema/scalars.js';

/** Two hex digits per byte value, made on first use. */
let hex2: string[] | undefined;
const hexTable = (): string[] => (hex2 ??= Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0')));

/**
 * `struct ifla_bridge_id { __u8 prio[2]; __u8 addr[6]; }` (8 bytes): an STP
 * bridge identifier, shown as `8000.02:00:00:00:00:01` (priority as four
 * hex digits, then the MAC address). Parsing also accepts iproute2 6.1's
 * unpadded form `8000.2:0:0:0:0:1`.
 */
export const bridgeId: Kind<string> = {
  label: 'ifla_bridge_id',
  spec: { t: 'custom', label: 'ifla_bridge_id', ts: 'string' },
  fixedSize: 8,
  decode(src, off, len) {
    if (len !== 8) throw new DecodeError(`ifla_bridge_id: expected 8 bytes, got ${len}`, off);
    const u = src.u8;
    const hex = hexTable();
    let s = hex[u[off]!]! + hex[u[off + 1]!]! + '.';
    for (let i = 2; i < 8; i++) s += (i > 2 ? ':' : '') + hex[u[off + i]!];
    return s;
  },
  encode(w, v) {
    w.bytes(parseBridgeId(v));
  },
  size: () => 8,
  format: (v) => v,
  json: (v) => v,
};

/** Parses `PPPP.aa:bb:cc:dd:ee:ff` into the 8 bytes of an `ifla_bridge_id`. */
export function parseBridgeId(v: unknown): Uint8Array {
  const m = typeof v === 'string' ? /^([0-9a-fA-F]{4})\.([0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5})$/.exec(v) : null;
  if (!m) throw new EncodeError(`ifla_bridge_id: expected "PPPP.aa:bb:cc:dd:ee:ff", got ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
  const out = new Uint8Array(8);
  const prio = parseInt(m[1]!, 16);
  out[0] = prio >> 8;
  out[1] = prio & 0xff;
  m[2]!.split(':').forEach((p, i) => (out[2 + i] = parseInt(p, 16)));
  return out;
}

/**
 * A padding attribute (IFLA_PAD, IFLA_BR_PAD, ...): the kernel inserts an
 * empty one before a u64 when the next payload would be misaligned. Kept
 * verbatim (normally zero bytes).
 */
export const pad: Kind<Uint8Array> = binary(0, 0xffff - 4, 'pad');

/** Opaque bytes of exactly `n` bytes, usable as a struct member (`__u8 mac[32]`). */
export function fixedBinary(n: number, label: string): Kind<Uint8Array> {
  return { ...binary(n, n, label), fixedSize: n };
}

/**
 * A boolean that requests carry as NLA_FLAG (zero-length, presence means
 * set) while the kernel reports it as a u8 0/1, e.g. IFLA_VXLAN_TTL_INHERIT.
 * Decodes to `true` for the zero-length form and to the number for the u8
 * form; each encodes back to the form it came from.
 */
export const flagOrU8: Kind<true | number> = {
  label: 'flag|u8',
  spec: { t: 'custom', label: 'flag|u8', ts: 'true | number' },
  decode(src, off, len) {
    if (len === 0) return true;
    if (len === 1) return src.u8[off]!;
    throw new DecodeError(`expected 0 (flag) or 1 (u8) bytes, got ${len}`, off);
  },
  encode(w, v) {
    if (v === true) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) {
      throw new EncodeError(`flag|u8: expected true or an integer from 0 to 255, got ${String(v)}`);
    }
    w.u8(v);
  },
  size: (v) => (v === true ? 0 : 1),
  format: (v) => (v === true ? 'true (flag)' : String(v)),
  json: (v) => v,
};
