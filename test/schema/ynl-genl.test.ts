/**
 * Our generic netlink declarations against the kernel's YNL specs (facts
 * in fixtures/ynl, made by scripts/ynl-facts.mjs): each family of
 * GENERIC_FAMILIES against the spec of its name, both ways.
 *
 * - Attribute sets: every set reachable from the family's commands, with
 *   the checks of test/support/ynl.ts (C names, numbers, kinds, nesting,
 *   `multi-attr`, enums and flags). A generic spec set's C names are
 *   `<family>-a-<set>-` plus the attribute's name unless it gives its own
 *   `name-prefix` (ETHTOOL_A_LINKINFO_PORT, NETDEV_A_DEV_IFINDEX;
 *   CTRL_ATTR_FAMILY_NAME), as the UAPI headers have them.
 * - Messages: the spec's operations, each a request (`do` or `dump`), a
 *   reply (where the kernel answers with attributes) and a notification
 *   (`notify`, `event`), and the events a spec lists as an enum
 *   (EVENT_ENUMS). Each must be one of our commands of that direction, by
 *   its C name (`<operations name-prefix><op>`, default `<family>-cmd-`;
 *   in the `directional` model a reply is `..._REPLY` and numbered apart),
 *   with the spec's number and our set matching the op's `attribute-set`
 *   (a notification: the set of the op it notifies of). Each command of
 *   ours must be one of them.
 * - Multicast groups, by name.
 *
 * One failure line per mismatch, ending with its ALLOW key: the keys of
 * test/support/ynl.ts, and for messages `spec CMD` (not declared by us),
 * `ours CMD` (not in the spec), `number CMD`, `set CMD` (another set),
 * `dir CMD` (ours is not of that direction), `name CMD` (ours has that
 * number and direction under another name); `group NAME`.
 * `YNL_REPORT=FILE npx vitest run test/schema/ynl-genl.test.ts` writes
 * every comparison and difference, allowed or not, to FILE.
 */
import { describe, expect, it } from 'vitest';
import { GENERIC_UNITS } from '../../src/families/registry.js';
import type { GenericUnit } from '../../src/families/unit.js';
import type { GenlCommand, GenlDirection } from '../../src/genl/family.js';
import type { AttrSet } from '../../src/schema/attr-set.js';
import { u8, u32 } from '../../src/schema/scalars.js';
import { reachable } from '../../src/schema/walk.js';
import { ctrlMcastGrpAttrs, ctrlOpAttrs, ctrlPolicyAttrs, policyTypeAttrs } from '../../src/families/nlctrl/attrs.js';
import { tcpMetricsAttrs, tcpMetricsValsAttrs } from '../../src/families/tcp-metrics/attrs.js';
import {
  ALL_SPECS,
  NEWER,
  alteredSet,
  byName,
  cName,
  compareDeclarations,
  isGenericSpec,
  isUnspec,
  reportOf,
  sameSet,
  sourcesOf,
  staleAllowances,
  writeReport,
  type Mismatch,
  type Report,
  type Spec,
} from '../support/ynl.js';

/** The generic netlink specs. */
const SPECS: Spec[] = ALL_SPECS.filter(isGenericSpec);

/**
 * The element sets of our keyed nests (src/schema/keyed-nest.ts, the
 * specs' indexed-array and nest-type-value), which `reachable` does not
 * enter: compared as further roots of their family.
 */
const KEYED_NEST_SETS: Readonly<Record<string, readonly AttrSet[]>> = {
  nlctrl: [ctrlOpAttrs, ctrlMcastGrpAttrs, policyTypeAttrs, ctrlPolicyAttrs],
};

/** Events a spec lists as an enum rather than as operations, and the set they carry (its `event-attr`). */
const EVENT_ENUMS: Readonly<Record<string, { enum: string; set: string }>> = {
  mptcp_pm: { enum: 'event-type', set: 'event-attr' },
};

// ------------------------------------------------------------ allowances

const NO_GROUPS = 'the 6.12 spec lists no multicast groups';
const TDR = 'a TDR test\'s raw data (ethtool_netlink.h ETHTOOL_A_CABLE_TDR_NEST_* and the sets it nests), which the spec does not describe';
const C33 = 'ethtool.h numbers the C33 PSE states from ERROR_CONDITION = 1 and has PD_DLL_POWER_TYPE (7); the 6.12 spec counts from none = 0 without it';
const FW_FLASH = 'ethtool.h numbers the flashing states from STARTED = 1; the 6.12 spec from 0';
const UNUSED_CMD = 'in genetlink.h\'s enum, but the controller registers only GETFAMILY and GETPOLICY and never sends it';

