/**
 * The ethtool generic netlink family:
 * - every capture of `ethtool ...` (fixtures/genl) decodes with every
 *   message and attribute named, re-encodes to the same bytes, explains
 *   with rows that tile each datagram, and holds the values ethtool
 *   printed (the formatters print its stdout byte for byte);
 * - the declarations agree with the kernel's YNL spec facts (6.12, in
 *   fixtures/ynl/ethtool.json) for every set, attribute and message they
 *   share;
 * - against the kernel, in namespaces `tsnl-t-ethtool-<pid>-*` with a veth
 *   pair and a bridge: `handle.ethtool` answers what `ethtool` prints,
 *   changes made by either are seen by the other, refusals are the
 *   kernel's; `tsip ethtool` prints what ethtool prints, stdout, stderr
 *   and exit code alike.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { toHex } from '../../src/bytes/hex.js';
import { genericProtocol } from '../../src/families/registry.js';
import { ethtoolFamily } from '../../src/families/ethtool/family.js';
import { ETH_SS, ETHTOOL_MSG_KERNEL, ETHTOOL_MSG_USER } from '../../src/families/ethtool/constants.js';
import { channelsText, featuresText, settingsText, tsinfoText } from '../../src/families/ethtool/format.js';
import { featuresView, linkModesView, stringsView, tsInfoView } from '../../src/families/ethtool/view.js';
import { bitsOf, compactList, namedBits } from '../../src/families/ethtool/bitset.js';
import { checkTiling, explainDatagram, explainMessages } from '../../src/netlink/explain.js';
import { messageToJSON } from '../../src/netlink/json.js';
import { decodeMessage, decodeMessages, encodeMessage, type Message } from '../../src/netlink/message.js';
import type { AttrSet } from '../../src/schema/attr-set.js';
import type { Kind } from '../../src/schema/kind.js';
import { open, type Handle } from '../../src/index.js';
import { KernelError } from '../../src/transport/errors.js';
import { DeviceNotFoundError } from '../../src/api/errors.js';
import { FIXTURES_DIR, loadFixtures, splitMessages, type Fixture } from '../support/fixtures.js';
import { ip, kernelSkipReason, Namespaces, rootLinkKeys, skipNote } from '../support/kernel.js';
import { tsip } from '../support/oracle.js';

type Decoded = Message & { dir: 'send' | 'recv' };

/** The tool a capture ran (after `ip netns exec NS`). */
const toolOf = (f: Fixture) => (f.command[0] === 'ip' && f.command[1] === 'netns' && f.command[2] === 'exec' ? f.command[4] : f.command[0]);

const captures = loadFixtures('generic').filter((f) => toolOf(f) === 'ethtool');

/** Captures with non-zero padding bytes (see the re-encoding test). */
const dirtyPadding = new Set<string>();

/** A capture decoded with a protocol that learned the family ids from it. */
function decode(f: Fixture): { proto: ReturnType<typeof genericProtocol>; msgs: Decoded[] } {
  const proto = genericProtocol();
  proto.learnFrom(f.datagrams.map((d) => d.bytes));
  return { proto, msgs: f.datagrams.flatMap((d) => decodeMessages(d.bytes, proto).map((m) => ({ ...m, dir: d.dir }))) };
}

/** Paths of whatever the JSON leaves unnamed: message types, commands, raw payloads, unknown attributes. */
function unnamed(f: Fixture): string[] {
  const { proto, msgs } = decode(f);
  const out: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      const unknown = (y: unknown) => y !== null && typeof y === 'object' && 'hex' in y && 'type' in y && /\d$/.test(k);
      if (unknown(x) || (Array.isArray(x) && x.some(unknown))) out.push(`${path} ${k}`);
      else walk(x, `${path} ${k}`);
    }
  };
  msgs.forEach((m, i) => {
    const j = messageToJSON(m, proto);
    const where = `#${i} ${String(j.nlmsg_type)}`;
    if (/^type \d+$/.test(String(j.nlmsg_type))) out.push(where);
    if (j.payload !== undefined) out.push(`${where}: raw payload`);
    const cmd = (j.genlmsghdr as { cmd?: unknown } | undefined)?.cmd;
    if (j.genlmsghdr !== undefined && typeof cmd !== 'string') out.push(`${where}: command ${String(cmd)}`);
    walk(j, where);
  });
  return out;
}

/** The decoded ethtool messages of a capture (not the controller's, not errors), with their command names. */
function ethtoolMessages(f: Fixture): (Decoded & { cmd: string })[] {
  const { proto, msgs } = decode(f);
  const id = proto.idOf('ethtool');
  return msgs.filter((m) => m.type === id).map((m) => ({ ...m, cmd: (messageToJSON(m, proto).genlmsghdr as { cmd: string }).cmd }));
}

function reply(f: Fixture, cmd: string): Decoded {
  const m = ethtoolMessages(f).find((x) => x.cmd === cmd);
  if (m === undefined) throw new Error(`${f.id}: no ${cmd}`);
  return m;
}

const byId = (id: string) => {
  const f = captures.find((x) => x.id === `genl/${id}`);
  if (f === undefined) throw new Error(`no capture genl/${id}`);
  return f;
};

