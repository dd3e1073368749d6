/**
 * `tsip mptcp`: endpoint add, change, delete, show, flush; limits set and
 * show, with the grammar, output and error words of `ip mptcp`.
 */
import { parseAddress } from '../../api/validate.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { Args, cUnsigned, dispatch, ifnameArg, matches } from '../../cli/args.js';
import { CliError, EXIT } from '../../cli/errors.js';
import type { Session } from '../../cli/session.js';
import type { MptcpEndpointRef } from './api.js';
import { endpointJSON, endpointText, eventText, limitsJSON, limitsText } from './format.js';
import { MPTCP_PM_EV_GRP_NAME, MPTCP_PM_NAME } from './family.js';
import type { MptcpEndpoint } from './view.js';
import { printGenericEvents } from '../../cli/genl-events.js';

export const MPTCP_USAGE = `Usage:	tsip mptcp endpoint add ADDRESS [ dev NAME ] [ id ID ]
				      [ port NR ] [ FLAG-LIST ]
	tsip mptcp endpoint delete id ID [ ADDRESS ]
	tsip mptcp endpoint change [ id ID ] [ ADDRESS ] [ port NR ] CHANGE-OPT
	tsip mptcp endpoint show [ id ID ]
	tsip mptcp endpoint flush
	tsip mptcp limits set [ subflows NR ] [ add_addr_accepted NR ]
	tsip mptcp limits show
	tsip mptcp monitor
FLAG-LIST := [ FLAG-LIST ] FLAG
FLAG  := [ signal | subflow | backup | fullmesh ]
CHANGE-OPT := [ backup | nobackup | fullmesh | nofullmesh ]
`;

/** ip's invarg(): `Error: argument "ARG" is wrong: MSG`, exit 255. */
function invarg(msg: string, arg: string): CliError {
  return new CliError(`Error: argument "${arg}" is wrong: ${msg}`, EXIT.INVARG);
}

const FLAGS = ['signal', 'subflow', 'backup', 'fullmesh', 'nobackup', 'nofullmesh'] as const;
const FLAG_BITS: Record<string, number> = { signal: 1, subflow: 2, backup: 4, fullmesh: 8, nobackup: 0, nofullmesh: 0 };

interface Parsed {
  id?: number;
  address?: string;
  dev?: string;
  port: number;
  flags: number;
  words: string[];
}

/** mptcp_parse_opt(): the endpoint arguments, checked as ip checks them for command `cmd`. */
function parseOpt(a: Args, cmd: 'add' | 'delete' | 'change' | 'show'): Parsed {
  const p: Parsed = { port: 0, flags: 0, words: [] };
  while (!a.done) {
    const t = a.next()!;
    if ((FLAGS as readonly string[]).includes(t)) {
      p.flags |= FLAG_BITS[t]!;
      p.words.push(t);
      if (cmd === 'add' && p.flags & 1 && p.flags & 8) throw invarg("flags mustn't have both signal and fullmesh", t);
      if (cmd === 'change' && p.flags & ~(4 | 8)) throw invarg('invalid flags, backup and fullmesh only', t);
    } else if (matches(t, 'id')) {
      const v = a.value(t);
      const id = cUnsigned(v, 255);
      if (id === undefined) throw invarg('invalid ID\n', v);
      p.id = id;
    } else if (matches(t, 'dev')) {
      p.dev = ifnameArg(a.value(t));
    } else if (matches(t, 'port')) {
      const v = a.value(t);
      const port = cUnsigned(v, 0xffff);
      if (port === undefined) throw invarg('expected port', v);
      p.port = port;
    } else {
      try {
        p.address = parseAddress(t).address;
      } catch (e) {
        if (e instanceof InvalidArgumentError) throw invarg('unknown argument', t);
        throw e;
      }
    }
  }
  if (p.address === undefined && cmd === 'add') throw new CliError('Error: argument "ADDRESS" is required', EXIT.INVARG);
  if (cmd === 'delete') {
    if (p.id === undefined) throw new CliError('Error: argument "ID" is required', EXIT.INVARG);
    if (p.id && p.address !== undefined) throw invarg('invalid for non-zero id address\n', 'ADDRESS');
    if (!p.id && p.address === undefined) throw invarg('address is needed for deleting id 0 address\n', 'ID');
  }
  if (cmd === 'add' && p.port && !(p.flags & 1)) throw invarg('flags must have signal when using port', 'port');
  if (cmd === 'change' && p.id !== undefined && p.port) throw invarg("port can't be used with id", 'port');
  return p;
}