/** Differences we keep, each with its reason, by family (keys: see the module doc). */
const ALLOW: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  nlctrl: {
    'number NL_POLICY_TYPE_ATTR_PAD': 'netlink.h has PAD 11 and MASK 12; the 6.12 spec lists mask before pad, which numbers them the other way',
    'number NL_POLICY_TYPE_ATTR_MASK': 'netlink.h has PAD 11 and MASK 12; the 6.12 spec lists mask before pad, which numbers them the other way',
    'name CTRL_CMD_GETFAMILY_REPLY': 'genetlink.h has one command enum: GETFAMILY is answered with CTRL_CMD_NEWFAMILY (1), the number the spec gives its reply',
    'name CTRL_CMD_GETPOLICY_REPLY': 'genetlink.h has one command enum: GETPOLICY is answered with CTRL_CMD_GETPOLICY (10)',
    'ours CTRL_CMD_DELFAMILY': 'a notification on the notify group (genl_ctrl_event), which the spec does not list',
    'ours CTRL_CMD_NEWMCAST_GRP': 'a notification on the notify group (genl_ctrl_event), which the spec does not list',
    'ours CTRL_CMD_DELMCAST_GRP': 'a notification on the notify group (genl_ctrl_event), which the spec does not list',
    'ours CTRL_CMD_NEWOPS': UNUSED_CMD,
    'ours CTRL_CMD_DELOPS': UNUSED_CMD,
    'ours CTRL_CMD_GETOPS': UNUSED_CMD,
    'ours CTRL_CMD_GETMCAST_GRP': UNUSED_CMD,
    'group notify': `the controller's group (net/netlink/genetlink.c); ${NO_GROUPS}`,
  },
  ethtool: {
    'group monitor': `ethtool_netlink.h ETHTOOL_MCGRP_MONITOR_NAME; ${NO_GROUPS}`,
    'multi ETHTOOL_A_TUNNEL_UDP_TABLE': 'one nest per offload table (net/ethtool/tunnels.c); the 6.12 spec does not say multi-attr',
    'multi ETHTOOL_A_STATS_GRP': 'one nest per statistics group (net/ethtool/stats.c); the 6.12 spec does not say multi-attr',
    'multi ETHTOOL_A_STATS_GRP_STAT': 'one nest per counter (net/ethtool/stats.c); the 6.12 spec does not say multi-attr',
    'kind ETHTOOL_A_STATS_GRP_STAT': 'a nest holding one u64 whose type is the counter\'s index in its group (net/ethtool/stats.c, see stats-kind.ts); the spec says u64',
    'multi ETHTOOL_A_STATS_GRP_HIST_RX': 'one nest per histogram bucket (net/ethtool/stats.c); the 6.12 spec does not say multi-attr',
    'multi ETHTOOL_A_STATS_GRP_HIST_TX': 'one nest per histogram bucket (net/ethtool/stats.c); the 6.12 spec does not say multi-attr',
    'ours ETHTOOL_A_STATS_GRP_PAD': 'the kernel pads a bucket\'s u64 HIST_VAL with ETHTOOL_A_STATS_GRP_PAD inside the bucket nest; the spec\'s subset leaves pad out',
    'multi ETHTOOL_A_CABLE_NEST_RESULT': 'one nest per pair (net/ethtool/cabletest.c); the 6.12 spec does not say multi-attr',
    'multi ETHTOOL_A_CABLE_NEST_FAULT_LENGTH': 'one nest per pair (net/ethtool/cabletest.c); the 6.12 spec does not say multi-attr',
    'kind ETHTOOL_A_CABLE_TEST_TDR_NTF_NEST': `${TDR}: the spec names cable-nest`,
    'set ETHTOOL_A_CABLE_TDR_NEST': TDR,
    'set ETHTOOL_A_CABLE_STEP': TDR,
    'set ETHTOOL_A_CABLE_AMPLITUDE': TDR,
    'set ETHTOOL_A_CABLE_PULSE': TDR,
    'enum c33-pse-ext-state.none': C33,
    'enum ETHTOOL_C33_PSE_EXT_STATE_PD_DLL_POWER_TYPE': C33,
    'enum ETHTOOL_C33_PSE_EXT_STATE_POWER_NOT_AVAILABLE': C33,
    'enum ETHTOOL_C33_PSE_EXT_STATE_SHORT_DETECTED': C33,
    'enum module-fw-flash-status.started': FW_FLASH,
    'enum ETHTOOL_MODULE_FW_FLASH_STATUS_STARTED': FW_FLASH,
    'enum ETHTOOL_MODULE_FW_FLASH_STATUS_IN_PROGRESS': FW_FLASH,
    'enum ETHTOOL_MODULE_FW_FLASH_STATUS_COMPLETED': FW_FLASH,
    'enum ETHTOOL_MODULE_FW_FLASH_STATUS_ERROR': FW_FLASH,
    'ours ETHTOOL_A_RINGS_HDS_THRESH': NEWER,
    'ours ETHTOOL_A_RINGS_HDS_THRESH_MAX': NEWER,
    'ours ETHTOOL_A_TSINFO_HWTSTAMP_PROVIDER': NEWER,
    'ours ETHTOOL_A_TSINFO_HWTSTAMP_SOURCE': NEWER,
    'ours ETHTOOL_A_TSINFO_HWTSTAMP_PHYINDEX': NEWER,
    'set ETHTOOL_A_TS_HWTSTAMP_PROVIDER': NEWER,
    'ours ETHTOOL_A_TS_STAT_TX_ONESTEP_PKTS_UNCONFIRMED': NEWER,
    'ours ETHTOOL_A_FEC_STAT_HIST': NEWER,
    'set ETHTOOL_A_FEC_HIST': NEWER,
    'ours ETHTOOL_A_PSE_PW_D_ID': NEWER,
    'ours ETHTOOL_A_PSE_PRIO_MAX': NEWER,
    'ours ETHTOOL_A_PSE_PRIO': NEWER,
    'set ETHTOOL_A_PSE_NTF': NEWER,
    'ours ETHTOOL_A_RSS_FLOW_HASH': NEWER,
    'set ETHTOOL_A_FLOW': NEWER,
    'set ETHTOOL_A_TSCONFIG': NEWER,
    'ours ETHTOOL_MSG_TSCONFIG_GET': NEWER,
    'ours ETHTOOL_MSG_TSCONFIG_SET': NEWER,
    'ours ETHTOOL_MSG_RSS_SET': NEWER,
    'ours ETHTOOL_MSG_RSS_CREATE_ACT': NEWER,
    'ours ETHTOOL_MSG_RSS_DELETE_ACT': NEWER,
    'ours ETHTOOL_MSG_PHY_NTF': NEWER,
    'ours ETHTOOL_MSG_TSCONFIG_GET_REPLY': NEWER,
    'ours ETHTOOL_MSG_TSCONFIG_SET_REPLY': NEWER,
    'ours ETHTOOL_MSG_PSE_NTF': NEWER,
    'ours ETHTOOL_MSG_RSS_NTF': NEWER,
    'ours ETHTOOL_MSG_RSS_CREATE_ACT_REPLY': NEWER,
    'ours ETHTOOL_MSG_RSS_CREATE_NTF': NEWER,
    'ours ETHTOOL_MSG_RSS_DELETE_NTF': NEWER,
  },
  mptcp: {
    'group mptcp_pm_cmds': `mptcp.h MPTCP_PM_CMD_GRP_NAME; ${NO_GROUPS}`,
    'group mptcp_pm_events': `mptcp.h MPTCP_PM_EV_GRP_NAME; ${NO_GROUPS}`,
  },
  netdev: {
    'enum NETDEV_XSK_FLAGS_TX_LAUNCH_TIME_FIFO': NEWER,
    'ours NETDEV_A_PAGE_POOL_IO_URING': NEWER,
    'ours NETDEV_A_QUEUE_IO_URING': NEWER,
    'ours NETDEV_A_QUEUE_XSK': NEWER,
    'ours NETDEV_A_NAPI_DEFER_HARD_IRQS': NEWER,
    'ours NETDEV_A_NAPI_GRO_FLUSH_TIMEOUT': NEWER,
    'ours NETDEV_A_NAPI_IRQ_SUSPEND_TIMEOUT': NEWER,
    'ours NETDEV_A_NAPI_THREADED': NEWER,
    'ours NETDEV_CMD_NAPI_SET': NEWER,
    'ours NETDEV_CMD_BIND_TX': NEWER,
  },
};

