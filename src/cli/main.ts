/**
 * `tsip`: entry point. Parses global options, then loads only the module
 * the command needs (start-up time matters for a command line tool).
 */
import { CliError, EXIT } from './errors.js';
import { parseGlobal } from './options.js';

const USAGE = `Usage: tsip [ OPTIONS ] OBJECT { COMMAND | help }
       tsip decode [--json] [HEX | -]
where  OBJECT := { link | address | route | netns | monitor | decode }
       OPTIONS := { -j[son] | -p[retty] | -d[etails] | -n[etns] NAME | -x | --explain |
                    --pcap FILE | -b[atch] FILE | -force }
`;

/** Runs tsip with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const { opts, rest } = parseGlobal(argv);
    const [object, ...args] = rest;
    if (object === undefined || object === 'help') {
      process.stdout.write(USAGE);
      return object === undefined ? EXIT.USAGE : EXIT.OK;
    }
    switch (object) {
      case 'decode':
        return await (await import('./decode.js')).runDecode(args, opts);
      default:
        throw new CliError(`Object "${object}" is unknown, try "tsip help".`);
    }
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(e.message + '\n');
      return e.code;
    }
    process.stderr.write(`tsip: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    return 3;
  }
}
