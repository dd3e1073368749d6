/**
 * `tsip nexthop`: show, get, add, replace, del, flush and bucket, with
 * iproute2's grammar and output.
 */
import type { Message } from '../../netlink/message.js';
import type { JsonObject } from '../../format/printer.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { parseAddress } from '../../api/validate.js';
import { Args, dispatch, ifnameArg, matches, uintArg } from '../../cli/args.js';
import { CliError, EXIT } from '../../cli/errors.js';
import type { Session } from '../../cli/session.js';
import { linkContext, type FormatContext } from '../../format/context.js';
import { protocolValue } from '../route/names.js';
import type { NexthopFilter, NexthopOptions } from './api.js';
import { bucketJSON, bucketText, nexthopJSON, nexthopText } from './format.js';

export const NEXTHOP_USAGE = `Usage: tsip nexthop { list | flush } [ protocol ID ] SELECTOR
       tsip nexthop { add | replace } id ID NH [ protocol ID ]
       tsip nexthop { get | del } id ID
       tsip nexthop bucket list BUCKET_SELECTOR
SELECTOR := [ id ID ] [ dev DEV ] [ master DEV ] [ groups ] [ fdb ]
BUCKET_SELECTOR := SELECTOR | [ nhid ID ]
NH := { blackhole | [ via ADDRESS ] [ dev DEV ] [ onlink ] |
        group GROUP [ fdb ] [ type TYPE [ TYPE_ARGS ] ] }
GROUP := [ <id[,weight]>/<id[,weight]>/... ]
TYPE := { mpath | resilient }
TYPE_ARGS := [ RESILIENT_ARGS ]
RESILIENT_ARGS := [ buckets BUCKETS ] [ idle_timer IDLE ]
                  [ unbalanced_timer UNBALANCED ]
`;

export async function run(argv: string[], s: Session): Promise<number> {
  return dispatch(argv, 'nexthop', NEXTHOP_USAGE, [
    [['list', 'show', 'lst'], (a) => show(a, s, false)],
    [['add'], (a) => change('add', a, s)],
    [['replace'], (a) => change('replace', a, s)],
    [['delete'], (a) => remove(a, s)],
    [['get'], (a) => get(a, s)],
    [['flush'], (a) => show(a, s, true)],
    [['bucket'], (a) => bucket(a, s)],
  ]);
}

/** ip's `invarg`: `Error: argument "X" is wrong: WHY`, exit 255. */
function invarg(why: string, v: string): CliError {
  return new CliError(`Error: argument "${v}" is wrong: ${why}`, EXIT.INVARG);
}

function idArg(v: string): number {
  return uintArg(v, 'id', 0xffffffff, 'invalid id value');
}

function usage(): CliError {
  process.stderr.write(NEXTHOP_USAGE);
  return new CliError('', EXIT.INVARG);
}

/** The links, dumped once per command (ip's link map): for the names given and the names printed. */
const linkDumps = new WeakMap<Session, ReturnType<Session['handle']['links']['list']>>();
function linksOf(s: Session): ReturnType<Session['handle']['links']['list']> {
  let p = linkDumps.get(s);
  if (p === undefined) linkDumps.set(s, (p = s.handle.links.list()));
  return p;
}

/** Resolves a link name as ip does before sending: a missing one is its argument error. */
async function devIndex(s: Session, name: string): Promise<string> {
  const dev = ifnameArg(name);
  if (!(await linksOf(s)).some((l) => l.name === dev)) throw invarg('Device does not exist\n', name);
  return dev;
}

async function printNexthops(s: Session, msgs: readonly Message[]): Promise<void> {
  const links = await linksOf(s);
  const ctx = linkContext(links.map((l) => l.message));
  const opts = { details: s.opts.details };
  if (s.opts.json) s.printJSON(msgs.map((m) => nexthopJSON(m, ctx, opts)));
  else s.printLines(msgs.flatMap((m) => nexthopText(m, ctx, opts)));
}

async function show(a: Args, s: Session, flush: boolean): Promise<number> {
  const f: NexthopFilter = {};
  if (s.opts.family !== undefined) f.family = s.opts.family;
  const all = a.done;
  while (!a.done) {
    const t = a.next()!;
    if (matches(t, 'dev')) f.dev = await devIndex(s, a.value(t));
    else if (matches(t, 'groups')) f.groups = true;
    else if (matches(t, 'master')) f.master = await devIndex(s, a.value(t));
    else if (t === 'id') {
      const id = idArg(a.value(t));
      if (!flush) return printOne(s, id);
      await s.handle.nexthops.delete(id);
      return EXIT.OK;
    } else if (matches(t, 'protocol')) f.protocol = uintArg(a.value(t), 'protocol', 0xffffffff, 'invalid protocol value');
    else if (matches(t, 'fdb')) f.fdb = true;
    else if (matches(t, 'help')) throw usage();
    else throw invarg('', t);
  }
  if (flush) {
    const n = await s.handle.nexthops.flush(all ? { family: f.family } : f);
    s.printLines([n === 0 ? 'Nothing to flush' : `Flushed ${n} nexthops`]);
    return EXIT.OK;
  }
  await printNexthops(s, (await s.handle.nexthops.list(f)).map((n) => n.message));
  return EXIT.OK;
}

async function printOne(s: Session, id: number): Promise<number> {
  const n = await s.handle.nexthops.get(id);
  await printNexthops(s, [n.message]);
  return EXIT.OK;
}

