/**
 * The must-show of generic netlink decoding: `tsip decode --json
 * --protocol generic` names every message, command and attribute of the
 * real captures in fixtures/genl (genl, ethtool and ip mptcp/tcp_metrics
 * against kernel 6.18), with the values those tools printed; and every
 * message of them re-encodes to its bytes and explains in rows that tile it.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { checkTiling, explainMessages } from '../../src/netlink/explain.js';
import { encodeMessage } from '../../src/netlink/message.js';
import { loadFixtures, messagesOf, protocolOf, splitMessages, type Fixture } from '../support/fixtures.js';
import { unnamedJSON } from '../support/named.js';
import { tsip } from '../support/oracle.js';

const all = loadFixtures('generic');

/** What `tsip decode --protocol generic --json` prints for the whole capture (its datagrams one after another). */
function decoded(f: Fixture): Record<string, any>[] {
  const hex = toHex(Uint8Array.from(f.datagrams.flatMap((d) => [...d.bytes])));
  const r = tsip(['decode', '--protocol', 'generic', '--json', hex]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

/** Every value under key `name` at any depth. */
function values(v: unknown, name: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(v)) v.forEach((x) => values(x, name, out));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === name) out.push(x);
      values(x, name, out);
    }
  }
  return out;
}

const json = new Map(all.map((f) => [f.id, decoded(f)]));
const of = (id: string) => json.get(`genl/${id}`)!;

