/**
 * Shared pieces of the generated lessons (docs/anatomy-of-*.md): the
 * fixture shape they read, markdown tables of explain rows, hex dumps,
 * little-endian readers and the walk that splits rows into a lesson's
 * parts. Each lesson is one file next to this one and takes every number
 * its prose states from the captured bytes, so a test that regenerates the
 * document notices when the bytes, the declarations or the rows change.
 */
import { headersOf, type HeaderAt } from '../../netlink/headers-walk.js';
import { offsetHex, parseHex, toHex } from '../../bytes/hex.js';
import type { Row } from '../../schema/kind.js';

/** The parts of a fixture file a lesson uses (see fixtures/README.md). */
export interface LessonFixture {
  command: string[];
  kernel: string;
  iproute2?: string;
  /** `genl -V` / `ethtool --version`, for generic netlink captures of other tools. */
  tool?: string;
  protocol?: 'generic';
  note?: string;
  datagrams: { dir: 'send' | 'recv'; hex: string }[];
}

/** A datagram of a fixture, as bytes. */
export interface Datagram {
  dir: 'send' | 'recv';
  bytes: Uint8Array;
}

/** The datagrams of a fixture, decoded from hex. */
export function datagramsOf(f: LessonFixture): Datagram[] {
  return f.datagrams.map((d) => ({ dir: d.dir, bytes: parseHex(d.hex) }));
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** An offset in backticks, as the tables show it. */
export const at4 = (n: number) => '`' + offsetHex(n) + '`';

/** One markdown table row of an explain row. */
export function rowLine(r: Row, bytes: Uint8Array): string {
  const hex = toHex(bytes.subarray(r.offset, r.offset + r.length), ' ');
  const name = r.path.length ? r.path.join(' > ') : r.name;
  return `| ${at4(r.offset)} | \`${hex}\` | ${cell(name)} | ${cell(r.value)} |`;
}

/** The header of a rows table. */
export const TABLE_HEAD = '| offset | bytes | field | value |\n| --- | --- | --- | --- |';

/** A markdown table of rows: offset (hex, as `tsip decode` prints it), bytes, path, value. */
export function rowsTable(rows: readonly Row[], bytes: Uint8Array): string {
  return [TABLE_HEAD, ...rows.map((r) => rowLine(r, bytes))].join('\n');
}

/** A hex dump, 16 bytes a line, for a code block. */
export function hexDump(bytes: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    const a = toHex(bytes.subarray(i, Math.min(i + 8, bytes.length)), ' ');
    const b = toHex(bytes.subarray(i + 8, Math.min(i + 16, bytes.length)), ' ');
    out.push(`${offsetHex(i)}  ${a}${b ? '  ' + b : ''}`);
  }
  return out.join('\n');
}

/** Splits rows into named parts; every row must land in exactly one (else the document would lie). */
export function split(rows: readonly Row[], parts: readonly [string, (r: Row) => boolean][], lesson: string): Map<string, Row[]> {
  const out = new Map<string, Row[]>(parts.map(([k]) => [k, []]));
  for (const r of rows) {
    const part = parts.find(([, test]) => test(r));
    if (!part) throw new Error(`${lesson}: row ${r.path.join(' > ')} at ${r.offset} belongs to no part`);
    out.get(part[0])!.push(r);
  }
  return out;
}

const dv = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
/** Little-endian u16 at `o`. */
export const u16 = (b: Uint8Array, o: number) => dv(b).getUint16(o, true);
/** Little-endian u32 at `o`. */
export const u32 = (b: Uint8Array, o: number) => dv(b).getUint32(o, true);
/** Little-endian s32 at `o`. */
export const s32 = (b: Uint8Array, o: number) => dv(b).getInt32(o, true);

/** Bytes as `tsip decode` shows them, in backticks. */
export const hexOf = (b: Uint8Array, o: number, n: number) => '`' + toHex(b.subarray(o, o + n), ' ') + '`';

