/**
 * `tsip stats`: show and set, with iproute2 6.1's grammar, words and exit
 * codes (`ip stats`, ip/ipstats.c). The statistics form a tree of group,
 * subgroup and suite; each `group`, `subgroup` or `suite` word refines
 * the path being built, and a new path at the same or a higher level
 * selects the one built so far. Nothing selected: every statistic.
 */
import { duplicateOrGarbage, ifnameArg } from '../../cli/args.js';
import { CliError, EXIT } from '../../cli/errors.js';
import type { Session } from '../../cli/session.js';
import type { FormatContext } from '../../format/context.js';
import { OFFLOAD_STATS, STATS_GROUPS, type OffloadStats, type StatsFilter, type StatsGroup } from './api.js';
import { selectionOfLeaves, statsJSON, statsText, STATS_LEAVES, STATS_LEVELS, type StatsLeaf } from './format.js';
import type { LinkStats } from './view.js';

/** ip returns -EINVAL from `ip stats` for a bad selection or word: exit status 22. */
const EXIT_EINVAL = 22;

/** A node of ip's statistics tree: a group of nodes, or a statistic. */
interface Node {
  readonly name: string;
  readonly leaf?: StatsLeaf;
  readonly subs?: readonly Node[];
}

function leaf(...path: string[]): Node {
  const l = STATS_LEAVES.find((x) => x.path.join('/') === path.join('/'));
  if (l === undefined) throw new Error(`no statistic ${path.join('/')}`);
  return { name: path[path.length - 1]!, leaf: l };
}

function xstatsNode(group: string): Node {
  return {
    name: group,
    subs: [
      { name: 'bridge', subs: [leaf(group, 'bridge', 'stp'), leaf(group, 'bridge', 'mcast')] },
      { name: 'bond', subs: [leaf(group, 'bond', '802.3ad')] },
    ],
  };
}

/** The tree, in the order of ip's help. */
const TOP: Node = {
  name: 'top-level',
  subs: [
    leaf('link'),
    xstatsNode('xstats'),
    xstatsNode('xstats_slave'),
    { name: 'offload', subs: [leaf('offload', 'cpu_hit'), leaf('offload', 'hw_stats_info'), leaf('offload', 'l3_stats')] },
    { name: 'afstats', subs: [leaf('afstats', 'mpls')] },
  ],
};

/** ip's do_help, naming tsip. */
export function statsUsage(): string {
  const groups = TOP.subs!;
  let s = `Usage: tsip stats help
       tsip stats show [ dev DEV ] [ group GROUP [ subgroup SUBGROUP [ suite SUITE ] ... ] ... ] ...
       tsip stats set dev DEV l3_stats { on | off }
GROUP := { ${groups.map((g) => g.name).join(' | ')} }
`;
  for (const g of groups) {
    if (g.subs === undefined) continue;
    const parts = g.subs.map((sub) => sub.name + (sub.subs ?? []).map((x) => ` [ suite ${x.name} ]`).join(''));
    s += `${g.name} SUBGROUP := { ${parts.join(' | ')} }\n`;
  }
  return s;
}

/** ip's refusal of a word or selection: its message on stderr, exit 22. */
class SelectionError extends CliError {
  constructor(message: string) {
    super(message, EXIT_EINVAL);
  }
}

/** `What is "X"?` and the usage, exit 22. */
function whatIs(word: string): number {
  process.stderr.write(`What is "${word}"?\n${statsUsage()}`);
  return EXIT_EINVAL;
}

/** The next argument (ip's NEXT_ARG). */
function nextArg(argv: readonly string[], i: number): string {
  const v = argv[i];
  if (v === undefined) throw new CliError('Command line is not complete. Try option "help"', EXIT.INVARG);
  return v;
}

/**
 * The statistics a command line selects, built word by word as ip's
 * ipstats_select does: `word(level, name)` for each `group`, `subgroup`
 * or `suite`, then `finish()`. Errors are ip's (exit 22).
 */
export class Selector {
  private readonly sel: (string | undefined)[] = [undefined, undefined, undefined];
  private readonly enabled = new Set<StatsLeaf>();

  /** The statistics under the node the current path names (ip's ipstats_enable). */
  private enable(): void {
    const sel = this.sel;
    let node = TOP;
    for (let i = 0; i < STATS_LEVELS.length; i++) {
      const name = sel[i];
      if (name === undefined) break;
      if (node.subs === undefined) throw new SelectionError(`Error: ${STATS_LEVELS[i]} ${name} requested inside leaf ${STATS_LEVELS[i - 1]} ${node.name}`);
      const next = node.subs.find((n) => n.name === name);
      if (next === undefined) throw new SelectionError(`Error: no ${STATS_LEVELS[i]} named ${name} found inside ${node.name}`);
      node = next;
    }
    const found: StatsLeaf[] = [];
    const walk = (n: Node): void => {
      if (n.leaf) found.push(n.leaf);
      for (const s of n.subs ?? []) walk(s);
    };
    walk(node);
    if (found.length === 0) {
      const path = STATS_LEVELS.flatMap((l, i) => (sel[i] === undefined ? [] : [` ${l} ${sel[i]}`])).join('');
      throw new SelectionError(`The request for${path} did not match any known stats.`);
    }
    for (const l of found) this.enabled.add(l);
  }

