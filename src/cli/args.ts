/**
 * Argument helpers in iproute2's manner: keywords may be abbreviated
 * (`sh` for `show`), values are checked with iproute2's words.
 */
import { CliError, EXIT } from './errors.js';
import { checkIfname, checkMac, checkMtu } from '../api/validate.js';
import { InvalidArgumentError } from '../api/errors.js';
import { writeOut } from './out.js';

/** True when `arg` is a prefix of `keyword` (iproute2's matches()). */
export function matches(arg: string | undefined, keyword: string): boolean {
  return arg !== undefined && arg.length > 0 && keyword.startsWith(arg);
}

/** A cursor over the arguments of one command. */
export class Args {
  private i = 0;
  constructor(private readonly argv: readonly string[]) {}

  get done(): boolean {
    return this.i >= this.argv.length;
  }

  peek(): string | undefined {
    return this.argv[this.i];
  }

  next(): string | undefined {
    return this.argv[this.i++];
  }

  /** The value after a keyword; `Command line is not complete` when missing. */
  value(keyword: string): string {
    const v = this.argv[this.i++];
    if (v === undefined) throw new CliError(`Command line is not complete. Try option "help"`, EXIT.INVARG);
    void keyword;
    return v;
  }
}

/** iproute2: `Error: argument "X" is wrong: "dev" not a valid ifname`. */
export function ifnameArg(v: string, what = 'dev'): string {
  try {
    return checkIfname(v);
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new CliError(`Error: argument "${v}" is wrong: "${what}" not a valid ifname`, EXIT.INVARG);
    throw e;
  }
}

/** iproute2: `Error: argument "X" is wrong: Invalid "mtu" value`. */
export function mtuArg(v: string): number {
  try {
    return checkMtu(v);
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new CliError(`Error: argument "${v}" is wrong: Invalid "mtu" value`, EXIT.INVARG);
    throw e;
  }
}

/** iproute2: `"X" is invalid lladdr.` */
export function macArg(v: string): string {
  try {
    return checkMac(v);
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new CliError(`"${v}" is invalid lladdr.`);
    throw e;
  }
}

/**
 * An unsigned integer argument: `Error: argument "X" is wrong: Invalid
 * "WHAT" value` (or ip's own `reason` for that argument), exit 255.
 */
export function uintArg(v: string, what: string, max = 0xffffffff, reason = `Invalid "${what}" value`): number {
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(v) || Number(v) > max) throw new CliError(`Error: argument "${v}" is wrong: ${reason}`, EXIT.INVARG);
  return Number(v);
}

/** iproute2's `Error: either "WHAT" is duplicate, or "X" is a garbage.`, exit 255. */
export function duplicateOrGarbage(what: string, t: string): CliError {
  return new CliError(`Error: either "${what}" is duplicate, or "${t}" is a garbage.`, EXIT.INVARG);
}

/** A command of an object: its handler, by keyword (abbreviations allowed, the first listed wins). */
export type Commands = readonly (readonly [keywords: readonly string[], run: (a: Args) => Promise<number>])[];

/**
 * Runs the command named by the first argument (none: the first entry,
 * `show`), or prints `usage` for `help`; an unknown one is a usage error in
 * iproute2's words.
 */
export async function dispatch(argv: readonly string[], object: string, usage: string, commands: Commands): Promise<number> {
  const a = new Args(argv);
  const cmd = a.next();
  if (cmd === undefined) return commands[0]![1](a);
  for (const [keywords, run] of commands) if (keywords.some((k) => k === cmd || matches(cmd, k))) return run(a);
  if (matches(cmd, 'help')) {
    writeOut(usage);
    return 0;
  }
  throw new CliError(`Command "${cmd}" is unknown, try "tsip ${object} help".`, EXIT.INVARG);
}

/**
 * The arguments of a command that takes only `[dev] NAME` (show, del):
 * the name, or undefined when none was given. With `noDash`, a word
 * starting with `-` is refused rather than taken for a name.
 */
export function devOnly(a: Args, noDash = false): string | undefined {
  let dev: string | undefined;
  while (!a.done) {
    const t = a.next()!;
    if (t === 'dev') dev = ifnameArg(a.value(t));
    else if (dev === undefined && !(noDash && t.startsWith('-'))) dev = ifnameArg(t);
    else throw duplicateOrGarbage('dev', t);
  }
  return dev;
}

/** C's LONG_MIN and LONG_MAX (64-bit): where strtol saturates. */
const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/**
 * C's strtol(text, &end, 0) when it consumes the whole text: an optional
 * sign, then `0x` hex, `0` octal or decimal digits; saturated to the range
 * of a 64-bit long. Undefined when there are no digits or something follows.
 */
/**
 * An unsigned number as iproute2's get_u8/get_u16/get_u32 and ethtool's
 * strtoul with base 0 read it: decimal, 0x hex or 0 octal, at most `max`;
 * undefined otherwise.
 */
export function cUnsigned(text: string, max: number): number | undefined {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const n = /^0[xX]/.test(text) ? parseInt(text.slice(2), 16) : text.length > 1 && text.startsWith('0') ? parseInt(text.slice(1), 8) : Number(text);
  return n <= max ? n : undefined;
}

export function cLong(text: string): bigint | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const digits = m[2]!;
  const v = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits.startsWith('0') ? BigInt('0o' + digits.slice(1)) : BigInt(digits);
  const signed = m[1] === '-' ? -v : v;
  return signed > LONG_MAX ? LONG_MAX : signed < LONG_MIN ? LONG_MIN : signed;
}

/**
 * A signed int argument as iproute2's get_integer reads it (strtol base 0,
 * within INT_MIN..INT_MAX): `Error: argument "X" is wrong: REASON`, exit 255.
 */
export function intArg(v: string, reason: string): number {
  const n = cLong(v);
  if (n === undefined || n > 0x7fffffffn || n < -0x80000000n) throw new CliError(`Error: argument "${v}" is wrong: ${reason}`, EXIT.INVARG);
  return Number(n);
}

/**
 * A link group as iproute2's rtnl_group_a2n reads it: `default` (the
 * stock /etc/iproute2/group) or a number (strtol base 0, kept as a C int,
 * not negative); `Error: argument "X" is wrong: Invalid "group" value`.
 */
export function groupArg(v: string): number {
  const n = v === 'default' ? 0n : cLong(v);
  const i = n === undefined ? -1 : Number(BigInt.asIntN(32, n));
  if (i < 0) throw new CliError(`Error: argument "${v}" is wrong: Invalid "group" value`, EXIT.INVARG);
  return i;
}

/** `on` or `off` after `keyword`; ip's `Error: argument of "KEYWORD" must be "on" or "off", not "X"` (exit 1) otherwise. */
export function onOffArg(keyword: string, v: string): boolean {
  if (v === 'on') return true;
  if (v === 'off') return false;
  throw new CliError(`Error: argument of "${keyword}" must be "on" or "off", not "${v}"`, EXIT.USAGE);
}

/** iproute2's `Error: duplicate "WHAT": "X" is the second value.`, exit 255. */
export function duplicateArg(what: string, v: string): CliError {
  return new CliError(`Error: duplicate "${what}": "${v}" is the second value.`, EXIT.INVARG);
}