/** One message of a datagram: its offset, length and header fields. */
export type MessageAt = HeaderAt;

/** The messages of a datagram, walking nlmsghdrs only (stops at a zero tail or a bad length). */
export const messagesOf = headersOf;

/** The command as a reader would type it: without `-n NS` and `ip netns exec NS`. */
export function typedCommand(f: LessonFixture): string {
  let c = f.command;
  if (c[0] === 'ip' && c[1] === 'netns' && c[2] === 'exec') c = c.slice(4);
  return c.filter((_, i, a) => a[i] !== '-n' && a[i - 1] !== '-n').join(' ');
}

/** The row of `rows` whose path ends with `name` (and whose role is `role`), or throws. */
export function rowNamed(rows: readonly Row[], name: string, role: Row['role'] = 'value', from = 0): Row {
  const r = rows.find((x) => x.offset >= from && x.role === role && x.path[x.path.length - 1] === name);
  if (!r) throw new Error(`lesson: no ${role} row named ${name}`);
  return r;
}

/** The paragraph every lesson starts with: what produced the bytes, and that the file is generated. */
export function provenance(fixtures: readonly [string, LessonFixture][], doc: string): string {
  const files = fixtures.map(([id]) => `\`fixtures/${id}.json\``).join(', ');
  const tools = [...new Set(fixtures.map(([, x]) => x.tool ?? x.iproute2).filter((x): x is string => !!x))].map((t) => `\`${t}\``).join(' and ');
  const kernels = [...new Set(fixtures.map(([, x]) => x.kernel))].map((k) => `\`${k}\``).join(' and ');
  return `The bytes are real, captured with strace in a throwaway namespace on kernel ${kernels}${tools ? `
with ${tools}` : ''}: ${files}.

This file (\`${doc}\`) is generated by \`scripts/anatomy.mjs\` from ${fixtures.length > 1 ? 'those captures' : 'that capture'} and the
explain rows of \`tsip decode\` (\`src/explain/lessons/\`); \`test/docs/lessons.test.ts\` regenerates it
and fails if it differs. Do not edit it by hand. Offsets are hexadecimal, counted from the first
byte of each datagram, as \`tsip decode\` prints them; netlink is host byte order, little-endian
on this x86_64 machine.`;
}

/** Names a message for the conversation table, from its type (and its bytes, for generic netlink's cmd). */
export type MessageNamer = (type: number, message: Uint8Array) => string;

/** What the messages of a datagram are, e.g. `RTM_NEWADDR` ×6, `NLMSG_DONE`, `NLMSG_ERROR` -19. */
export function messageSummary(b: Uint8Array, name: MessageNamer): string {
  const parts: [string, number][] = [];
  for (const m of messagesOf(b)) {
    let s = '`' + name(m.type, b.subarray(m.offset, m.offset + m.len)) + '`';
    if (m.type === 2 && m.len >= 20) s += s32(b, m.offset + 16) === 0 ? ' (ACK)' : ` ${s32(b, m.offset + 16)}`;
    const last = parts[parts.length - 1];
    if (last && last[0] === s) last[1]++;
    else parts.push([s, 1]);
  }
  return parts.map(([s, n]) => (n > 1 ? `${s} ×${n}` : s)).join(', ');
}

/** The conversation table: one line per datagram, with the lesson's note for each. */
export function conversation(dgs: readonly Datagram[], name: MessageNamer, notes: readonly string[]): string {
  const lines = ['| # | direction | bytes | messages | what |', '| --- | --- | --- | --- | --- |'];
  dgs.forEach((d, i) => lines.push(`| ${i + 1} | ${d.dir === 'send' ? 'user -> kernel' : 'kernel -> user'} | ${d.bytes.length} | ${messageSummary(d.bytes, name)} | ${notes[i] ?? ''} |`));
  return lines.join('\n');
}
