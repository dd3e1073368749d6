/**
 * Strings sent the way iproute2 sends some of them: without the
 * terminating NUL (IFLA_INFO_KIND of a filtered dump, IFLA_IFALIAS). The
 * kernel takes both forms; the bytes are kept as a wire detail of the
 * attribute set (see {@link WIRE}), so the encoder writes them as given.
 */
import { WIRE, type WireDetail } from '../../schema/attr-set.js';

/** Sets string attribute `key` of `attrs` to `text`, to be written without a NUL. */
export function bareString(attrs: Record<string, unknown>, key: string, text: string): void {
  attrs[key] = text;
  const wire = (attrs as { [WIRE]?: Record<string, WireDetail> })[WIRE] ?? {};
  Object.defineProperty(attrs, WIRE, { value: wire, enumerable: false, writable: true, configurable: true });
  wire[key] = { raw: new TextEncoder().encode(text), value: text };
}
