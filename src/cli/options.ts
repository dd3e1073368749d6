/** Global options of `tsip`, parsed before OBJECT COMMAND. */
import { CliError, EXIT } from './errors.js';

export interface GlobalOptions {
  json: boolean;
  pretty: boolean;
  details: boolean;
  netns?: string;
  /** `-x`: one line per message sent and received (1); `-xx` or `-x -x`: every row, every byte (2). */
  explain: false | 1 | 2;
  pcap?: string;
  batch?: string;
  force: boolean;
  /** `-4` / `-6`: one address family (4 or 6). */
  family?: 4 | 6;
  /** `-s`, given this many times (`-s -s`: more statistics). */
  stats: number;
  /** `-br`: one short line per object (`ip -brief`). */
  brief: boolean;
  /** `-o`: each record on one line, its line breaks written as a backslash (`ip -oneline`). */
  oneline: boolean;
}

/** True when `a` is a prefix (two characters at least) of option `name`, as iproute2 matches options; `--x` is `-x`. */
function optionIs(a: string, name: string, min = 2): boolean {
  const o = a.startsWith('--') ? a.slice(1) : a;
  return o.length >= min && name.startsWith(o);
}

/** Splits argv into global options and the rest (OBJECT COMMAND ARGS). */
export function parseGlobal(argv: string[]): { opts: GlobalOptions; rest: string[] } {
  const opts: GlobalOptions = { json: false, pretty: false, details: false, explain: false, force: false, stats: 0, brief: false, oneline: false };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-') || a === '-') break;
    const need = () => {
      const v = argv[++i];
      if (v === undefined) throw new CliError(`Option "${a}" requires an argument`, EXIT.INVARG);
      return v;
    };
    switch (a) {
      case '-j':
      case '-json':
      case '--json':
        opts.json = true;
        break;
      case '-p':
      case '-pretty':
      case '--pretty':
        opts.pretty = true;
        break;
      case '-d':
      case '-details':
      case '--details':
        opts.details = true;
        break;
      case '-n':
      case '-netns':
      case '--netns':
        opts.netns = need();
        break;
      case '-x':
      case '--explain':
        opts.explain = opts.explain === false ? 1 : 2;
        break;
      case '-xx':
        opts.explain = 2;
        break;
      case '--pcap':
        opts.pcap = need();
        break;
      case '-b':
      case '-batch':
      case '--batch':
        opts.batch = need();
        break;
      case '-s':
      case '-stats':
      case '-statistics':
        opts.stats++;
        break;
      case '-4':
        opts.family = 4;
        break;
      case '-6':
        opts.family = 6;
        break;
      case '-force':
      case '--force':
        opts.force = true;
        break;
      case '-h':
      case '-help':
      case '--help':
        return { opts, rest: ['help'] };
      default:
        // `-b` is -batch (above); `-br`... -brief.
        if (optionIs(a, '-brief', 3)) {
          opts.brief = true;
          break;
        }
        if (optionIs(a, '-oneline')) {
          opts.oneline = true;
          break;
        }
        // Options after the object belong to the command (decode --json).
        if (i > 0 || !a.startsWith('--')) throw new CliError(`Option "${a}" is unknown, try "tsip -help".`, EXIT.INVARG);
        return { opts, rest: argv.slice(i) };
    }
  }
  return { opts, rest: argv.slice(i) };
}