describe('ethtool captures (fixtures/genl)', () => {
  it('has the captures', () => {
    expect(captures.length).toBeGreaterThanOrEqual(15);
    for (const id of ['ethtool-settings', 'ethtool-bridge', 'ethtool-features', 'ethtool-bridge-features', 'ethtool-channels', 'ethtool-tsinfo', 'ethtool-set-features']) expect(() => byId(id)).not.toThrow();
  });

  for (const f of captures) {
    describe(f.id, () => {
      it('decodes with every message and attribute named', () => {
        expect(unnamed(f)).toEqual([]);
        expect(ethtoolMessages(f).length).toBeGreaterThan(0);
      });
      it('re-encodes every message to the same bytes', () => {
        const { proto } = decode(f);
        let n = 0;
        for (const d of f.datagrams) {
          for (const bytes of splitMessages(d.bytes)) {
            // ethtool leaves the alignment padding after the bit names of -K's request
            // uninitialised: those bytes come back too (the bitset keeps them).
            if (explainMessages(bytes, proto).some((r) => r.role === 'pad' && bytes.subarray(r.offset, r.offset + r.length).some((b) => b !== 0))) dirtyPadding.add(f.id);
            expect(toHex(encodeMessage(decodeMessage(bytes, proto), proto))).toBe(toHex(bytes));
            n++;
          }
        }
        expect(n).toBeGreaterThan(0);
      });
      it('explains with rows that tile each datagram', () => {
        const { proto } = decode(f);
        f.datagrams.forEach((d, i) => {
          const { rows, error } = explainDatagram(d.bytes, proto);
          expect(error, `datagram ${i}`).toBeUndefined();
          expect(checkTiling(rows, d.bytes.length), `datagram ${i}`).toBeUndefined();
          expect(explainMessages(d.bytes, proto)).toEqual(rows);
          for (const r of rows) {
            expect(r.length).toBeGreaterThan(0);
            expect(r.name).not.toBe('');
            expect(r.name).not.toMatch(/\(unknown\)$/);
          }
          for (const r of rows.filter((x) => x.role === 'attr' && x.name.startsWith('ETHTOOL_'))) expect(r.length).toBe(4);
        });
      });
    });
  }

  it('ethtool -K leaves its padding dirty (and the bytes still come back)', () => {
    expect([...dirtyPadding]).toEqual(['genl/ethtool-set-features']);
  });

  it('ethtool v0 (veth): the device, speed, duplex, port, link as ethtool printed them', () => {
    const f = byId('ethtool-settings');
    const requests = ethtoolMessages(f).filter((m) => m.dir === 'send');
    expect(requests.map((m) => m.cmd)).toEqual(['ETHTOOL_MSG_LINKMODES_GET', 'ETHTOOL_MSG_LINKINFO_GET', 'ETHTOOL_MSG_WOL_GET', 'ETHTOOL_MSG_DEBUG_GET', 'ETHTOOL_MSG_LINKSTATE_GET']);
    for (const r of requests) expect(r.attrs!.header).toEqual({ devName: 'v0' });
    const modes = reply(f, 'ETHTOOL_MSG_LINKMODES_GET_REPLY').attrs!;
    expect(f.stdout).toContain(`\tSpeed: ${modes.speed}Mb/s\n`);
    expect(modes.speed).toBe(10000);
    expect(modes.duplex).toBe(1);
    expect(f.stdout).toContain('\tDuplex: Full\n');
    expect(messageToJSON(reply(f, 'ETHTOOL_MSG_LINKMODES_GET_REPLY'), decode(f).proto).attributes).toMatchObject({ ETHTOOL_A_LINKMODES_DUPLEX: 'DUPLEX_FULL', ETHTOOL_A_LINKMODES_SPEED: 10000 });
    expect(reply(f, 'ETHTOOL_MSG_LINKSTATE_GET_REPLY').attrs!.link).toBe(0);
    expect(f.stdout).toContain('\tLink detected: no\n');
    const info = reply(f, 'ETHTOOL_MSG_LINKINFO_GET_REPLY').attrs!;
    expect([info.header.devName, info.port, info.transceiver]).toEqual(['v0', 0, 0]);
    // WOL and DEBUG: the veth refuses, ethtool prints nothing of them.
    const errors = decode(f).msgs.filter((m) => m.error !== undefined && m.error !== 0);
    expect(errors.map((m) => m.error)).toEqual([-95, -95]);
  });

  it('prints ethtool DEV byte for byte from the captured replies (veth and bridge)', () => {
    for (const id of ['ethtool-settings', 'ethtool-bridge']) {
      const f = byId(id);
      const get = (cmd: string) => ethtoolMessages(f).find((m) => m.cmd === cmd);
      const text = settingsText(f.command.at(-1)!, {
        linkModes: get('ETHTOOL_MSG_LINKMODES_GET_REPLY'),
        linkInfo: get('ETHTOOL_MSG_LINKINFO_GET_REPLY'),
        wol: get('ETHTOOL_MSG_WOL_GET_REPLY'),
        debug: get('ETHTOOL_MSG_DEBUG_GET_REPLY'),
        linkState: get('ETHTOOL_MSG_LINKSTATE_GET_REPLY'),
      });
      expect(text).toBe(f.stdout);
    }
    const br = linkModesView(reply(byId('ethtool-bridge'), 'ETHTOOL_MSG_LINKMODES_GET_REPLY'));
    expect([br.speed, br.duplex]).toEqual([undefined, 'unknown']);
    expect(byId('ethtool-bridge').stdout).toContain('\tSpeed: Unknown!\n\tDuplex: Unknown! (255)\n');
  });

  it('ethtool -k: the feature bitsets give the lines ethtool printed, named by ETH_SS_FEATURES of the same capture', () => {
    for (const id of ['ethtool-features', 'ethtool-bridge-features']) {
      const f = byId(id);
      const req = ethtoolMessages(f).find((m) => m.cmd === 'ETHTOOL_MSG_FEATURES_GET')!;
      expect(req.attrs!.header.flags).toBe(1); // ETHTOOL_FLAG_COMPACT_BITSETS
      const strs = ethtoolMessages(f).find((m) => m.cmd === 'ETHTOOL_MSG_STRSET_GET_REPLY')!;
      expect(strs.attrs!.stringsets.stringset[0].id).toBe(ETH_SS.ETH_SS_FEATURES);
      const names = stringsView(strs);
      expect(names.length).toBe(64);
      const m = reply(f, 'ETHTOOL_MSG_FEATURES_GET_REPLY');
      expect(featuresText(f.command.at(-1)!, m, names)).toBe(f.stdout);
      // Every indented line (a feature of a legacy group) is one feature of the view.
      const feats = new Map(featuresView(m, names).map((x) => [x.name, x]));
      const lines = f.stdout.split('\n').filter((l) => l.startsWith('\t'));
      expect(lines.length).toBeGreaterThan(5);
      for (const l of lines) {
        const [, name, state, suffix] = /^\t([^:]+): (on|off)(.*)$/.exec(l)!;
        const x = feats.get(name!)!;
        expect({ name, active: x.active, fixed: x.fixed }).toEqual({ name, active: state === 'on', fixed: suffix === ' [fixed]' });
      }
    }
    const br = new Map(featuresView(reply(byId('ethtool-bridge-features'), 'ETHTOOL_MSG_FEATURES_GET_REPLY'), stringsView(ethtoolMessages(byId('ethtool-bridge-features')).find((m) => m.cmd === 'ETHTOOL_MSG_STRSET_GET_REPLY')!)).map((x) => [x.name, x]));
    // "tx-gso-robust: off [requested on]"
    expect(br.get('tx-gso-robust')).toMatchObject({ active: false, wanted: true, fixed: false });
  });

  it('ethtool -K v0 tso off: the wanted bits by name, and the reply of what changed', () => {
    const f = byId('ethtool-set-features');
    const req = ethtoolMessages(f).find((m) => m.cmd === 'ETHTOOL_MSG_FEATURES_SET')!;
    const wanted = bitsOf(req.attrs!.wanted);
    expect(wanted.map((b) => [b.name, b.value])).toEqual(
      ['tx-tcp-segmentation', 'tx-tcp-ecn-segmentation', 'tx-tcp-mangleid-segmentation', 'tx-tcp6-segmentation', 'tx-tcp-accecn-segmentation'].map((n) => [n, false]),
    );
    expect(req.attrs!.wanted).toEqual(namedBits(Object.fromEntries(wanted.map((b) => [b.name!, false]))));
    expect(reply(f, 'ETHTOOL_MSG_FEATURES_SET_REPLY').attrs!.active.size).toBe(64);
  });

  it('ethtool -l: ETHTOOL_A_CHANNELS_* as printed', () => {
    const f = byId('ethtool-channels');
    const m = reply(f, 'ETHTOOL_MSG_CHANNELS_GET_REPLY');
    expect(m.attrs).toMatchObject({ rxMax: 2, txMax: 2, rxCount: 1, txCount: 1 });
    expect(m.attrs!.combinedMax).toBeUndefined();
    expect(channelsText('v0', m)).toBe(f.stdout);
  });

  it('ethtool -L: the count sent, and the ext-ack of a refused one as ethtool printed it', () => {
    expect(ethtoolMessages(byId('ethtool-set-channels')).find((m) => m.cmd === 'ETHTOOL_MSG_CHANNELS_SET')!.attrs).toEqual({ header: { devName: 'v0' }, rxCount: 2 });
    const f = byId('ethtool-set-channels-error');
    const err = decode(f).msgs.find((m) => m.error !== undefined && m.error !== 0)!;
    expect(err.error).toBe(-22);
    expect(f.stderr).toBe(`netlink error: ${err.ext!.msg} (offset ${err.ext!.offs})\nnetlink error: Invalid argument\n`);
  });

  it('ethtool -T: ETHTOOL_A_TSINFO_* as printed', () => {
    const f = byId('ethtool-tsinfo');
    const m = reply(f, 'ETHTOOL_MSG_TSINFO_GET_REPLY');
    const v = tsInfoView(m);
    expect([v.timestamping, v.txTypes, v.rxFilters, v.phcIndex]).toEqual([['software-transmit', 'software-receive', 'software-system-clock'], [], [], undefined]);
    expect(tsinfoText('v0', m)).toBe(f.stdout);
  });

  it('the operations a veth refuses: EOPNOTSUPP, as ethtool reported', () => {
    const refused: Record<string, string> = {
      'ethtool-rings': 'ETHTOOL_MSG_RINGS_GET',
      'ethtool-pause': 'ETHTOOL_MSG_PAUSE_GET',
      'ethtool-coalesce': 'ETHTOOL_MSG_COALESCE_GET',
      'ethtool-eee': 'ETHTOOL_MSG_EEE_GET',
      'ethtool-fec': 'ETHTOOL_MSG_FEC_GET',
      'ethtool-priv-flags': 'ETHTOOL_MSG_PRIVFLAGS_GET',
    };
    for (const [id, cmd] of Object.entries(refused)) {
      const f = byId(id);
      const { msgs } = decode(f);
      expect(ethtoolMessages(f).map((m) => m.cmd)).toEqual([cmd]);
      const err = msgs.find((m) => m.error !== undefined && m.error !== 0)!;
      expect([id, err.error, err.request?.attrs?.header?.devName]).toEqual([id, -95, 'v0']);
      expect([f.stderr, f.exitCode]).toEqual(['netlink error: Operation not supported\n', 1]);
    }
  });
});

