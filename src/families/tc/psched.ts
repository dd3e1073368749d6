/**
 * The packet scheduler's clock and rate arithmetic, as tc computes it for
 * the kernel: transmission times in scheduler ticks, and the 256-entry
 * rate tables (TCA_HTB_RTAB, TCA_TBF_RTAB...) that the kernel still
 * requires though it no longer reads them. The clock comes from
 * /proc/net/psched (four hex words: ticks-to-µs, µs-to-ticks, clock
 * resolution, HZ); the arithmetic follows tc's (doubles, truncated to
 * 32 bits), so that the tables match what tc sends byte for byte.
 */

/** µs per second: tc's TIME_UNITS_PER_SEC. */
const TIME_UNITS_PER_SEC = 1_000_000;

/** What /proc/net/psched says, and what tc derives from it. */
export interface PschedClock {
  /** Ticks per µs. */
  readonly tickInUsec: number;
  /** The scheduler's HZ (tc's get_hz()): the fourth word when the third is 1,000,000. */
  readonly hz: number;
}

/** Reads the four hex words of /proc/net/psched (`000003e8 00000040 000f4240 3b9aca00`). */
export function pschedClock(text: string): PschedClock {
  const w = text.trim().split(/\s+/).map((x) => parseInt(x, 16));
  if (w.length < 3 || w.slice(0, 3).some((x) => !Number.isFinite(x) || x === 0)) throw new Error(`/proc/net/psched: expected four hex words, got "${text.trim()}"`);
  let [t2us, us2t, res] = w as [number, number, number];
  // Nanosecond clocks advertise a tick multiplier of 1000 that really is 1.
  if (res === 1_000_000_000) t2us = us2t;
  const clockFactor = res / TIME_UNITS_PER_SEC;
  const hz = res === 1_000_000 && w[3] ? w[3] : 100;
  return { tickInUsec: (t2us / us2t) * clockFactor, hz };
}

/** C's conversion of a double to an unsigned 32-bit int (truncation, modulo 2^32). */
function u32(x: number): number {
  return Math.trunc(x) >>> 0;
}

/** Ticks to send `size` bytes at `rate` bytes per second (tc_calc_xmittime). */
export function xmittime(clock: PschedClock, rate: number, size: number): number {
  const usec = u32(TIME_UNITS_PER_SEC * (size / rate));
  return u32(usec * clock.tickInUsec);
}

/** Bytes sent in `ticks` at `rate` bytes per second (tc_calc_xmitsize). */
export function xmitsize(clock: PschedClock, rate: number, ticks: number): number {
  return u32((rate * u32(ticks / clock.tickInUsec)) / TIME_UNITS_PER_SEC);
}

/** A rate table: transmission times of sizes (i + 1) << cellLog, and the cell_log that covers `mtu` in 256 cells. */
export function rateTable(clock: PschedClock, rate: number, opts: { mtu?: number; mpu?: number; cellLog?: number } = {}): { table: number[]; cellLog: number } {
  const mtu = opts.mtu || 2047;
  let cellLog = opts.cellLog ?? -1;
  if (cellLog < 0) {
    cellLog = 0;
    while (mtu >> cellLog > 255) cellLog++;
  }
  const table = Array.from({ length: 256 }, (_, i) => xmittime(clock, rate, Math.max((i + 1) << cellLog, opts.mpu ?? 0)));
  return { table, cellLog };
}

const RATE_SUFFIXES: readonly (readonly [string, number])[] = [
  ['bit', 1], ['kibit', 1024], ['kbit', 1000], ['mibit', 1024 ** 2], ['mbit', 1e6], ['gibit', 1024 ** 3], ['gbit', 1e9], ['tibit', 1024 ** 4], ['tbit', 1e12],
  ['bps', 8], ['kibps', 8 * 1024], ['kbps', 8000], ['mibps', 8 * 1024 ** 2], ['mbps', 8e6], ['gibps', 8 * 1024 ** 3], ['gbps', 8e9], ['tibps', 8 * 1024 ** 4], ['tbps', 8e12],
];

/** A rate as tc reads it (`10mbit`, `1.5Mbps`, `800kbit`; a bare number is bits per second), in bytes per second; undefined if malformed. */
export function parseRate(text: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([a-z]*)$/i.exec(text);
  if (m === null) return undefined;
  let bits = Number(m[1]);
  if (m[2]) {
    const s = RATE_SUFFIXES.find(([n]) => n === m[2]!.toLowerCase());
    if (s === undefined) return undefined;
    bits *= s[1];
  }
  return Math.trunc(bits / 8);
}

/** A size as tc reads it (`32kbit`, `10kb`, `1500`), in bytes; undefined if malformed. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([a-z]*)$/i.exec(text);
  if (m === null) return undefined;
  const scale: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, kbit: 1024 / 8, mbit: (1024 * 1024) / 8, gbit: (1024 ** 3) / 8 };
  const f = scale[m[2]!.toLowerCase()];
  if (f === undefined) return undefined;
  const v = Number(m[1]) * f;
  return Number.isInteger(v) && v <= 0xffffffff ? v : undefined;
}