export async function run(argv: string[], s: Session): Promise<number> {
  // As ip: no command is a usage error.
  if (argv.length === 0) {
    process.stderr.write(MPTCP_USAGE);
    return EXIT.INVARG;
  }
  return dispatch(argv, 'mptcp', MPTCP_USAGE, [
    [['endpoint'], (a) => endpoint(a, s)],
    [['limits'], (a) => limits(a, s)],
    [['monitor'], (a) => monitor(a, s)],
  ]);
}

async function endpoint(a: Args, s: Session): Promise<number> {
  const mptcp = s.handle.mptcp;
  const cmd = a.next();
  if (cmd === undefined) return show(new Args([]), s);
  if (matches(cmd, 'add')) {
    const p = parseOpt(a, 'add');
    const words = p.words.filter((w): w is 'signal' | 'subflow' | 'backup' | 'fullmesh' => w !== 'nobackup' && w !== 'nofullmesh');
    await mptcp.addEndpoint({ address: p.address!, ...(p.id !== undefined ? { id: p.id } : {}), ...(p.dev !== undefined ? { dev: p.dev } : {}), port: p.port, flags: words });
    return EXIT.OK;
  }
  if (matches(cmd, 'change')) {
    const p = parseOpt(a, 'change');
    const ref: MptcpEndpointRef = { ...(p.id !== undefined ? { id: p.id } : {}), ...(p.address !== undefined ? { address: p.address } : {}), port: p.port };
    const words = (['backup', 'fullmesh'] as const).filter((w) => p.flags & FLAG_BITS[w]!);
    await mptcp.setEndpointFlags(ref, words);
    return EXIT.OK;
  }
  if (matches(cmd, 'delete')) {
    const p = parseOpt(a, 'delete');
    await mptcp.deleteEndpoint(p.address === undefined ? p.id! : { id: p.id!, address: p.address });
    return EXIT.OK;
  }
  if (matches(cmd, 'show')) return show(a, s);
  if (matches(cmd, 'flush')) {
    await mptcp.flushEndpoints();
    return EXIT.OK;
  }
  throw new CliError(`Command "${cmd}" is unknown, try "tsip mptcp help".`, EXIT.INVARG);
}

async function show(a: Args, s: Session): Promise<number> {
  let list: MptcpEndpoint[];
  if (a.done) list = await s.handle.mptcp.endpoints();
  else {
    const p = parseOpt(a, 'show');
    if (p.id === undefined) throw new CliError('Error: argument "ID" is required', EXIT.INVARG);
    list = [await s.handle.mptcp.endpoint(p.id)];
  }
  if (s.opts.json) s.printJSON(list.map(endpointJSON));
  else s.printText(list.map(endpointText).join(''));
  return EXIT.OK;
}

async function limits(a: Args, s: Session): Promise<number> {
  const cmd = a.next();
  if (cmd === undefined || matches(cmd, 'show')) {
    const l = await s.handle.mptcp.limits();
    if (s.opts.json) s.printJSON(limitsJSON(l));
    else s.printText(limitsText(l));
    return EXIT.OK;
  }
  if (matches(cmd, 'set')) {
    const set: { subflows?: number; addAddrAccepted?: number } = {};
    while (!a.done) {
      const t = a.next()!;
      if (matches(t, 'subflows')) {
        const v = a.value(t);
        const n = cUnsigned(v, 0xffffffff);
        if (n === undefined) throw invarg('invalid subflows\n', v);
        set.subflows = n;
      } else if (matches(t, 'add_addr_accepted')) {
        const v = a.value(t);
        const n = cUnsigned(v, 0xffffffff);
        if (n === undefined) throw invarg('invalid add_addr_accepted\n', v);
        set.addAddrAccepted = n;
      } else throw invarg('unknown limit', t);
    }
    await s.handle.mptcp.setLimits(set);
    return EXIT.OK;
  }
  throw new CliError(`Command "${cmd}" is unknown, try "tsip mptcp help".`, EXIT.INVARG);
}

/** `ip mptcp monitor`: a line per event on the `mptcp_pm_events` group, until interrupted. */
async function monitor(a: Args, s: Session): Promise<number> {
  if (!a.done) throw new CliError(`Command "${a.next()}" is unknown, try "tsip mptcp help".`, EXIT.INVARG);
  return printGenericEvents(s, MPTCP_PM_NAME, [MPTCP_PM_EV_GRP_NAME], eventText);
}
