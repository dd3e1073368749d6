/**
 * Shrinks a message that breaks a property, keeping it breaking: drop one
 * attribute at a time (at any depth, fixing every enclosing length), then
 * whole messages of a datagram, until nothing more can go. The layout
 * comes from the explained rows when the bytes decode, else from a plain
 * walk of the top-level attributes.
 */
import { align4 } from '../bytes/align.js';
import { NLMSG_HDRLEN } from '../core/constants.js';
import type { Protocol } from '../netlink/protocol.js';
import { splitMessages } from './datagrams.js';
import { lengthFields, type LengthField } from './mutate.js';
import { copyBytes } from './equal.js';

/** An attribute's place: `[start, end)` including its padding inside the container. */
interface Span {
  start: number;
  end: number;
}

/** Attribute spans of `bytes`, deepest last, from the explained layout or a top-level walk. */
function attributeSpans(bytes: Uint8Array, proto: Protocol): { spans: Span[]; fields: LengthField[] } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fields: LengthField[];
  try {
    fields = lengthFields(bytes, proto);
  } catch {
    // Undecodable: the message header and top-level attributes only.
    fields = [];
    const spans: Span[] = [];
    if (bytes.length < NLMSG_HDRLEN) return { spans, fields };
    const len = Math.min(dv.getUint32(0, true), bytes.length);
    fields.push({ offset: 0, width: 4, value: len, path: 'nlmsg_len' });
    const type = dv.getUint16(4, true);
    let p = NLMSG_HDRLEN + (proto.messages.get(type)?.header.structSize ?? 0);
    while (p + 4 <= len) {
      const alen = dv.getUint16(p, true);
      if (alen < 4 || p + alen > len) break;
      spans.push({ start: p, end: Math.min(len, p + align4(alen)) });
      fields.push({ offset: p, width: 2, value: alen, path: 'attr' });
      p += align4(alen);
    }
    return { spans, fields };
  }
  const spans: Span[] = [];
  for (const f of fields) {
    if (f.width !== 2) continue;
    const container = fields.filter((c) => c.offset < f.offset && c.offset + c.value > f.offset).sort((a, b) => b.offset - a.offset)[0];
    const limit = container ? container.offset + container.value : bytes.length;
    spans.push({ start: f.offset, end: Math.min(limit, f.offset + align4(f.value)) });
  }
  return { spans, fields };
}

/** `bytes` without `[span.start, span.end)`, every enclosing length field reduced to match. */
export function removeSpan(bytes: Uint8Array, span: Span, fields: readonly LengthField[]): Uint8Array {
  const n = span.end - span.start;
  const out = new Uint8Array(bytes.length - n);
  out.set(bytes.subarray(0, span.start));
  out.set(bytes.subarray(span.end), span.start);
  const dv = new DataView(out.buffer);
  for (const f of fields) {
    if (!(f.offset < span.start && f.offset + f.value >= span.end)) continue;
    if (f.width === 2) dv.setUint16(f.offset, f.value - n, true);
    else dv.setUint32(f.offset, f.value - n, true);
  }
  return out;
}

/**
 * The smallest variant of `bytes` found for which `fails` still holds,
 * within `budget` tries. `fails(bytes)` must be true to start with.
 */
export function shrinkBytes(bytes: Uint8Array, proto: Protocol, fails: (b: Uint8Array) => boolean, budget = 2000): Uint8Array {
  let best = bytes;
  let tries = 0;
  const attempt = (c: Uint8Array): boolean => {
    tries++;
    try {
      return fails(c);
    } catch {
      return false;
    }
  };
  // Whole messages of a datagram first.
  try {
    const parts = splitMessages(best);
    if (parts.length > 1) {
      for (const p of parts) {
        if (tries >= budget) break;
        if (attempt(p)) {
          best = copyBytes(p);
          break;
        }
      }
    }
  } catch {
    // Not a sequence of whole messages: shrink as it is.
  }
  // Then attributes, deepest and last first, until none can go.
  let progress = true;
  while (progress && tries < budget) {
    progress = false;
    const { spans, fields } = attributeSpans(best, proto);
    for (let i = spans.length - 1; i >= 0 && tries < budget; i--) {
      const c = removeSpan(best, spans[i]!, fields);
      if (attempt(c)) {
        best = c;
        progress = true;
        break;
      }
    }
  }
  return best;
}
