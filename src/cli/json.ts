/**
 * JSON as `ip -j [-p]` writes it. iproute2 streams its JSON through a small
 * writer of its own, not a general serializer, and `-p` has that writer's
 * layout, which no `JSON.stringify` indentation gives:
 *
 * ```
 * [ {                      an array opens with "[ ", its first object follows on the same line
 *         "ifindex": 1,    members one per line, 4 spaces per level (the array is a level)
 *         "flags": [ "UP","LOWER_UP" ],   arrays of scalars stay on one line, no space after commas
 *         "addr_info": [ ],               an empty array
 *         "linkinfo": {}                  an empty object
 *     },{                  objects of an array are joined by "},{"
 *         ...
 *     } ]                  a non-empty array closes with " ]"
 * ```
 *
 * Without `-p`: no whitespace at all. Strings escape only `"`, `\` and the
 * five C escapes (\b \f \n \r \t), as iproute2 does; other characters are
 * written as they are. Bigints print in full; numbers as JavaScript prints
 * them, except a {@link JsonNumber}, whose text a formatter fixed as
 * iproute2 does (`%g`, or a bridge timer's two decimals: `"hello_timer":0.00`).
 */
import { JsonNumber } from '../format/printer.js';

/** The writer's state: nesting depth and whether a comma is due before the next value. */
class JsonWriter {
  private out = '';
  private depth = 0;
  private sepDue = false;

  constructor(private readonly pretty: boolean) {}

  /** Newline and indentation (pretty only). */
  private eol(): void {
    if (this.pretty) this.out += '\n' + '    '.repeat(this.depth);
  }

  /** The comma owed by a previous value, if any; the next value owes one. */
  private eor(): void {
    if (this.sepDue) this.out += ',';
    this.sepDue = true;
  }

  private begin(c: '{' | '['): void {
    this.eor();
    this.out += c;
    this.depth++;
    this.sepDue = false;
    if (c === '[' && this.pretty) this.out += ' ';
  }

  private end(c: '}' | ']'): void {
    if (c === ']') {
      if (this.pretty && this.sepDue) this.out += ' ';
      this.sepDue = false;
    }
    this.depth--;
    if (this.sepDue) this.eol();
    this.out += c;
    this.sepDue = true;
  }

  private name(key: string): void {
    this.eor();
    this.eol();
    this.sepDue = false;
    this.out += quote(key) + (this.pretty ? ': ' : ':');
  }

  value(v: unknown): void {
    if (Array.isArray(v)) {
      this.begin('[');
      for (const x of v) this.value(x);
      this.end(']');
    } else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array) && !(v instanceof JsonNumber)) {
      this.begin('{');
      const o = v as Record<string, unknown>;
      for (const k in o) {
        const x = o[k];
        if (x === undefined) continue;
        this.name(k);
        this.value(x);
      }
      this.end('}');
    } else {
      this.eor();
      this.out += scalar(v);
    }
  }

  text(): string {
    return this.out;
  }
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof JsonNumber) return v.text;
  if (v instanceof Uint8Array) return quote(Buffer.from(v).toString('hex'));
  return quote(String(v));
}

const ESCAPES: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\f': '\\f', '\b': '\\b', '\\': '\\\\', '"': '\\"' };

/** A string in double quotes with iproute2's escapes. */
function quote(s: string): string {
  return `"${s.replace(/[\t\n\r\f\b\\"]/g, (c) => ESCAPES[c]!)}"`;
}

/**
 * True when JSON.stringify writes `s` as iproute2 does: no control
 * character other than the five C escapes (it writes `\u00XX`, ip the
 * byte) and no lone surrogate (a pair is fine either way, but is rare
 * enough to send to the writer).
 */
function plainString(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 ? c < 8 || c === 11 || c > 13 : c >= 0xd800 && c <= 0xdfff) return false;
  }
  return true;
}

/** Keys already found plain (a listing repeats the same few dozen; bounded for long-running monitors). */
const PLAIN_KEYS = new Set<string>();

/**
 * True when JSON.stringify writes `v` exactly as the writer above does
 * without `-p`: only plain objects, arrays, finite-or-not numbers, booleans,
 * null and strings (keys too) that are {@link plainString}; a
 * {@link JsonNumber} is a class instance, so it goes to the writer. (Both
 * skip undefined members and write undefined array items as null.) Walks
 * without allocating.
 */
function stringifiable(v: unknown): boolean {
  if (v === null || v === undefined || typeof v === 'boolean' || typeof v === 'number') return true;
  if (typeof v === 'string') return plainString(v);
  if (typeof v !== 'object' || v instanceof Uint8Array) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!stringifiable(v[i])) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  const o = v as Record<string, unknown>;
  for (const k in o) {
    if (!PLAIN_KEYS.has(k)) {
      if (!plainString(k)) return false;
      if (PLAIN_KEYS.size < 1024) PLAIN_KEYS.add(k);
    }
    if (!stringifiable(o[k])) return false;
  }
  return true;
}

/** `v` as `ip -j` (`pretty`: `ip -j -p`) prints it, without the final newline. */
export function formatJSON(v: unknown, pretty = false): string {
  // The native serializer, where it gives the same text, is several times
  // faster and leaves far less garbage (a 4,001-link `ip -j link show`).
  if (!pretty && stringifiable(v)) return JSON.stringify(v) ?? 'null';
  return writeJSON(v, pretty);
}

/** {@link formatJSON} through the writer alone (what the native serializer must match). */
export function writeJSON(v: unknown, pretty = false): string {
  const w = new JsonWriter(pretty);
  w.value(v);
  return w.text();
}