// ------------------------------------------------------------ the checks

type Want = 'request' | 'reply' | 'event';

/** A message the spec says the family has. */
interface Expected {
  name: string;
  value: number;
  dir: Want;
  /** Its attribute set (the spec's name). */
  set: string | undefined;
  /** The op (or event) it comes from. */
  from: string;
}

/** The messages of `spec`: its operations' requests, replies and notifications, and the events of EVENT_ENUMS. */
function expectedMessages(spec: Spec): Expected[] {
  const out: Expected[] = [];
  const ops = spec.operations;
  if (ops) {
    const directional = ops['enum-model'] === 'directional';
    const prefix = ops['name-prefix'] ?? `${spec.name}-cmd-`;
    for (const op of ops.list) {
      if (isUnspec(op.name, op['request-value'] ?? -1)) continue;
      const name = cName(prefix, op.name);
      const set = (op.notify === undefined ? op : byName(ops.list, op.notify))?.['attribute-set'];
      if (op.notify !== undefined || op.event !== undefined) {
        const value = directional ? op['reply-value'] : op['request-value'];
        if (value !== null) out.push({ name, value, dir: 'event', set, from: op.name });
        continue;
      }
      if (op['request-value'] !== null && (op.do || op.dump)) out.push({ name, value: op['request-value'], dir: 'request', set, from: op.name });
      const reply = directional ? op['reply-value'] : op['request-value'];
      if ((op.do?.reply || op.dump?.reply) && reply !== null) out.push({ name: directional ? `${name}_REPLY` : name, value: reply, dir: 'reply', set, from: op.name });
    }
  }
  const events = EVENT_ENUMS[spec.name];
  const e = byName(spec.enums, events?.enum);
  for (const x of e?.entries ?? []) {
    if (!isUnspec(x.name, x.value)) out.push({ name: cName(e!['name-prefix'] ?? '', x.name), value: x.value, dir: 'event', set: events!.set, from: `${e!.name} ${x.name}` });
  }
  return out;
}