describe('generic netlink captures (fixtures/genl)', () => {
  it('are there: genl, ethtool and ip mptcp/tcp_metrics', () => {
    expect(all.length).toBeGreaterThanOrEqual(20);
    for (const id of ['ctrl-list', 'ctrl-get-nlctrl', 'ethtool-settings', 'ethtool-features', 'ethtool-channels', 'ethtool-rings', 'ethtool-pause', 'ethtool-tsinfo']) expect(json.has(`genl/${id}`)).toBe(true);
  });

  it.each(all.map((f) => f.id))('%s: every message, command and attribute named by tsip decode', (id) => {
    expect(unnamedJSON(json.get(id)!)).toEqual([]);
  });

  it.each(all.map((f) => f.id))('%s: every message re-encodes to its bytes and explains in rows that tile it', (id) => {
    const f = all.find((x) => x.id === id)!;
    const proto = protocolOf(f);
    for (const d of f.datagrams) {
      const parts = splitMessages(d.bytes);
      const msgs = messagesOf({ ...f, datagrams: [d] }, proto);
      expect(msgs.map((m) => toHex(encodeMessage(m, proto)))).toEqual(parts.map((p) => toHex(p)));
      expect(checkTiling(explainMessages(d.bytes, proto), d.bytes.length)).toBeUndefined();
    }
  });

  it('a capped echo (an ACK) names its family only: the bytes after its nlmsghdr are not its genlmsghdr', () => {
    let capped = 0;
    for (const f of all) {
      const proto = protocolOf(f);
      const bytes = Uint8Array.from(f.datagrams.flatMap((d) => [...d.bytes]));
      const rows = explainMessages(bytes, proto);
      rows.forEach((r, i) => {
        if (r.name !== 'nlmsg_len' || !r.value.endsWith('(of the original request)')) return;
        capped++;
        expect({ id: f.id, type: rows[i + 1]!.value }).toEqual({ id: f.id, type: expect.stringMatching(/^[a-z_]+ \(\d+\)$/) });
      });
    }
    expect(capped).toBeGreaterThan(10);
  });

  it('genl ctrl list / get: the families, ids, operations and groups genl printed', () => {
    const f = all.find((x) => x.id === 'genl/ctrl-list')!;
    const printed = [...f.stdout.matchAll(/^Name: (\S+)\n\tID: 0x([0-9a-f]+)/gm)].map((m) => [m[1], parseInt(m[2]!, 16)]);
    const replies = of('ctrl-list').filter((m) => m.genlmsghdr?.cmd === 'CTRL_CMD_NEWFAMILY');
    expect(replies.map((m) => [m.attributes.CTRL_ATTR_FAMILY_NAME, m.attributes.CTRL_ATTR_FAMILY_ID])).toEqual(printed);
    expect(printed.map((p) => p[0])).toEqual(expect.arrayContaining(['nlctrl', 'ethtool', 'mptcp_pm', 'netdev', 'tcp_metrics']));
    const nl = of('ctrl-get-nlctrl').find((m) => m.genlmsghdr?.cmd === 'CTRL_CMD_NEWFAMILY')!;
    const ops = Object.values(nl.attributes.CTRL_ATTR_OPS as Record<string, { CTRL_ATTR_OP_ID: number }>).map((o) => `ID-0x${o.CTRL_ATTR_OP_ID.toString(16)}`);
    expect(ops).toEqual([...all.find((x) => x.id === 'genl/ctrl-get-nlctrl')!.stdout.matchAll(/ID-0x[0-9a-f]+ /g)].map((m) => m[0].trim()).filter((x) => x !== 'ID-0x10'));
    expect(nl.attributes.CTRL_ATTR_MCAST_GROUPS).toEqual({ 1: { CTRL_ATTR_MCAST_GRP_ID: 16, CTRL_ATTR_MCAST_GRP_NAME: 'notify' } });
    // The request named the family; ethtool's own captures start with the same lookup.
    expect(of('ctrl-get-nlctrl')[0]).toMatchObject({ nlmsg_type: 'nlctrl', genlmsghdr: { cmd: 'CTRL_CMD_GETFAMILY' }, attributes: { CTRL_ATTR_FAMILY_NAME: 'nlctrl' } });
    expect(of('ethtool-settings')[0]).toMatchObject({ nlmsg_type: 'nlctrl', attributes: { CTRL_ATTR_FAMILY_NAME: 'ethtool' } });
  });

  it('ethtool v0: device, speed, duplex, port and link as ethtool printed them', () => {
    const m = of('ethtool-settings');
    const stdout = all.find((x) => x.id === 'genl/ethtool-settings')!.stdout;
    expect(new Set(values(m, 'ETHTOOL_A_HEADER_DEV_NAME'))).toEqual(new Set(['v0']));
    expect(stdout).toMatch(/Speed: 10000Mb\/s/);
    expect(values(m, 'ETHTOOL_A_LINKMODES_SPEED')).toEqual([10000]);
    expect(stdout).toMatch(/Duplex: Full/);
    expect(values(m, 'ETHTOOL_A_LINKMODES_DUPLEX').map(String)).toEqual([expect.stringMatching(/^(1|DUPLEX_FULL)$/)]);
    expect(stdout).toMatch(/Port: Twisted Pair/);
    expect(values(m, 'ETHTOOL_A_LINKINFO_PORT').map(String)).toEqual([expect.stringMatching(/^(0|PORT_TP)$/)]);
    expect(stdout).toMatch(/Link detected: no/);
    expect(values(m, 'ETHTOOL_A_LINKSTATE_LINK')).toEqual([0]);
    // Wake-on-LAN and debug: the veth refuses them (EOPNOTSUPP), ethtool goes on.
    expect(m.filter((x) => x.nlmsg_type === 'NLMSG_ERROR' && x.errno === 'EOPNOTSUPP').length).toBe(2);
  });

  it('ethtool -k v0: each feature is on exactly when its bit is set in ETHTOOL_A_FEATURES_ACTIVE, named by the string set', () => {
    const m = of('ethtool-features');
    const stdout = all.find((x) => x.id === 'genl/ethtool-features')!.stdout;
    // The ETH_SS_FEATURES string set (id 4): index -> name.
    const sets = values(m, 'ETHTOOL_A_STRINGSETS_STRINGSET').flat() as Record<string, any>[];
    const features = sets.find((s) => (s.ETHTOOL_A_STRINGSET_ID === 4 || s.ETHTOOL_A_STRINGSET_ID === 'ETH_SS_FEATURES') && s.ETHTOOL_A_STRINGSET_STRINGS !== undefined)!;
    const names = new Map<number, string>();
    for (const strings of [features.ETHTOOL_A_STRINGSET_STRINGS].flat()) for (const s of [strings.ETHTOOL_A_STRINGS_STRING].flat()) names.set(s.ETHTOOL_A_STRING_INDEX, s.ETHTOOL_A_STRING_VALUE);
    expect(names.size).toBeGreaterThan(50);
    const active = values(m, 'ETHTOOL_A_FEATURES_ACTIVE')[0] as Record<string, any>;
    const bits = Buffer.from(String(active.ETHTOOL_A_BITSET_VALUE).replace(/[^0-9a-f]/g, ''), 'hex');
    const on = (i: number) => (bits[i >> 3]! & (1 << (i & 7))) !== 0;
    let checked = 0;
    for (const [i, name] of names) {
      const line = new RegExp(`^\\t?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (on|off)`, 'm').exec(stdout);
      if (!line) continue;
      expect({ name, on: on(i) }).toEqual({ name, on: line[1] === 'on' });
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('ethtool -l / -L, -T: the channel counts and timestamping as ethtool printed them', () => {
    const m = of('ethtool-channels');
    const stdout = all.find((x) => x.id === 'genl/ethtool-channels')!.stdout;
    const [max, cur] = stdout.split('Current hardware settings:');
    const num = (s: string, k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)![1]);
    expect(values(m, 'ETHTOOL_A_CHANNELS_RX_MAX')).toEqual([num(max!, 'RX')]);
    expect(values(m, 'ETHTOOL_A_CHANNELS_TX_MAX')).toEqual([num(max!, 'TX')]);
    expect(values(m, 'ETHTOOL_A_CHANNELS_RX_COUNT')).toEqual([num(cur!, 'RX')]);
    expect(values(m, 'ETHTOOL_A_CHANNELS_TX_COUNT')).toEqual([num(cur!, 'TX')]);
    // -L rx 2: the request carries the count; the state read afterwards shows it.
    const set = of('ethtool-set-channels');
    expect(values(set.filter((x) => x.genlmsghdr?.cmd === 'ETHTOOL_MSG_CHANNELS_SET'), 'ETHTOOL_A_CHANNELS_RX_COUNT')).toEqual([2]);
    // -L combined 1: the kernel's refusal, with its words and the attribute it points at.
    const err = of('ethtool-set-channels-error').find((x) => x.nlmsg_type === 'NLMSG_ERROR' && x.error !== 0)!;
    expect(err.ext_ack.NLMSGERR_ATTR_MSG).toBe('requested channel count exceeds maximum');
    const ts = of('ethtool-tsinfo');
    expect(values(ts, 'ETHTOOL_A_TSINFO_TIMESTAMPING').length).toBe(1);
    expect(all.find((x) => x.id === 'genl/ethtool-tsinfo')!.stdout).toMatch(/software-transmit/);
  });

  it('ethtool -g and -a on a veth: the kernel says EOPNOTSUPP, decoded as its answer', () => {
    for (const id of ['ethtool-rings', 'ethtool-pause', 'ethtool-coalesce', 'ethtool-eee', 'ethtool-fec', 'ethtool-priv-flags']) {
      const m = of(id);
      const f = all.find((x) => x.id === `genl/${id}`)!;
      expect(f.stderr).toMatch(/Operation not supported/);
      const err = m.find((x) => x.nlmsg_type === 'NLMSG_ERROR' && x.error !== 0)!;
      expect({ id, errno: err.errno }).toEqual({ id, errno: 'EOPNOTSUPP' });
      expect(err.request.nlmsg_type).toBe('ethtool');
      expect(String(err.request.genlmsghdr.cmd)).toMatch(/^ETHTOOL_MSG_\w+_GET$/);
      expect(values(err.request, 'ETHTOOL_A_HEADER_DEV_NAME')).toEqual(['v0']);
    }
  });
});