async function get(a: Args, s: Session): Promise<number> {
  let id = 0;
  while (!a.done) {
    const t = a.next()!;
    if (t === 'id') id = idArg(a.value(t));
    else throw usage();
  }
  if (!id) throw usage();
  return printOne(s, id);
}

/** `del id ID` (ip reads the rest as `add` does, and sends only what it finds). */
async function remove(a: Args, s: Session): Promise<number> {
  const o = await parseNexthop(a, s);
  if (o.id === undefined) throw new CliError('Error: Nexthop id can not be 0.', EXIT.KERNEL);
  await s.handle.nexthops.delete(o.id);
  return EXIT.OK;
}

async function change(op: 'add' | 'replace', a: Args, s: Session): Promise<number> {
  const o = await parseNexthop(a, s);
  if (op === 'add') await s.handle.nexthops.add(o);
  else await s.handle.nexthops.replace(o);
  return EXIT.OK;
}

/** `ID[,WEIGHT]/ID[,WEIGHT]...`. */
function groupArg(v: string): NonNullable<NexthopOptions['group']> {
  if (v === '') throw invarg('"group" value is invalid\n', v);
  return v.split('/').map((part) => {
    const [id, weight] = part.split(',');
    if (!/^(0x[0-9a-f]+|\d+)$/i.test(id!)) throw invarg('"group" value is invalid\n', v);
    if (weight === undefined) return { id: Number(id) };
    if (!/^\d+$/.test(weight) || Number(weight) === 0 || Number(weight) > 256) throw invarg('"weight" is invalid\n', weight);
    return { id: Number(id), weight: Number(weight) };
  });
}

async function parseNexthop(a: Args, s: Session): Promise<NexthopOptions> {
  const o: NexthopOptions = {};
  while (!a.done) {
    const t = a.next()!;
    if (t === 'id') {
      const id = idArg(a.value(t));
      if (id !== 0) o.id = id;
    } else if (t === 'dev') o.dev = await devIndex(s, a.value(t));
    else if (t === 'via') {
      const v = a.value(t);
      try {
        const addr = parseAddress(v);
        if (s.opts.family !== undefined && addr.family !== s.opts.family) throw invarg('address family mismatch\n', v);
      } catch (e) {
        if (e instanceof InvalidArgumentError) throw new CliError(`Error: ${s.opts.family === 6 ? 'inet6' : s.opts.family === 4 ? 'inet' : 'any valid'} address is expected rather than "${v}".`);
        throw e;
      }
      o.via = v;
    } else if (t === 'blackhole') o.blackhole = true;
    else if (t === 'fdb') o.fdb = true;
    else if (t === 'onlink') o.onlink = true;
    else if (t === 'group') o.group = groupArg(a.value(t));
    else if (t === 'type') {
      const v = a.value(t);
      if (v !== 'mpath' && v !== 'resilient') throw invarg('"type" value is invalid\n', v);
      o.type = v;
      if (v === 'resilient') {
        for (;;) {
          const k = a.peek();
          if (k === 'buckets') o.buckets = uintArg((a.next(), a.value(k)), 'buckets', 0xffff, 'invalid buckets value');
          else if (k === 'idle_timer') o.idleTimer = uintArg((a.next(), a.value(k)), 'idle_timer', Math.floor(0xffffffff / 100) - 1, 'invalid idle timer value');
          else if (k === 'unbalanced_timer') o.unbalancedTimer = uintArg((a.next(), a.value(k)), 'unbalanced_timer', Math.floor(0xffffffff / 100) - 1, 'invalid unbalanced timer value');
          else break;
        }
      }
    } else if (matches(t, 'protocol')) {
      const v = a.value(t);
      const p = protocolValue(v);
      if (p === undefined) throw invarg('"protocol" value is invalid\n', v);
      o.protocol = p;
    } else if (t === 'help') throw usage();
    else throw invarg('', t);
  }
  return o;
}

async function bucket(a: Args, s: Session): Promise<number> {
  const cmd = a.next();
  if (cmd !== undefined && !matches(cmd, 'list') && !matches(cmd, 'show') && !matches(cmd, 'lst')) {
    if (matches(cmd, 'help')) throw usage();
    throw new CliError(`Command "${cmd}" is unknown, try "tsip nexthop help".`, EXIT.INVARG);
  }
  const f: NexthopFilter & { id?: number; nhid?: number } = {};
  if (s.opts.family !== undefined) f.family = s.opts.family;
  while (!a.done) {
    const t = a.next()!;
    if (matches(t, 'dev')) f.dev = await devIndex(s, a.value(t));
    else if (matches(t, 'master')) f.master = await devIndex(s, a.value(t));
    else if (t === 'id') f.id = idArg(a.value(t));
    else if (t === 'nhid') f.nhid = idArg(a.value(t));
    else if (matches(t, 'help')) throw usage();
    else throw invarg('', t);
  }
  const buckets = await s.handle.nexthops.buckets(f);
  if (s.opts.json) s.printJSON(buckets.map((b) => bucketJSON(b.message)));
  else s.printLines(buckets.flatMap((b) => bucketText(b.message)));
  return EXIT.OK;
}

/** A next hop event as `ip monitor nexthop` prints it (the formatter prints `Deleted ` itself). */
export function monitorLines(ev: { action: 'new' | 'del'; message: Message }, ctx: FormatContext): { text: string[]; json: JsonObject } {
  return { text: nexthopText(ev.message, ctx), json: nexthopJSON(ev.message, ctx) };
}
