/**
 * The kernel's variable-width unsigned integer (NLA_UINT, YNL `uint`):
 * link, next hop, ethtool and netdev attributes use it.
 */
import { DecodeError, EncodeError } from '../core/errors.js';
import type { Kind } from './kind.js';
import { readU64, type U64 } from './scalars.js';

/**
 * NLA_UINT: an unsigned integer the kernel sends as 4 bytes when it fits
 * in 32 bits and as 8 bytes otherwise (`nla_put_uint`). Decodes to a
 * number (a bigint above 2^53); encodes in the shortest form, and keeps
 * the received width when it was not the shortest.
 */
export const uint: Kind<U64> = {
  label: 'uint',
  spec: { t: 'uint', bits: 64, be: false },
  decode(src, off, len) {
    if (len === 4) return src.dv.getUint32(off, true);
    if (len === 8) return readU64(src, off);
    throw new DecodeError(`expected 4 or 8 bytes for NLA_UINT, got ${len}`, off);
  },
  encode(w, v) {
    if (uintSize(v) === 4) w.u32(Number(v));
    else w.u64(BigInt(v));
  },
  size: (v) => uintSize(v),
  canonical: (_src, _off, len, v) => len === uintSize(v),
  format: (v) => String(v),
  json: (v) => (typeof v === 'bigint' ? v.toString() : v),
};

function uintSize(v: unknown): 4 | 8 {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v <= 0xffffffff ? 4 : 8;
  if (typeof v === 'bigint' && v >= 0n && v < 1n << 64n) return v <= 0xffffffffn ? 4 : 8;
  throw new EncodeError(`uint: expected an integer from 0 to 2^64-1, got ${typeof v === 'bigint' ? `${v}n` : String(v)}`);
}