describe('bitsets', () => {
  it('reads compact and verbose forms alike', () => {
    const compact = { size: 40, value: new Uint8Array([0x05, 0, 0, 0, 0x01, 0, 0, 0]), mask: new Uint8Array([0x07, 0, 0, 0, 0x01, 0, 0, 0]) };
    expect(bitsOf(compact, ['a', 'b', 'c'])).toEqual([
      { index: 0, name: 'a', value: true },
      { index: 1, name: 'b', value: false },
      { index: 2, name: 'c', value: true },
      { index: 32, value: true },
    ]);
    expect(bitsOf({ nomask: true, ...compactList(5, [0, 4]) }).map((b) => b.index)).toEqual([0, 4]);
    expect(bitsOf({ nomask: true, bits: { bit: [{ index: 3, name: 'x' }] } })).toEqual([{ index: 3, name: 'x', value: true }]);
    expect(bitsOf({ bits: { bit: [{ index: 3, name: 'x' }, { index: 4, name: 'y', value: true }] } }).map((b) => b.value)).toEqual([false, true]);
  });
});

// ------------------------------------------------------------ the YNL facts

interface SpecAttr {
  name: string;
  value: number;
  type: string;
  'nested-attributes'?: string;
  'multi-attr'?: boolean;
  'byte-order'?: string;
}
interface SpecOp {
  name: string;
  'request-value': number | null;
  'reply-value': number | null;
  'attribute-set'?: string;
  notify?: string;
}
const spec = JSON.parse(readFileSync(`${FIXTURES_DIR}ynl/ethtool.json`, 'utf8')) as {
  'attribute-sets': { name: string; 'subset-of'?: string; attributes: SpecAttr[] }[];
  operations: { list: SpecOp[] };
};

