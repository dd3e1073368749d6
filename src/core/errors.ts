/**
 * Errors raised while turning bytes into values and values into bytes.
 *
 * Kernel refusals and socket failures are not here: they belong to the
 * transport layer. A decoder fed any input throws only {@link DecodeError};
 * an encoder fed a bad value throws only {@link EncodeError}.
 */

function describePath(path: readonly string[]): string {
  return path.length ? path.join(' > ') + ': ' : '';
}

/**
 * Bytes that do not parse: names the byte offset (from the start of the
 * buffer handed to the decoder), the attribute path and what was expected.
 *
 * Example message: `IFA_CACHEINFO: expected 16 bytes, got 12 (offset 48)`.
 */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  /** Attribute or field path, outermost first (kernel names). */
  readonly path: string[];

  constructor(
    /** What was wrong, without the path or offset. */
    readonly reason: string,
    /** Byte offset of the offending item in the decoded buffer. */
    readonly offset: number,
    path: string[] = [],
  ) {
    super('');
    this.path = path;
    this.message = this.render();
  }

  /** Prepends an enclosing attribute or field name; returns `this`. */
  within(name: string): this {
    this.path.unshift(name);
    this.message = this.render();
    return this;
  }

  private render(): string {
    return `${describePath(this.path)}${this.reason} (offset ${this.offset})`;
  }
}

/** A value that cannot be encoded: out of range, wrong type, bad format. */
export class EncodeError extends Error {
  override readonly name = 'EncodeError';
  readonly path: string[];

  constructor(
    readonly reason: string,
    path: string[] = [],
  ) {
    super('');
    this.path = path;
    this.message = describePath(path) + reason;
  }

  /** Prepends an enclosing attribute or field name; returns `this`. */
  within(name: string): this {
    this.path.unshift(name);
    this.message = describePath(this.path) + this.reason;
    return this;
  }
}

/** True when `e` is a {@link DecodeError}. */
export function isDecodeError(e: unknown): e is DecodeError {
  return e instanceof DecodeError;
}

/** True when `e` is an {@link EncodeError}. */
export function isEncodeError(e: unknown): e is EncodeError {
  return e instanceof EncodeError;
}
