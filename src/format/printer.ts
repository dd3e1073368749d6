/**
 * One walk, two outputs. iproute2 prints each field once, to either its
 * JSON writer or the terminal, and the two differ in small ways (a key in
 * JSON, a word in text; some fields only in one of them). The formatters
 * here do the same: they walk a message once against an {@link Out} made
 * for JSON or for text, and read back an object or lines.
 */

/**
 * A number whose JSON text iproute2 fixes with a C format (`%g`, `%.2f`)
 * rather than leaving to a shortest round-trip form: `ip -j` prints an RTT
 * of 60 µs as `6e-05` and a bridge timer of 14.9 s as `14.90`. The JSON
 * writer prints {@link text} as it is; `JSON.stringify` gives the number.
 */
export class JsonNumber {
  constructor(readonly text: string) {}

  toJSON(): number {
    return Number(this.text);
  }
}

/** A JSON value as `ip -j` prints it. */
export type Json = string | number | boolean | null | JsonNumber | Json[] | { [key: string]: Json };

/** A JSON object as `ip -j` prints it (keys in print order). */
export type JsonObject = { [key: string]: Json };

/** Collects either the JSON object or the text of one iproute2 record. */
export class Out {
  /** True when collecting JSON, false when collecting text. */
  readonly json: boolean;
  private readonly stack: JsonObject[];
  private buf = '';

  constructor(json: boolean) {
    this.json = json;
    this.stack = [{}];
  }

  private get top(): JsonObject {
    return this.stack[this.stack.length - 1]!;
  }

  /** `key: value` in JSON, `text` in text (iproute2's PRINT_ANY). */
  any(key: string, value: Json, text: string): void {
    if (this.json) this.top[key] = value;
    else this.buf += text;
  }

  /** `key: value` in JSON only. */
  j(key: string, value: Json): void {
    if (this.json) this.top[key] = value;
  }

  /** `text` in text only. */
  t(text: string): void {
    if (!this.json) this.buf += text;
  }

  /** A line break in text. */
  nl(): void {
    if (!this.json) this.buf += '\n';
  }

  /** Starts a nested JSON object under `key` (text unaffected). */
  open(key: string): void {
    if (!this.json) return;
    const o: JsonObject = {};
    this.top[key] = o;
    this.stack.push(o);
  }

  /** Ends the object started by {@link open}. */
  close(): void {
    if (this.json && this.stack.length > 1) this.stack.pop();
  }

  /** The JSON object collected. */
  object(): JsonObject {
    return this.stack[0]!;
  }

  /** The text collected, as lines (a final newline ends the last line, it does not start another). */
  lines(): string[] {
    return textLines(this.buf);
  }
}

/** Splits printed text into lines; the newline that ends the output does not make an empty last line. */
export function textLines(s: string): string[] {
  if (s === '') return [];
  const out = s.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** C's `%#x` (`%#llx`): `0` for zero, else `0x` and lowercase hex. */
export function hex0x(n: number | bigint): string {
  return n === 0 || n === 0n ? '0' : `0x${n.toString(16)}`;
}

/**
 * C's `%g` (precision 6), for the values iproute2 prints with it: six
 * significant digits without trailing zeros, in exponent form (`6e-05`,
 * `1.23457e+08`) when the exponent is below -4 or at least 6.
 */
export function gText(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v < 0 ? '-inf' : 'inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  // The exponent after rounding to six digits decides the form.
  const [mant, exp] = v.toExponential(5).split('e') as [string, string];
  const x = Number(exp);
  if (x < -4 || x >= 6) return `${trimZeros(mant)}e${x < 0 ? '-' : '+'}${String(Math.abs(x)).padStart(2, '0')}`;
  return trimZeros(v.toFixed(5 - x));
}

/** `%g`'s output drops trailing zeros of the fraction, and the point when nothing follows it. */
function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A number whatever the decoder made of it (u64 values may be bigints). */
export function num(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(v ?? 0);
}

/**
 * A clock_t (centiseconds, USER_HZ = 100) as iproute2 prints bridge
 * timers: `{ sec, cs }`, with `json` the value `ip -j` prints
 * (`14.96`) and `text` the `%4i.%.2i` form (`  14.96`).
 */
export function timer(centiseconds: unknown): { json: JsonNumber; text: string } {
  const t = num(centiseconds);
  const sec = Math.floor(t / 100);
  const cs = String(t % 100).padStart(2, '0');
  return { json: new JsonNumber(`${sec}.${cs}`), text: `${String(sec).padStart(4)}.${cs}` };
}
