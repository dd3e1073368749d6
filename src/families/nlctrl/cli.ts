/**
 * `tsip genl ctrl list | get name NAME | get id ID | policy name NAME |
 * policy id ID | monitor | help`, with iproute2's `genl ctrl` grammar, words, output
 * and exit codes (255 for every failure, as genl returns -1).
 */
import { cUnsigned, matches } from '../../cli/args.js';
import { CliError, EXIT } from '../../cli/errors.js';
import type { Session } from '../../cli/session.js';
import { KernelError } from '../../transport/errors.js';
import { GenlFamilyNotFoundError } from '../../transport/genl-client.js';
import type { Message } from '../../netlink/message.js';
import { ctrlText } from './format.js';
import { printGenericEvents } from '../../cli/genl-events.js';

export const CTRL_USAGE =
  'Usage: ctrl <CMD>\n' +
  'CMD   := get <PARMS> | list | monitor | policy <PARMS>\n' +
  'PARMS := name <name> | id <id>\n' +
  'Examples:\n' +
  '\tctrl ls\n' +
  '\tctrl monitor\n' +
  '\tctrl get name foobar\n' +
  '\tctrl get id 0xF\n' +
  '\tctrl policy name foobar\n' +
  '\tctrl policy id 0xF\n';

const GENL_USAGE = 'Usage: tsip genl OBJECT [help] }\nwhere  OBJECT := { ctrl }\n';

export async function run(argv: string[], s: Session): Promise<number> {
  const object = argv[0];
  if (object === undefined || matches(object, 'help')) {
    process.stderr.write(GENL_USAGE);
    return EXIT.INVARG;
  }
  if (object !== 'ctrl' && object !== 'nlctrl') throw new CliError(`bad genl ${object}`, EXIT.INVARG);
  const cmd = argv[1];
  if (cmd === undefined) throw new CliError('wrong controller params', EXIT.INVARG);
  const rest = argv.slice(2);
  if (matches(cmd, 'get')) return print(s, await ask(rest, (w) => s.handle.genl.family(w).then((f) => [f.message])));
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return print(s, (await s.handle.genl.families()).map((f) => f.message));
  if (matches(cmd, 'policy')) return print(s, await ask(rest, (w) => s.handle.genl.policies(w).then((p) => p.messages)));
  if (matches(cmd, 'monitor')) return monitor(s);
  if (matches(cmd, 'help')) {
    process.stderr.write(CTRL_USAGE);
    return EXIT.INVARG;
  }
  throw new CliError(`ctrl command "${cmd}" is unknown, try "ctrl help".`, EXIT.INVARG);
}

/** `genl ctrl monitor`: the controller's announcements (families and groups coming and going), as genl prints them, until interrupted. */
async function monitor(s: Session): Promise<number> {
  return printGenericEvents(s, 'nlctrl', undefined, ctrlText);
}

function print(s: Session, msgs: readonly Message[]): number {
  s.printText(msgs.map(ctrlText).join(''));
  return EXIT.OK;
}

/** `name NAME | id ID` (ID as strtoul with base 0 reads it), then the question; genl's words when either fails. */
async function ask(args: string[], q: (which: string | { id: number }) => Promise<Message[]>): Promise<Message[]> {
  if (args.length !== 2) throw new CliError('Wrong number of params', EXIT.INVARG);
  let which: string | { id: number };
  if (matches(args[0], 'name')) which = args[1]!.slice(0, 15);
  else if (matches(args[0], 'id')) {
    const id = cUnsigned(args[1]!, 0xffff);
    if (id === undefined) throw new CliError('Illegal "id"', EXIT.INVARG);
    which = { id };
  } else throw new CliError('Wrong params', EXIT.INVARG);
  try {
    return await q(which);
  } catch (e) {
    const k = e instanceof GenlFamilyNotFoundError ? e.cause : e instanceof KernelError ? e : undefined;
    if (k !== undefined) throw new CliError(`${k.message}\nError talking to the kernel`, EXIT.INVARG);
    throw e;
  }
}
