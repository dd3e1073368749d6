/**
 * A growable little-endian (host order on every Linux netlink platform we
 * target: x86_64, aarch64) byte writer with a cached DataView.
 *
 * Length-prefixed structures (messages, nested attributes) are written by
 * reserving the length field, writing the body, then patching the length
 * with {@link Writer.patchU16} / {@link Writer.patchU32}.
 */
export class Writer {
  /** Backing store; only bytes `[0, length)` are meaningful. */
  buf: Uint8Array;
  private view: DataView;
  /** Number of bytes written so far. */
  length = 0;
  /**
   * Where the current message starts: alignment is relative to it, so a
   * message encodes to the same bytes at any offset of a larger buffer.
   */
  base = 0;

  constructor(initialSize = 256) {
    this.buf = new Uint8Array(initialSize);
    this.view = new DataView(this.buf.buffer);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    const need = this.length + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.length++] = v;
  }

  u16(v: number, bigEndian = false): void {
    this.ensure(2);
    this.view.setUint16(this.length, v, !bigEndian);
    this.length += 2;
  }

  u32(v: number, bigEndian = false): void {
    this.ensure(4);
    this.view.setUint32(this.length, v, !bigEndian);
    this.length += 4;
  }

  s8(v: number): void {
    this.ensure(1);
    this.view.setInt8(this.length, v);
    this.length += 1;
  }

  s16(v: number, bigEndian = false): void {
    this.ensure(2);
    this.view.setInt16(this.length, v, !bigEndian);
    this.length += 2;
  }

  s32(v: number, bigEndian = false): void {
    this.ensure(4);
    this.view.setInt32(this.length, v, !bigEndian);
    this.length += 4;
  }

  u64(v: bigint, bigEndian = false): void {
    this.ensure(8);
    this.view.setBigUint64(this.length, v, !bigEndian);
    this.length += 8;
  }

  s64(v: bigint, bigEndian = false): void {
    this.ensure(8);
    this.view.setBigInt64(this.length, v, !bigEndian);
    this.length += 8;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** Writes `n` zero bytes. */
  zeros(n: number): void {
    this.ensure(n);
    this.buf.fill(0, this.length, this.length + n);
    this.length += n;
  }

  /** Pads with zeros up to the next 4-byte boundary. */
  align(): void {
    const pad = (4 - ((this.length - this.base) & 3)) & 3;
    if (pad) this.zeros(pad);
  }

  patchU16(at: number, v: number): void {
    this.view.setUint16(at, v, true);
  }

  patchU32(at: number, v: number): void {
    this.view.setUint32(at, v, true);
  }

  /** A copy of the bytes written so far. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