const C = (s: string) => s.toUpperCase().replace(/-/g, '_');

/** Every attribute set the family reaches, by name. */
function ourSets(): Map<string, AttrSet> {
  const out = new Map<string, AttrSet>();
  const visit = (set: AttrSet): void => {
    if (out.has(set.name)) return;
    out.set(set.name, set);
    for (const d of set.defs) if (d.kind.spec.t === 'nested') visit(d.kind.spec.set());
  };
  for (const c of ethtoolFamily.commands) visit(c.attrs);
  return out;
}

/** Differences the kernel's code has and the 6.12 spec does not say, each with its reason. */
const ALLOW: Record<string, string> = {
  // The kernel fills the TDR notification's nest with ETHTOOL_A_CABLE_TDR_NEST_* (cabletest.c), not cable-nest's.
  'ETHTOOL_A_CABLE_TEST_TDR_NTF_NEST nest': 'ETHTOOL_A_CABLE_TDR_NEST',
  // One nest per counter, its type the counter's index in the group: a kind of its own (stats-kind.ts).
  'ETHTOOL_A_STATS_GRP_STAT kind': 'custom',
};

function kindIssue(a: SpecAttr, k: Kind, cname: string): string | undefined {
  const s = k.spec;
  const base = s.t === 'enum' || s.t === 'flags' ? s.base.spec : s;
  const ints: Record<string, [number, boolean]> = { u8: [8, false], u16: [16, false], u32: [32, false], u64: [64, false], s8: [8, true], s16: [16, true], s32: [32, true], s64: [64, true] };
  if (ALLOW[`${cname} kind`] !== undefined) return s.t === ALLOW[`${cname} kind`] ? undefined : `expected ${ALLOW[`${cname} kind`]}`;
  if (a.type in ints) {
    const [bits, signed] = ints[a.type]!;
    if (base.t !== (signed ? 'sint' : 'uint') || base.bits !== bits) return `ours ${k.label}, spec ${a.type}`;
    if ((a['byte-order'] === 'big-endian') !== base.be) return 'byte order';
    return undefined;
  }
  switch (a.type) {
    case 'uint':
      return k.label === 'uint' ? undefined : `ours ${k.label}, spec uint`;
    case 'string':
      return s.t === 'string' ? undefined : `ours ${k.label}, spec string`;
    case 'flag':
      return s.t === 'flag' ? undefined : `ours ${k.label}, spec flag`;
    case 'binary':
    case 'pad':
      return s.t === 'binary' || s.t === 'array' ? undefined : `ours ${k.label}, spec ${a.type}`;
    case 'nest': {
      if (s.t !== 'nested') return `ours ${k.label}, spec nest`;
      const want = ALLOW[`${cname} nest`] ?? `ETHTOOL_A_${C(a['nested-attributes']!)}`;
      return s.set().name === want ? undefined : `nest of ${s.set().name}, spec ${want}`;
    }
  }
  return `spec type ${a.type}`;
}

