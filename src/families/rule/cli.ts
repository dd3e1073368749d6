/**
 * `tsip rule`: show, add, del, flush, with iproute2's grammar and output.
 */
import type { Message } from '../../netlink/message.js';
import type { JsonObject } from '../../format/printer.js';
import type { FormatContext } from '../../format/context.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { parseCidr } from '../../api/validate.js';
import { Args, dispatch, ifnameArg, matches, uintArg } from '../../cli/args.js';
import { CliError, EXIT } from '../../cli/errors.js';
import type { Session } from '../../cli/session.js';
import { RULE_TABLES, type RuleOptions } from './api.js';
import { ruleJSON, ruleText } from './format.js';
import { ipprotoValue } from './names.js';
import { protocolValue } from '../route/names.js';
import { writeOut } from '../../cli/out.js';

export const RULE_USAGE = `Usage: tsip rule { add | del } SELECTOR ACTION
       tsip rule { flush | list | show } [ SELECTOR ]
SELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ]
            [ fwmark FWMARK[/MASK] ] [ iif STRING ] [ oif STRING ] [ pref NUMBER ]
            [ uidrange NUMBER-NUMBER ] [ ipproto PROTOCOL ]
            [ sport [ NUMBER | NUMBER-NUMBER ] ] [ dport [ NUMBER | NUMBER-NUMBER ] ]
ACTION := [ table TABLE_ID ] [ protocol PROTO ] [ goto NUMBER ] [ nop ]
          [ blackhole | unreachable | prohibit ] SUPPRESSOR
SUPPRESSOR := [ suppress_prefixlength NUMBER ] [ suppress_ifgroup NUMBER ]
TABLE_ID := [ local | main | default | NUMBER ]
`;

export async function run(argv: string[], s: Session): Promise<number> {
  return dispatch(argv, 'rule', RULE_USAGE, [
    [['show', 'list', 'lst'], (a) => show(a, s)],
    [['add'], (a) => change(true, a, s)],
    [['delete'], (a) => change(false, a, s)],
    [['flush'], async () => {
      await s.handle.rules.flush({ family: s.opts.family });
      return EXIT.OK;
    }],
  ]);
}

function tableArg(v: string): RuleOptions['table'] {
  if (v === 'main' || v === 'local' || v === 'default') return v;
  return uintArg(v, 'table', 0xffffffff, 'invalid table ID');
}

function portArg(v: string, what: string): RuleOptions['sport'] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(v);
  if (m === null || Number(m[1]) > 0xffff || (m[2] !== undefined && Number(m[2]) > 0xffff)) throw new CliError(`Error: argument "${v}" is wrong: invalid ${what}`, EXIT.INVARG);
  return m[2] === undefined ? Number(m[1]) : [Number(m[1]), Number(m[2])];
}

function prefixArg(v: string, family: 4 | 6 | undefined): string {
  if (v === 'all') return v;
  try {
    const c = parseCidr(v);
    if (family !== undefined && c.family !== family) throw new CliError(`Error: ${family === 6 ? 'inet6' : 'inet'} prefix is expected rather than "${v}".`);
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new CliError(`Error: ${family === undefined ? 'any valid' : family === 6 ? 'inet6' : 'inet'} prefix is expected rather than "${v}".`);
    throw e;
  }
  return v;
}

