/**
 * `tsip`: entry point. Parses global options, then loads only the modules
 * the command needs (start-up time matters for a command line tool).
 */
import { createRequire } from 'node:module';
import { CliError, EXIT } from './errors.js';
import { matches } from './args.js';
import { parseGlobal, type GlobalOptions } from './options.js';
import { writeOut } from './out.js';
import { ALL_UNITS, GENERIC_UNITS, UNITS } from '../families/registry.js';

/** `tsip help`: the objects are the families' (from the registry) and the commands of the tool itself. */
function usage(): string {
  const objects = [...ALL_UNITS.flatMap((f) => (f.cli ? [f.cli.object] : [])), 'monitor', 'decode', 'fuzz'];
  const ops = UNITS.flatMap((f) => (f.fuzz ? [f.fuzz.ops] : [])).join(',');
  return `Usage: tsip [ OPTIONS ] OBJECT { COMMAND | help }
       tsip decode [ --protocol route | generic ] [ --live ] [ --json | --rows | --html OUT ] [ HEX | - | --strace FILE | --pcap FILE ]
       tsip fuzz [ --runs N ] [ --seed S ] [ --ops ${ops} ] [ --time SECONDS ]
       tsip fuzz --protocol generic [ --runs N ] [ --seed S ] [ --ops ${GENERIC_UNITS.map((u) => u.genl.name).join(',')} ]
where  OBJECT := { ${objects.join(' | ')} }
       OPTIONS := { -j[son] | -p[retty] | -d[etails] | -s[tatistics] | -br[ief] | -o[neline] |
                    -4 | -6 | -n[etns] NAME | -x[x] | --explain | --pcap FILE | -b[atch] FILE | -force }
       -x: one line per netlink message sent (->) and received (<-), on stderr, with its socket's namespace;
       -xx: every byte, annotated, as tsip decode prints it (and reads it back)
`;
}

type Runner = (args: string[], s: import('./session.js').Session) => Promise<number>;

/** The command of OBJECT: a family's (loaded only now), or the monitor. */
async function runnerFor(object: string): Promise<Runner | undefined> {
  for (const f of ALL_UNITS) {
    const cli = f.cli;
    if (cli && (matches(object, cli.object) || cli.aliases?.includes(object))) return (await cli.load()).run as Runner;
  }
  if (matches(object, 'monitor')) return (await import('./monitor.js')).runMonitor;
  return undefined;
}

/**
 * The fuzzer needs fast-check; it is loaded from dist/cli/fuzz.js at run
 * time, by path, so that the bundled tsip neither contains it nor loads
 * fast-check for every other command.
 */
async function loadFuzz(): Promise<typeof import('./fuzz.js')> {
  const load = createRequire(import.meta.url);
  const { existsSync } = load('node:fs') as typeof import('node:fs');
  const { dirname, join } = load('node:path') as typeof import('node:path');
  const { fileURLToPath, pathToFileURL } = load('node:url') as typeof import('node:url');
  const dir = dirname(fileURLToPath(import.meta.url));
  const beside = join(dir, 'fuzz.js');
  const path = existsSync(beside) ? beside : join(dir, 'cli', 'fuzz.js');
  // bin/tsip.cjs runs the bundle through vm.Script, whose code has no
  // import() of its own: it lends one. Elsewhere, an import() no bundler rewrites.
  const lent = (globalThis as Record<symbol, unknown>)[Symbol.for('tsnetlink.import')] as ((url: string) => Promise<unknown>) | undefined;
  const dynamicImport = lent ?? (new Function('url', 'return import(url)') as (url: string) => Promise<unknown>);
  return (await dynamicImport(pathToFileURL(path).href)) as typeof import('./fuzz.js');
}

/** Runs one command (OBJECT COMMAND ARGS) with an open session. */
export async function runCommand(rest: string[], opts: GlobalOptions, session: () => Promise<import('./session.js').Session>): Promise<number> {
  const [object, ...args] = rest;
  if (object === undefined || object === 'help') {
    writeOut(usage());
    return object === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (object === 'decode') return (await import('./decode.js')).runDecode(args, opts);
  if (object === 'fuzz') return (await loadFuzz()).runFuzz(args, opts);
  const run = await runnerFor(object);
  if (!run) throw new CliError(`Object "${object}" is unknown, try "tsip help".`);
  return run(args, await session());
}

/** Maps an error to the line iproute2 would print and the exit code. */
export async function describeError(e: unknown): Promise<{ message: string; code: number } | undefined> {
  if (e instanceof CliError) return { message: e.message, code: e.code };
  if (!(e instanceof Error)) return undefined;
  switch (e.name) {
    case 'KernelError':
      return { message: e.message, code: EXIT.KERNEL };
    case 'DeviceNotFoundError':
      return { message: e.message, code: EXIT.USAGE };
    case 'InvalidArgumentError':
    case 'NetnsNameError':
      return { message: `Error: ${e.message}`, code: EXIT.INVARG };
    case 'NetnsError': {
      // ip exits 255 when it cannot enter a namespace (-n), and passes on
      // `ip netns add/del`'s own code.
      const n = e as Error & { op?: string; exitCode?: number };
      return { message: e.message, code: n.exitCode ?? (n.op === 'open' || n.op === 'enter' ? EXIT.INVARG : EXIT.USAGE) };
    }
    case 'HelperError':
      return { message: e.message, code: EXIT.USAGE };
    case 'GenlFamilyNotFoundError': {
      // As ip mptcp / tcp_metrics say it when the controller does not know the family.
      const cause = (e as Error & { cause?: Error }).cause;
      return { message: `${cause?.message ?? `Error: ${e.message}.`}\nError talking to the kernel`, code: EXIT.USAGE };
    }
    case 'GenlGroupNotFoundError':
      return { message: `Error: ${e.message}.`, code: EXIT.USAGE };
    case 'EncodeError':
      return { message: `Error: ${e.message}`, code: EXIT.USAGE };
    case 'TimeoutError':
    case 'TransportError':
    case 'DumpInterruptedError':
      return { message: `Error: ${e.message}`, code: EXIT.KERNEL };
    case 'DecodeError':
      // A kernel answer that does not decode (read lazily, it fails when printed).
      return { message: `Error: the kernel's answer does not decode: ${e.message}`, code: EXIT.KERNEL };
  }
  return undefined;
}

/** Runs tsip with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let session: import('./session.js').Session | undefined;
  try {
    const { opts, rest } = parseGlobal(argv);
    const open = async () => {
      const { Session } = await import('./session.js');
      session = new Session(opts);
      await session.init();
      return session;
    };
    if (opts.batch !== undefined) return await (await import('./batch.js')).runBatch(opts, open);
    return await runCommand(rest, opts, open);
  } catch (e) {
    const d = await describeError(e);
    if (d) {
      process.stderr.write(d.message + '\n');
      return d.code;
    }
    process.stderr.write(`tsip: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    return 3;
  } finally {
    session?.close();
  }
}