describe('declarations against the YNL spec facts (Linux 6.12)', () => {
  const sets = ourSets();

  it('declares every attribute of every spec set with its number and kind', () => {
    const issues: string[] = [];
    for (const ss of spec['attribute-sets']) {
      const setName = ss.name === 'stats-grp-hist' ? 'ETHTOOL_A_STATS_GRP_HIST' : `ETHTOOL_A_${C(ss.name)}`;
      const ours = sets.get(setName);
      if (ours === undefined) {
        issues.push(`${ss.name}: no set ${setName}`);
        continue;
      }
      for (const a of ss.attributes) {
        const prefix = ss.name === 'pse' && /^(podl|c33)-/.test(a.name) ? 'ETHTOOL_A_' : ss.name === 'stats-grp-hist' ? 'ETHTOOL_A_STATS_GRP_' : `${setName}_`;
        const cname = prefix + C(a.name);
        const d = ours.byType[a.value];
        if (d === undefined || d.name !== cname) {
          issues.push(`${cname} (${a.value}): ours ${d?.name ?? 'missing'}`);
          continue;
        }
        const k = kindIssue(a, d.kind, cname);
        if (k !== undefined) issues.push(`${cname}: ${k}`);
        if (a['multi-attr'] && !d.multi) issues.push(`${cname}: spec repeats it`);
      }
    }
    expect(issues).toEqual([]);
  });

  it('numbers every message as the spec does, each with its set', () => {
    const issues: string[] = [];
    const byName = new Map(ethtoolFamily.commands.map((c) => [`${c.dir}:${c.name}`, c]));
    const opSet = new Map(spec.operations.list.filter((o) => o['attribute-set']).map((o) => [o.name, o['attribute-set']!]));
    for (const op of spec.operations.list) {
      const set = op['attribute-set'] ?? opSet.get(op.notify ?? '');
      const want = set === undefined ? undefined : `ETHTOOL_A_${C(set)}`;
      const check = (dir: string, name: string, value: number) => {
        const c = byName.get(`${dir}:${name}`);
        if (c === undefined || c.cmd !== value) issues.push(`${name}: ours ${c?.cmd ?? 'missing'}, spec ${value}`);
        // Cable test notifications carry their own sets (cable-test-ntf...), which the spec leaves out.
        else if (want !== undefined && c.attrs.name !== want && !/CABLE_TEST.*NTF/.test(name)) issues.push(`${name}: set ${c.attrs.name}, spec ${want}`);
      };
      if (op['request-value'] !== null) check('request', `ETHTOOL_MSG_${C(op.name)}`, op['request-value']);
      if (op['reply-value'] !== null) check('reply', `ETHTOOL_MSG_${C(op.name)}${op.name.endsWith('-ntf') ? '' : '_REPLY'}`, op['reply-value']);
    }
    expect(issues).toEqual([]);
  });

  it('has both enums up to Linux 6.18 (the running kernel offers ops 1 to 50)', () => {
    expect(Math.max(...Object.values(ETHTOOL_MSG_USER))).toBe(50);
    expect(Math.max(...Object.values(ETHTOOL_MSG_KERNEL))).toBe(53);
    expect(ethtoolFamily.commands.length).toBe(50 + 53);
  });
});

// ------------------------------------------------------------ the kernel

