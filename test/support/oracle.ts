/**
 * iproute2 as the oracle for a family's command: run ip and tsip side by
 * side, and read back the requests a command sent (traced with strace,
 * decoded by tsip).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built command, as npm installs it. */
export const BIN = fileURLToPath(new URL('../../bin/tsip.cjs', import.meta.url));

export const hasStrace = spawnSync('strace', ['-V']).status === 0;

/** `tsip ARGS...` in a child process. */
export function tsip(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000 });
}

/** `ip ARGS...`, whatever its exit status. */
export function ipRun(args: string[]): SpawnSyncReturns<string> {
  return spawnSync('ip', args, { encoding: 'utf8' });
}

/**
 * The requests of types matching `type` that `cmd` sent, decoded by tsip
 * from an strace of it, as JSON strings without seq and pid; attributes
 * sorted by name when `anyOrder` (iproute2 sends some in the order of its
 * arguments), and NLM_F_ACK left out of GET requests (iproute2 asks for
 * none, tsip's connection always does).
 */
export function requestsOf(cmd: string[], type: RegExp, dir: string, tag: string, anyOrder = false): string[] {
  const trace = join(dir, `${tag}.strace`);
  spawnSync('strace', ['-f', '-e', 'trace=sendmsg,sendto', '-e', 'write=all', '-o', trace, ...cmd], { encoding: 'utf8' });
  const decoded = tsip(['decode', '--json', '--strace', trace]);
  const datagrams = JSON.parse(decoded.stdout) as { dir: string; messages: Record<string, unknown>[] }[];
  return datagrams
    .filter((d) => d.dir === 'send')
    .flatMap((d) => d.messages)
    .filter((m) => type.test(String(m.nlmsg_type)))
    .map(({ nlmsg_seq: _s, nlmsg_pid: _p, nlmsg_flags, attributes, ...m }) => {
      const flags = (nlmsg_flags as string[]).filter((f) => f !== 'NLM_F_ACK' || !/_GET/.test(String(m.nlmsg_type)));
      const attrs = anyOrder && attributes ? Object.fromEntries(Object.entries(attributes as object).sort()) : attributes;
      return JSON.stringify({ ...m, nlmsg_flags: flags, attributes: attrs });
    });
}