/** Whether a command of direction `d` decodes messages of direction `want` (a notification: anything the kernel sends). */
function covers(d: GenlDirection, want: Want): boolean {
  if (want === 'request') return d === 'request' || d === 'both';
  if (want === 'reply') return d === 'reply' || d === 'both';
  return d !== 'request';
}

interface GenericReport extends Report {
  counts: { sets: number; messages: number; groups: number };
}

/** A generic family's declaration against its spec; `allow` filters the known differences. */
function checkGeneric(unit: Pick<GenericUnit, 'name' | 'genl'>, spec: Spec, allow: Readonly<Record<string, string>>): GenericReport {
  const cmds = unit.genl.commands;
  const all = reachable([...cmds.map((c) => c.attrs), ...(KEYED_NEST_SETS[unit.name] ?? [])]);
  const { raw, matched, matchOf } = compareDeclarations(all.sets, all.structs, [spec], [spec], allow);
  const sets = matched.length;

  const used = new Set<GenlCommand>();
  let messages = 0;
  const push = (id: string, line: string) => raw.push({ id, line } satisfies Mismatch);
  for (const want of expectedMessages(spec)) {
    const where = `${spec.name} ${want.from} ~ ${want.name} (${want.dir})`;
    const named = cmds.filter((c) => c.name === want.name);
    let c = named.find((x) => covers(x.dir ?? 'both', want.dir));
    if (!c && named.length > 0) {
      push(`dir ${want.name}`, `${where}: ours is a ${named[0]!.dir ?? 'both'} command`);
      named.forEach((x) => used.add(x));
      continue;
    }
    if (!c) {
      c = cmds.find((x) => x.cmd === want.value && covers(x.dir ?? 'both', want.dir));
      if (!c) {
        push(`spec ${want.name}`, `${where}: ${want.value} is not declared by us`);
        continue;
      }
      push(`name ${want.name}`, `${where}: ours ${c.name} (${c.cmd})`);
    }
    used.add(c);
    messages++;
    matched.push(`${c.name} ~ ${spec.name} ${want.from} (${want.dir})`);
    if (c.cmd !== want.value) push(`number ${want.name}`, `${where}: ours ${c.cmd}, spec ${want.value}`);
    const target = byName(spec['attribute-sets'], want.set);
    const m = matchOf(c.attrs);
    if (target && !(m && m.spec === spec && sameSet(m.set, target))) push(`set ${want.name}`, `${where}: attributes ours ${c.attrs.name} (~ ${m ? m.set.name : 'no spec set'}), spec ${target.name}`);
  }
  for (const c of cmds) if (!used.has(c)) push(`ours ${c.name}`, `${spec.name}: ours ${c.name} (${c.cmd}, ${c.dir ?? 'both'}) is not in the spec`);

  const groups = unit.genl.groups ?? [];
  for (const g of spec['mcast-groups']) {
    if (groups.includes(g.name)) matched.push(`group ${g.name}`);
    else push(`group ${g.name}`, `${spec.name}: group ${g.name} is not declared by us`);
  }
  for (const g of groups) if (!spec['mcast-groups'].some((x) => x.name === g)) push(`group ${g}`, `${spec.name}: ours group ${g} is not in the spec`);

  const counts = { sets, messages, groups: matched.length - sets - messages };
  return { ...reportOf(raw, matched, allow), counts };
}

