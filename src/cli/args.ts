/**
 * Argument helpers in iproute2's manner: keywords may be abbreviated
 * (`sh` for `show`), values are checked with iproute2's words.
 */
import { CliError, EXIT } from './errors.js';
import { checkIfname, checkMac, checkMtu } from '../api/validate.js';
import { InvalidArgumentError } from '../api/errors.js';

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
    process.stdout.write(usage);
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