/** Parses SELECTOR ACTION into rule options. */
function parse(a: Args, s: Session): RuleOptions {
  const r: RuleOptions = {};
  if (s.opts.family !== undefined) r.family = s.opts.family;
  while (!a.done) {
    const t = a.next()!;
    if (t === 'not') r.not = true;
    else if (t === 'from') r.from = prefixArg(a.value(t), r.family);
    else if (t === 'to') r.to = prefixArg(a.value(t), r.family);
    else if (t === 'preference' || t === 'order' || matches(t, 'priority') || t === 'pref') r.priority = uintArg(a.value(t), 'preference');
    else if (t === 'tos' || t === 'dsfield') r.tos = uintArg(a.value(t), 'TOS', 255, 'TOS value is invalid');
    else if (t === 'fwmark') {
      const v = a.value(t);
      const [mark, mask] = v.split('/');
      r.fwmark = uintArg(mark!, 'fwmark', 0xffffffff, 'fwmark value is invalid');
      if (mask !== undefined) r.fwmask = uintArg(mask, 'fwmask', 0xffffffff, 'fwmask value is invalid');
    } else if (t === 'dev' || t === 'iif') r.iif = ifnameArg(a.value(t), 'iif');
    else if (t === 'oif') r.oif = ifnameArg(a.value(t), 'oif');
    else if (t === 'uidrange') {
      const m = /^(\d+)-(\d+)$/.exec(a.value(t));
      if (m === null) throw new CliError('Error: argument "uidrange" is wrong: invalid UID range', EXIT.INVARG);
      r.uidrange = [Number(m[1]), Number(m[2])];
    } else if (t === 'ipproto') {
      const v = a.value(t);
      const p = ipprotoValue(v);
      if (p === undefined) throw new CliError(`Error: argument "${v}" is wrong: Invalid "ipproto" value`, EXIT.INVARG);
      r.ipproto = p;
    } else if (t === 'sport') r.sport = portArg(a.value(t), 'sport');
    else if (t === 'dport') r.dport = portArg(a.value(t), 'dport');
    else if (t === 'table' || t === 'lookup') r.table = tableArg(a.value(t));
    else if (t === 'suppress_prefixlength' || t === 'sup_pl') r.suppressPrefixlength = uintArg(a.value(t), 'suppress_prefixlength', 128);
    else if (t === 'suppress_ifgroup' || t === 'sup_group') r.suppressIfgroup = uintArg(a.value(t), 'suppress_ifgroup');
    else if (t === 'goto') r.goto = uintArg(a.value(t), 'goto');
    else if (t === 'nop' || t === 'blackhole' || t === 'unreachable' || t === 'prohibit') r.action = t;
    else if (matches(t, 'protocol')) {
      const v = a.value(t);
      const p = protocolValue(v);
      if (p === undefined) throw new CliError(`Error: argument "${v}" is wrong: invalid protocol`, EXIT.INVARG);
      r.protocol = p;
    }
    else if (matches(t, 'help')) {
      writeOut(RULE_USAGE);
      throw new CliError('', EXIT.INVARG);
    } else throw new CliError(`Error: argument "${t}" is wrong: Failed to parse rule type`, EXIT.INVARG);
  }
  return r;
}

async function change(add: boolean, a: Args, s: Session): Promise<number> {
  const r = parse(a, s);
  if (add) await s.handle.rules.add(r);
  else await s.handle.rules.delete(r);
  return EXIT.OK;
}

async function show(a: Args, s: Session): Promise<number> {
  const f = parse(a, s);
  const rules = (await s.handle.rules.list({ family: s.opts.family ?? (f.from?.includes(':') || f.to?.includes(':') ? 6 : 4) })).filter(
    (r) =>
      (f.priority === undefined || r.priority === f.priority) &&
      (f.table === undefined || r.table === (typeof f.table === 'number' ? f.table : RULE_TABLES[f.table])) &&
      (f.iif === undefined || r.iif === f.iif) &&
      (f.oif === undefined || r.oif === f.oif) &&
      (f.not === undefined || r.not),
  );
  const opts = { details: s.opts.details };
  if (s.opts.json) s.printJSON(rules.map((r) => ruleJSON(r.message, opts)));
  else s.printLines(rules.flatMap((r) => ruleText(r.message, opts)));
  return EXIT.OK;
}

/** A rule event as `ip monitor rule` prints it (the formatter prints `Deleted ` itself). */
export function monitorLines(ev: { action: 'new' | 'del'; message: Message }, _ctx: FormatContext): { text: string[]; json: JsonObject } {
  return { text: ruleText(ev.message), json: ruleJSON(ev.message) };
}