const hasEthtool = spawnSync('ethtool', ['--version']).status === 0;
const run = kernelSkipReason === undefined && hasEthtool;
const nss = new Namespaces(`tsnl-t-ethtool-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];

function ethtool(ns: string, args: string[]): { stdout: string; stderr: string; status: number | null } {
  return spawnSync('ip', ['netns', 'exec', ns, 'ethtool', ...args], { encoding: 'utf8' });
}

/** `ethtool DEV`'s `\tKey: value` lines. */
function settingsOf(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^\t([^:\n]+): (.*)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** `ethtool -l`: the two blocks' `Key:\t\tvalue` lines. */
function channelsOf(text: string): { max: Record<string, string>; cur: Record<string, string> } {
  const [, max = '', cur = ''] = text.split(/Pre-set maximums:\n|Current hardware settings:\n/);
  const parse = (b: string) => Object.fromEntries([...b.matchAll(/^(\w+):\t+(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
  return { max: parse(max), cur: parse(cur) };
}

/** `ethtool -k`: feature lines (legacy long names of one-feature groups mapped to the feature) -> [on, suffix]. */
const ONE_FEATURE_GROUPS: Record<string, string> = {
  'rx-checksumming': 'rx-checksum',
  'generic-segmentation-offload': 'tx-generic-segmentation',
  'generic-receive-offload': 'rx-gro',
  'large-receive-offload': 'rx-lro',
  'rx-vlan-offload': 'rx-vlan-hw-parse',
  'tx-vlan-offload': 'tx-vlan-hw-insert',
  'ntuple-filters': 'rx-ntuple-filter',
  'receive-hashing': 'rx-hashing',
};
const MULTI_FEATURE_GROUPS = new Set(['tx-checksumming', 'scatter-gather', 'tcp-segmentation-offload']);

function featuresOf(text: string): Map<string, { on: boolean; suffix: string }> {
  const out = new Map<string, { on: boolean; suffix: string }>();
  for (const l of text.split('\n').slice(1)) {
    const m = /^(\t?)([^:]+): (on|off)(.*)$/.exec(l);
    if (m === null) continue;
    if (m[1] === '' && MULTI_FEATURE_GROUPS.has(m[2]!)) continue;
    out.set(ONE_FEATURE_GROUPS[m[2]!] ?? m[2]!, { on: m[3] === 'on', suffix: m[4]! });
  }
  return out;
}

describe.skipIf(!run)(`ethtool against the kernel${skipNote()}${hasEthtool ? '' : ' (no ethtool)'}`, () => {
  let NS: string;
  let h: Handle;

  beforeAll(() => {
    NS = nss.add('a');
    ip(['-n', NS, 'link', 'add', 'v0', 'address', '02:00:00:00:00:01', 'type', 'veth', 'peer', 'name', 'v1', 'address', '02:00:00:00:00:02']);
    ip(['-n', NS, 'link', 'add', 'br0', 'address', '02:00:00:00:00:03', 'type', 'bridge']);
    ip(['-n', NS, 'link', 'set', 'v1', 'master', 'br0']);
    h = open({ netns: NS });
  });

  afterAll(async () => {
    await h?.close();
    expect(nss.cleanup()).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  it('linkModes, linkInfo, linkState: what ethtool DEV prints (veth, bridge, a veth that is up)', async () => {
    ip(['-n', NS, 'link', 'add', 'u0', 'type', 'veth', 'peer', 'name', 'u1']);
    ip(['-n', NS, 'link', 'set', 'u0', 'up']);
    ip(['-n', NS, 'link', 'set', 'u1', 'up']);
    for (const dev of ['v0', 'br0', 'u0']) {
      const shown = settingsOf(ethtool(NS, [dev]).stdout);
      const [modes, info, state] = await Promise.all([h.ethtool.linkModes(dev), h.ethtool.linkInfo(dev), h.ethtool.linkState(dev)]);
      expect(modes.ifname).toBe(dev);
      expect(shown.Speed).toBe(modes.speed === undefined ? 'Unknown!' : `${modes.speed}Mb/s`);
      expect(shown.Duplex).toBe({ full: 'Full', half: 'Half', unknown: 'Unknown! (255)' }[modes.duplex!]);
      expect(shown['Auto-negotiation']).toBe(modes.autoneg ? 'on' : 'off');
      expect(shown['Supported link modes']).toBe(modes.supported.length === 0 ? '  Not reported' : expect.anything());
      expect(shown.Port).toBe({ tp: 'Twisted Pair', other: 'Other' }[info.portName!]);
      expect(shown.PHYAD).toBe(String(info.phyaddr));
      expect(shown.Transceiver).toBe(info.transceiverName);
      expect(shown['Link detected']).toBe(state.link ? 'yes' : 'no');
    }
    expect((await h.ethtool.linkState('u0')).link).toBe(true);
  });

  it('features: every line of ethtool -k, and changes either way', async () => {
    const check = async (dev: string) => {
      const shown = featuresOf(ethtool(NS, ['-k', dev]).stdout);
      const feats = await h.ethtool.features(dev);
      expect(feats.length).toBe(shown.size);
      for (const f of feats) {
        const suffix = f.fixed ? ' [fixed]' : f.active !== f.wanted ? ` [requested ${f.wanted ? 'on' : 'off'}]` : '';
        expect({ name: f.name, ...shown.get(f.name) }).toEqual({ name: f.name, on: f.active, suffix });
      }
      return new Map(feats.map((f) => [f.name, f]));
    };
    await check('br0');
    expect((await check('v0')).get('tx-tcp-segmentation')!.active).toBe(true);
    const changes = await h.ethtool.setFeatures('v0', { 'tx-tcp-segmentation': false, 'rx-gro': true });
    expect(changes.changed).toMatchObject({ 'tx-tcp-segmentation': false, 'rx-gro': true });
    expect(featuresOf(ethtool(NS, ['-k', 'v0']).stdout).get('tx-tcp-segmentation')!.on).toBe(false);
    expect(featuresOf(ethtool(NS, ['-k', 'v0']).stdout).get('rx-gro')!.on).toBe(true);
    expect(ethtool(NS, ['-K', 'v0', 'tso', 'on', 'gro', 'off']).status).toBe(0);
    const after = await check('v0');
    expect([after.get('tx-tcp-segmentation')!.active, after.get('rx-gro')!.active]).toEqual([true, false]);
    // A feature that cannot change: the kernel's answer, nothing changed.
    const fixed = await h.ethtool.setFeatures('v0', { 'tx-checksum-ipv4': true });
    expect(fixed.notApplied).toEqual({ 'tx-checksum-ipv4': true });
    await expect(h.ethtool.setFeatures('v0', { 'no-such-feature': true })).rejects.toMatchObject({ name: 'KernelError', code: 'EOPNOTSUPP', extMessage: 'bit name not found' });
  });

  it('channels: what ethtool -l prints, and changes either way', async () => {
    const check = async () => {
      const shown = channelsOf(ethtool(NS, ['-l', 'v0']).stdout);
      const c = await h.ethtool.channels('v0');
      const v = (x: unknown) => (x === undefined ? 'n/a' : String(x));
      expect(shown).toEqual({
        max: { RX: v(c.rxMax), TX: v(c.txMax), Other: v(c.otherMax), Combined: v(c.combinedMax) },
        cur: { RX: v(c.rxCount), TX: v(c.txCount), Other: v(c.otherCount), Combined: v(c.combinedCount) },
      });
      return c;
    };
    expect(await check()).toMatchObject({ rxMax: 2, txMax: 2, rxCount: 1, txCount: 1 });
    await h.ethtool.setChannels('v0', { rx: 2 });
    expect((await check()).rxCount).toBe(2);
    expect(ethtool(NS, ['-L', 'v0', 'tx', '2']).status).toBe(0);
    expect((await check()).txCount).toBe(2);
    await h.ethtool.setChannels('v0', { rx: 1, tx: 1 });
    expect(await check()).toMatchObject({ rxCount: 1, txCount: 1 });
    // Refused as ethtool is refused: the kernel's ext-ack.
    const theirs = ethtool(NS, ['-L', 'v0', 'combined', '1']);
    const err = await h.ethtool.setChannels('v0', { combined: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KernelError);
    expect(theirs.stderr).toBe(`netlink error: ${(err as KernelError).extMessage} (offset ${(err as KernelError).extOffset})\nnetlink error: Invalid argument\n`);
  });

  it('what a veth refuses, the API is refused too (rings, pause, coalesce, EEE, private flags)', async () => {
    const cases: [string[], () => Promise<unknown>][] = [
      [['-g', 'v0'], () => h.ethtool.rings('v0')],
      [['-G', 'v0', 'rx', '10'], () => h.ethtool.setRings('v0', { rx: 10 })],
      [['-a', 'v0'], () => h.ethtool.pause('v0')],
      [['-c', 'v0'], () => h.ethtool.coalesce('v0')],
      [['--show-eee', 'v0'], () => h.ethtool.eee('v0')],
      [['--show-priv-flags', 'v0'], () => h.ethtool.privateFlags('v0')],
    ];
    for (const [args, call] of cases) {
      const theirs = ethtool(NS, args);
      expect([args.join(' '), theirs.stderr]).toEqual([args.join(' '), 'netlink error: Operation not supported\n']);
      await expect(call()).rejects.toMatchObject({ name: 'KernelError', code: 'EOPNOTSUPP' });
    }
  });

  it('tsinfo: what ethtool -T prints', async () => {
    const text = ethtool(NS, ['-T', 'v0']).stdout;
    const t = await h.ethtool.tsinfo('v0');
    const caps = /Capabilities:\n((?:\t.*\n)*)/.exec(text)![1]!.split('\n').filter(Boolean).map((l) => l.trim());
    expect(t.timestamping).toEqual(caps);
    expect(text).toContain(`PTP Hardware Clock: ${t.phcIndex ?? 'none'}\n`);
    expect(text).toContain(`Hardware Transmit Timestamp Modes:${t.txTypes.length ? '\n' : ' none\n'}`);
    expect(text).toContain(`Hardware Receive Filter Modes:${t.rxFilters.length ? '\n' : ' none\n'}`);
  });

  it('stats and strings: the standard groups ethtool -S --all-groups shows, the names ethtool -S prints', async () => {
    const std = ethtool(NS, ['-S', 'v0', '--all-groups']).stdout;
    const s = await h.ethtool.stats('v0');
    expect(s.groups.map((g) => g.group)).toEqual(['eth_phy', 'eth_mac', 'eth_ctrl', 'rmon', 'phy']);
    // ethtool prints a group's counters only; the veth has none.
    expect(s.groups.every((g) => Object.keys(g.counters).length === 0)).toBe(true);
    expect(std).toBe('Standard stats for v0:\n');
    const names = [...ethtool(NS, ['-S', 'v0']).stdout.matchAll(/^\s+([^:\n]+): \d+$/gm)].map((m) => m[1]);
    expect(await h.ethtool.strings('v0', 'stats')).toEqual(names);
    const modes = await h.ethtool.strings(undefined, 'link_modes');
    expect(modes.slice(0, 2)).toEqual(['10baseT/Half', '10baseT/Full']);
    await expect(h.ethtool.strings('v0', 'no_such_set')).rejects.toMatchObject({ name: 'InvalidArgumentError' });
  });

  it('every GET, to a veth and a bridge: answers decode with every attribute named, refusals are EOPNOTSUPP', async () => {
    const unknownKeys = (v: unknown, path: string, out: string[]): string[] => {
      if (Array.isArray(v)) v.forEach((x, i) => unknownKeys(x, `${path}[${i}]`, out));
      else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) for (const [k, x] of Object.entries(v)) (k.startsWith('#') ? out.push(`${path}.${k}`) : unknownKeys(x, `${path}.${k}`, out));
      return out;
    };
    const extra: Record<string, Record<string, unknown>> = {
      ETHTOOL_MSG_STRSET_GET: { stringsets: { stringset: [{ id: ETH_SS.ETH_SS_STATS }, { id: ETH_SS.ETH_SS_FEATURES }] } },
      ETHTOOL_MSG_STATS_GET: { groups: compactList(5, [0, 1, 2, 3, 4]) },
      ETHTOOL_MSG_MODULE_EEPROM_GET: { offset: 0, length: 128, page: 0, bank: 0, i2cAddress: 0x50 },
    };
    const outcome: Record<string, string> = {};
    for (const cmd of Object.keys(ETHTOOL_MSG_USER).filter((c) => /_GET/.test(c)) as (keyof typeof ETHTOOL_MSG_USER)[]) {
      for (const dev of ['v0', 'br0']) {
        try {
          const m = await h.ethtool.request(cmd, dev, extra[cmd] ?? {});
          expect({ cmd, dev, unknown: unknownKeys(m!.attrs, '', []) }).toEqual({ cmd, dev, unknown: [] });
          expect(m!.attrs!.header).toMatchObject({ devName: dev });
          outcome[`${cmd} ${dev}`] = 'answered';
        } catch (e) {
          expect(e).toBeInstanceOf(KernelError);
          outcome[`${cmd} ${dev}`] = (e as KernelError).code;
        }
      }
    }
    const refused = (dev: string) => Object.entries(outcome).filter(([k, v]) => k.endsWith(` ${dev}`) && v !== 'answered').map(([k, v]) => `${k.split(' ')[0]!.slice('ETHTOOL_MSG_'.length)} ${v}`);
    // What a veth does not implement (ethtool -g, -a, -c, --show-eee, --show-fec, --show-priv-flags...).
    expect(refused('v0')).toEqual(
      ['DEBUG_GET', 'WOL_GET', 'PRIVFLAGS_GET', 'RINGS_GET', 'COALESCE_GET', 'PAUSE_GET', 'EEE_GET', 'TUNNEL_INFO_GET', 'FEC_GET', 'MODULE_EEPROM_GET', 'PSE_GET', 'RSS_GET', 'PLCA_GET_CFG', 'PLCA_GET_STATUS', 'MM_GET', 'PHY_GET', 'TSCONFIG_GET'].map((c) => `${c} EOPNOTSUPP`),
    );
    // A bridge has no channels either.
    expect(refused('br0')).toEqual(refused('v0').flatMap((r) => (r.startsWith('RINGS_GET') ? ['RINGS_GET EOPNOTSUPP', 'CHANNELS_GET EOPNOTSUPP'] : [r])));
  });

  it('an unknown device: DeviceNotFoundError, or the kernel words through request()', async () => {
    await expect(h.ethtool.linkInfo('nosuch0')).rejects.toBeInstanceOf(DeviceNotFoundError);
    const theirs = ethtool(NS, ['-k', 'nosuch0']);
    const err = (await h.ethtool.request('ETHTOOL_MSG_FEATURES_GET', 'nosuch0').catch((e: unknown) => e)) as KernelError;
    expect([err.code, theirs.stderr]).toEqual(['ENODEV', `netlink error: ${err.extMessage} (offset ${err.extOffset})\nnetlink error: No such device\n`]);
  });

  it('tsip ethtool prints what ethtool prints and changes what ethtool changes: stdout, stderr and exit code', () => {
    const cases = [
      ['v0'],
      ['br0'],
      ['-k', 'v0'],
      ['--show-features', 'br0'],
      ['-l', 'v0'],
      ['-T', 'br0'],
      ['nosuch0'],
      ['-k', 'nosuch0'],
      ['-l', 'v1'],
      ['-k'],
      ['-k', 'v0', 'extra'],
      [],
      ['-L', 'v0', 'combined', '1'],
      ['-L', 'v0', 'tx', '1', 'rx', '5'],
      ['-L', 'v0', 'rx', '010'],
      ['-L', 'v0', 'rx', '-1'],
      ['-L', 'v0', 'rx'],
      ['-L', 'v0', 'foo', '1'],
      ['-L', 'v0', 'rx', '1', 'rx', '1'],
      ['-L', 'nosuch0', 'rx', '1'],
    ];
    for (const c of cases) {
      const theirs = ethtool(NS, c);
      const ours = tsip(['-n', NS, 'ethtool', ...c]);
      expect({ c, stdout: ours.stdout, stderr: ours.stderr, status: ours.status }).toEqual({ c, stdout: theirs.stdout, stderr: theirs.stderr, status: theirs.status });
    }
    // tsip's changes, seen by ethtool.
    expect(tsip(['-n', NS, 'ethtool', '-L', 'v0', 'rx', '0x2', 'tx', '2']).status).toBe(0);
    expect(channelsOf(ethtool(NS, ['-l', 'v0']).stdout).cur).toMatchObject({ RX: '2', TX: '2' });
    expect(tsip(['-n', NS, 'ethtool', '-L', 'v0', 'rx', '1', 'tx', '1']).status).toBe(0);
    expect(channelsOf(ethtool(NS, ['-l', 'v0']).stdout).cur).toMatchObject({ RX: '1', TX: '1' });
    // ethtool options tsip does not print say so (not ethtool's "bad command line argument(s)"); unknown ones are bad arguments.
    const g = tsip(['-n', NS, 'ethtool', '-g', 'v0']);
    expect({ status: g.status, stdout: g.stdout, stderr: g.stderr }).toEqual({ status: 1, stdout: '', stderr: 'tsip ethtool: -g is not supported here (the library\'s handle.ethtool answers it); supported: DEV, -k, -l, -L, -T\n' });
    const bogus = tsip(['-n', NS, 'ethtool', '--frobnicate', 'v0']);
    expect({ status: bogus.status, stderr: bogus.stderr }).toEqual({ status: ethtool(NS, ['--frobnicate', 'v0']).status, stderr: ethtool(NS, ['--frobnicate', 'v0']).stderr });
    // Inside the namespace, as ip netns exec runs it.
    const inside = spawnSync('ip', ['netns', 'exec', NS, process.execPath, new URL('../../bin/tsip.cjs', import.meta.url).pathname, 'ethtool', 'v0'], { encoding: 'utf8' });
    expect(inside.stdout).toBe(ethtool(NS, ['v0']).stdout);
  }, 60_000);
});