// ------------------------------------------------------------------ tests

const specOf = (u: Pick<GenericUnit, 'genl'>): Spec | undefined => SPECS.find((s) => s.name === u.genl.name);
const reports = new Map<string, GenericReport>();
for (const u of GENERIC_UNITS) {
  const spec = specOf(u);
  if (spec) reports.set(u.name, checkGeneric(u, spec, ALLOW[u.name] ?? {}));
}

// YNL_REPORT=FILE writes what was compared and every mismatch, allowed or not.
if (process.env.YNL_REPORT) writeReport(process.env.YNL_REPORT, reports);

describe(`generic netlink declarations against the kernel's YNL specs (${sourcesOf(SPECS)})`, () => {
  it('has a spec for every generic family', () => {
    expect(GENERIC_UNITS.filter((u) => !specOf(u)).map((u) => u.genl.name)).toEqual([]);
  });

  for (const unit of GENERIC_UNITS) {
    const r = reports.get(unit.name);
    if (!r) continue;
    const { sets, messages, groups } = r.counts;
    it(`${unit.name} (${unit.genl.name}): ${sets} sets, ${messages} messages, ${groups} groups compared`, () => {
      // Each line ends with the key that would allow it in ALLOW.
      expect(r.mismatches.map((m) => `${m.line}  [${m.id}]`)).toEqual([]);
    });
  }

  it('reports a deliberately altered declaration (self-check)', () => {
    const unit = GENERIC_UNITS.find((u) => u.genl.name === 'tcp_metrics')!;
    const spec = specOf(unit)!;
    // tcp_metrics with three changes to its attributes and one added, three to its commands and one added, a group added.
    const attrs = alteredSet(tcpMetricsAttrs, {
      drop: 'TCP_METRICS_ATTR_AGE',
      rekind: ['TCP_METRICS_ATTR_FOPEN_MSS', u32],
      renumber: ['TCP_METRICS_ATTR_TW_TSVAL', 40],
      add: [41, 'TCP_METRICS_ATTR_BOGUS', u8],
    });
    const genl = {
      ...unit.genl,
      groups: ['bogus'],
      commands: [
        { cmd: 5, name: 'TCP_METRICS_CMD_GET', attrs, dir: 'request' as const },
        { cmd: 2, name: 'TCP_METRICS_CMD_DELETE', attrs: tcpMetricsValsAttrs, dir: 'request' as const },
        { cmd: 3, name: 'TCP_METRICS_CMD_BOGUS', attrs },
      ],
    };
    const allow = ALLOW.tcp_metrics ?? {};
    const real = new Set(checkGeneric(unit, spec, allow).mismatches.map((m) => m.line));
    const altered = checkGeneric({ name: unit.name, genl }, spec, allow).mismatches.map((m) => m.line).filter((l) => !real.has(l));
    expect(altered.sort()).toEqual(
      [
        'tcp_metrics tcp-metrics ~ TCP_METRICS_ATTR: TCP_METRICS_ATTR_AGE (3, u64) is not declared by us',
        'tcp_metrics tcp-metrics ~ TCP_METRICS_ATTR: TCP_METRICS_ATTR_FOPEN_MSS (7): ours u32, spec u16',
        'tcp_metrics tcp-metrics ~ TCP_METRICS_ATTR: TCP_METRICS_ATTR_TW_TSVAL: ours 40, spec 4',
        'tcp_metrics tcp-metrics ~ TCP_METRICS_ATTR: ours TCP_METRICS_ATTR_BOGUS (41, u8) is not in the spec',
        'tcp_metrics get ~ TCP_METRICS_CMD_GET (request): ours 5, spec 1',
        'tcp_metrics get ~ TCP_METRICS_CMD_GET (reply): ours is a request command',
        'tcp_metrics del ~ TCP_METRICS_CMD_DEL (request): ours TCP_METRICS_CMD_DELETE (2)',
        'tcp_metrics del ~ TCP_METRICS_CMD_DEL (request): attributes ours TCP_METRICS_A_METRICS (~ metrics), spec tcp-metrics',
        'tcp_metrics: ours TCP_METRICS_CMD_BOGUS (3, both) is not in the spec',
        'tcp_metrics: ours group bogus is not in the spec',
      ].sort(),
    );
  });

  it('every allowance is still needed', () => {
    expect(staleAllowances(ALLOW, reports.values())).toEqual([]);
  });
});
