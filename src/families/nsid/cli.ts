/**
 * `tsip netns`: list, add, del, exec, set, list-id.
 */
import { existsSync, opendirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { addNetns, deleteNetns } from '../../netns/registry.js';
import { hasNetns, NETNS_RUN_DIR } from '../../netns/registry.js';
import { isNetnsNameError, validateNetnsName } from '../../netns/names.js';
import { Args, matches } from '../../cli/args.js';
import { CliError, EXIT } from '../../cli/errors.js';
import type { Session } from '../../cli/session.js';
import { writeOut } from '../../cli/out.js';

export const NETNS_USAGE = `Usage: tsip netns list
       tsip netns add NAME
       tsip netns del NAME
       tsip netns exec NAME CMD [ ARGS ]...
       tsip netns set NAME { NETNSID | auto }
       tsip netns list-id
`;

function nameArg(v: string | undefined): string {
  if (v === undefined) throw new CliError('No netns name specified');
  try {
    return validateNetnsName(v);
  } catch (e) {
    if (isNetnsNameError(e)) throw new CliError(`Invalid netns name "${v}"`, EXIT.INVARG);
    throw e;
  }
}

export async function run(argv: string[], s: Session): Promise<number> {
  const a = new Args(argv);
  const cmd = a.next();
  if (cmd === undefined || matches(cmd, 'list') || matches(cmd, 'show')) {
    // In /run/netns directory order, as ip prints them (readdirSync would sort them).
    const names: string[] = [];
    if (existsSync(NETNS_RUN_DIR)) {
      const dir = opendirSync(NETNS_RUN_DIR);
      for (let e = dir.readSync(); e !== null; e = dir.readSync()) names.push(e.name);
      dir.closeSync();
    }
    const ids = await s.handle.nsids.names();
    const byName = new Map([...ids].map(([id, n]) => [n, id]));
    if (s.opts.json) s.printJSON(names.map((n) => (byName.has(n) ? { name: n, id: byName.get(n) } : { name: n })));
    else s.printLines(names.map((n) => (byName.has(n) ? `${n} (id: ${byName.get(n)})` : n)));
    return EXIT.OK;
  }
  if (cmd === 'list-id') {
    const entries = await s.handle.nsids.list();
    if (s.opts.json) s.printJSON(entries.map((e) => (e.name ? { nsid: e.nsid, name: e.name } : { nsid: e.nsid })));
    else s.printLines(entries.map((e) => (e.name ? `nsid ${e.nsid} (iproute2 netns name: ${e.name})` : `nsid ${e.nsid}`)));
    return EXIT.OK;
  }
  if (matches(cmd, 'add')) {
    await addNetns(nameArg(a.next()));
    return EXIT.OK;
  }
  if (matches(cmd, 'delete')) {
    await deleteNetns(nameArg(a.next()));
    return EXIT.OK;
  }
  if (cmd === 'set') {
    const name = nameArg(a.next());
    const v = a.next();
    if (v === undefined) throw new CliError('No nsid specified');
    const id = v === 'auto' ? -1 : /^\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(id) || id > 0x7fffffff) throw new CliError(`Error: argument "${v}" is wrong: Invalid "netnsid" value`, EXIT.INVARG);
    await s.handle.nsids.set(name, id);
    return EXIT.OK;
  }
  if (matches(cmd, 'exec')) {
    const name = nameArg(a.next());
    const rest: string[] = [];
    while (!a.done) rest.push(a.next()!);
    if (rest.length === 0) throw new CliError('No command specified');
    // As ip netns exec: its words, exit 255, and nothing started.
    if (!hasNetns(name)) throw new CliError(`Cannot open network namespace "${name}": No such file or directory`, EXIT.INVARG);
    return exec(name, rest);
  }
  if (matches(cmd, 'help')) {
    writeOut(NETNS_USAGE);
    return EXIT.OK;
  }
  throw new CliError(`Command "${cmd}" is unknown, try "tsip netns help".`, EXIT.INVARG);
}

/** Runs `cmd` inside the namespace (argv as given, never a shell) and returns its exit code. */
async function exec(name: string, cmd: string[]): Promise<number> {
  const { spawn } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', name, ...cmd], { stdio: 'inherit' });
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (e) => reject(new CliError(`Cannot run ip netns exec: ${e.message}`)));
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 128 + ((require_signals as Record<string, number>)[signal] ?? 1) : 1));
    });
  });
}

const require_signals: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15, SIGPIPE: 13 };