  /** A `group` (0), `subgroup` (1) or `suite` (2) word with its value: a path at the same or a higher level first selects the one built so far. */
  word(level: number, value: string): void {
    const sel = this.sel;
    for (let i = 0; i < level; i++) {
      if (sel[i] === undefined) throw new SelectionError(`Error: ${STATS_LEVELS[level]} ${value} requested without selecting a ${STATS_LEVELS[i]} first`);
    }
    for (let i = level; i < STATS_LEVELS.length; i++) {
      if (sel[i] !== undefined) {
        this.enable();
        break;
      }
    }
    sel[level] = value;
    for (let i = level + 1; i < STATS_LEVELS.length; i++) sel[i] = undefined;
  }

  /** Selects the path built last (none: every statistic) and returns all selected, in ip's print order. */
  finish(): StatsLeaf[] {
    this.enable();
    return STATS_LEAVES.filter((l) => this.enabled.has(l));
  }
}

/** The statistics `group G [ subgroup S [ suite X ] ]...` words select (`dev` and other words not allowed). */
export function selectLeaves(words: readonly string[]): StatsLeaf[] {
  const s = new Selector();
  for (let i = 0; i < words.length; i += 2) {
    const level = (STATS_LEVELS as readonly string[]).indexOf(words[i]!);
    if (level < 0) throw new SelectionError(`What is "${words[i]}"?`);
    s.word(level, nextArg(words, i + 1));
  }
  return s.finish();
}

export async function run(argv: string[], s: Session): Promise<number> {
  const [cmd, ...rest] = argv;
  // Words are compared whole, as ip compares them here (no abbreviations).
  if (cmd === undefined) return show([], s, s.opts.stats);
  if (cmd === 'help') return help();
  if (cmd === 'show') return show(rest, s, s.opts.stats + (s.opts.details ? 1 : 0) + 1);
  if (cmd === 'set') return set(rest, s);
  throw new CliError(`Command "${cmd}" is unknown, try "tsip stats help".`, EXIT.USAGE);
}

function help(): number {
  process.stderr.write(statsUsage());
  return EXIT.OK;
}

/** `show [ dev DEV ] [ group G [ subgroup S [ suite X ] ] ]...`; `level` is ip's show_stats. */
async function show(argv: readonly string[], s: Session, level: number): Promise<number> {
  const selector = new Selector();
  let dev: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i]!;
    if (t === 'dev') {
      const v = nextArg(argv, ++i);
      if (dev !== undefined) throw duplicateOrGarbage('dev', v);
      dev = ifnameArg(v);
    } else if (t === 'help') {
      return help();
    } else {
      const depth = (STATS_LEVELS as readonly string[]).indexOf(t);
      if (depth < 0) return whatIs(t);
      selector.word(depth, nextArg(argv, ++i));
    }
  }
  const leaves = selector.finish();
  const { filterMask, offloadMask } = selectionOfLeaves(leaves);
  const views = await s.handle.stats.list({ dev, ...selectionFilter(filterMask, offloadMask) });
  const ctx = contextOf(views);
  if (s.opts.json) s.printJSON(views.flatMap((v) => statsJSON(v.message, ctx, leaves, level)));
  // A dump ends each link's records with an empty line; the answer for one link does not.
  else s.printText(views.map((v) => statsText(v.message, ctx, leaves, level) + (dev === undefined ? '\n' : '')).join(''));
  return EXIT.OK;
}

/** The facet's filter for a filter_mask and offload sub-groups, in its words. */
function selectionFilter(filterMask: number, offloadMask: number): StatsFilter {
  const groups = (Object.entries(STATS_GROUPS) as [StatsGroup, number][]).filter(([, b]) => filterMask & b).map(([g]) => g);
  if (!(filterMask & STATS_GROUPS.offload)) return { groups };
  const offload = (Object.entries(OFFLOAD_STATS) as [OffloadStats, number][]).filter(([, b]) => offloadMask & b).map(([g]) => g);
  return { groups, offload };
}

/** Names of the links the views name. */
function contextOf(views: readonly LinkStats[]): FormatContext {
  const names = new Map(views.map((v) => [v.ifindex, v.dev]));
  return { nameOf: (i) => names.get(i) };
}

/** `set dev DEV l3_stats { on | off }`. */
async function set(argv: readonly string[], s: Session): Promise<number> {
  let dev: string | undefined;
  let l3: boolean | undefined;
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i]!;
    if (t === 'dev') {
      const v = nextArg(argv, ++i);
      if (dev !== undefined) throw duplicateOrGarbage('dev', v);
      dev = ifnameArg(v);
    } else if (t === 'l3_stats') {
      const v = nextArg(argv, ++i);
      if (l3 !== undefined) throw new SelectionError('A statistics suite to toggle was already given.');
      l3 = onOff('l3_stats', v);
    } else if (t === 'help') {
      return help();
    } else {
      return whatIs(t);
    }
  }
  if (dev === undefined) throw new CliError('Not enough information: "dev" argument is required.', EXIT.INVARG);
  if (l3 === undefined) throw new CliError('Not enough information: stat type to toggle is required.', EXIT.INVARG);
  await s.handle.stats.setL3Stats(dev, l3);
  return EXIT.OK;
}

/** ip's parse_on_off: a prefix of `off` or `on` (`o` is off). */
function onOff(keyword: string, v: string): boolean {
  const words = ['off', 'on'];
  const i = v === '' ? -1 : words.findIndex((w) => w.startsWith(v));
  if (i < 0) throw new SelectionError(`Error: argument of "${keyword}" must be one of ${words.map((w) => `"${w}", `).join('')}not "${v}"`);
  return i === 1;
}
