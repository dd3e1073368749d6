/**
 * IFLA_LINKINFO as `ip -d link show` (iproute2 6.1) prints it: the kind,
 * then the kind's IFLA_INFO_DATA (`info_data`), then the slave kind and
 * its IFLA_INFO_SLAVE_DATA (`info_slave_data`). Kinds printed in detail:
 * bridge, bridge ports (slave kind `bridge`), macvlan/macvtap and vxlan.
 * veth, ifb and dummy have nothing to print in 6.1 beyond their kind; other
 * kinds print only their kind here (iproute2 may print more for them).
 */
import { BR_BOOLOPT } from './bridge.js';
import { ifName, type FormatContext } from '../../format/context.js';
import { BRIDGE_PORT_STATES, VLAN_PROTOCOLS, VXLAN_DF_NAMES, macvlanModeName } from './names.js';
import { hex0x, num, timer, type Out } from '../../format/printer.js';

type Attrs = Record<string, any>;
type KindPrinter = (o: Out, d: Attrs, ctx: FormatContext) => void;

/** An STP bridge id as iproute2 6.1 prints it: `8000.2:0:0:0:0:3` (glibc ether_ntoa, unpadded). */
export function bridgeIdText(id: string): string {
  const [prio, mac] = id.split('.');
  if (mac === undefined) return id;
  return `${prio}.${mac.split(':').map((b) => parseInt(b, 16).toString(16)).join(':')}`;
}

/** `uint` fields: printed as `key value` (JSON key, text word, attribute). */
function uints(o: Out, d: Attrs, fields: readonly (readonly [string, string, string])[]): void {
  for (const [key, word, attr] of fields) {
    if (d[attr] !== undefined) o.any(key, num(d[attr]), `${word} ${num(d[attr])} `);
  }
}

function printTimer(o: Out, key: string, v: unknown): void {
  const t = timer(v);
  o.any(key, t.json, `${key} ${t.text} `);
}

function onOff(o: Out, key: string, word: string, v: unknown): void {
  const on = num(v) !== 0;
  o.any(key, on, `${word} ${on ? 'on' : 'off'} `);
}

const bridge: KindPrinter = (o, d) => {
  uints(o, d, [
    ['forward_delay', 'forward_delay', 'forwardDelay'],
    ['hello_time', 'hello_time', 'helloTime'],
    ['max_age', 'max_age', 'maxAge'],
    ['ageing_time', 'ageing_time', 'ageingTime'],
    ['stp_state', 'stp_state', 'stpState'],
    ['priority', 'priority', 'priority'],
    ['vlan_filtering', 'vlan_filtering', 'vlanFiltering'],
  ]);
  if (d.vlanProtocol !== undefined) {
    const p = VLAN_PROTOCOLS[d.vlanProtocol] ?? `[${num(d.vlanProtocol)}]`;
    o.any('vlan_protocol', p, `vlan_protocol ${p} `);
  }
  if (d.bridgeId !== undefined) o.any('bridge_id', bridgeIdText(d.bridgeId), `bridge_id ${bridgeIdText(d.bridgeId)} `);
  // iproute2 6.1 prints IFLA_BR_BRIDGE_ID under the root id's name when the root id is present.
  if (d.rootId !== undefined) {
    const shown = bridgeIdText(d.bridgeId ?? d.rootId);
    o.any('root_id', shown, `designated_root ${shown} `);
  }
  uints(o, d, [
    ['root_port', 'root_port', 'rootPort'],
    ['root_path_cost', 'root_path_cost', 'rootPathCost'],
    ['topology_change', 'topology_change', 'topologyChange'],
    ['topology_change_detected', 'topology_change_detected', 'topologyChangeDetected'],
  ]);
  if (d.helloTimer !== undefined) printTimer(o, 'hello_timer', d.helloTimer);
  if (d.tcnTimer !== undefined) printTimer(o, 'tcn_timer', d.tcnTimer);
  if (d.topologyChangeTimer !== undefined) printTimer(o, 'topology_change_timer', d.topologyChangeTimer);
  if (d.gcTimer !== undefined) printTimer(o, 'gc_timer', d.gcTimer);
  uints(o, d, [
    ['vlan_default_pvid', 'vlan_default_pvid', 'vlanDefaultPvid'],
    ['vlan_stats_enabled', 'vlan_stats_enabled', 'vlanStatsEnabled'],
    ['vlan_stats_per_port', 'vlan_stats_per_port', 'vlanStatsPerPort'],
  ]);
  if (d.groupFwdMask !== undefined) o.any('group_fwd_mask', hex0x(num(d.groupFwdMask)), `group_fwd_mask ${hex0x(num(d.groupFwdMask))} `);
  if (d.groupAddr !== undefined) o.any('group_addr', d.groupAddr, `group_address ${d.groupAddr} `);
  uints(o, d, [['mcast_snooping', 'mcast_snooping', 'mcastSnooping']]);
  if (d.multiBoolopt !== undefined) {
    const { val, mask } = d.multiBoolopt as { val: number; mask: number };
    const noLlLearn = BR_BOOLOPT.BR_BOOLOPT_NO_LL_LEARN;
    const mcastVlanSnooping = BR_BOOLOPT.BR_BOOLOPT_MCAST_VLAN_SNOOPING;
    if (mask & noLlLearn) o.any('no_linklocal_learn', val & noLlLearn ? 1 : 0, `no_linklocal_learn ${val & noLlLearn ? 1 : 0} `);
    if (mask & mcastVlanSnooping) {
      const v = val & mcastVlanSnooping ? 1 : 0;
      o.any('mcast_vlan_snooping', v, `mcast_vlan_snooping ${v} `);
    }
  }
  uints(o, d, [
    ['mcast_router', 'mcast_router', 'mcastRouter'],
    ['mcast_query_use_ifaddr', 'mcast_query_use_ifaddr', 'mcastQueryUseIfaddr'],
    ['mcast_querier', 'mcast_querier', 'mcastQuerier'],
    ['mcast_hash_elasticity', 'mcast_hash_elasticity', 'mcastHashElasticity'],
    ['mcast_hash_max', 'mcast_hash_max', 'mcastHashMax'],
    ['mcast_last_member_cnt', 'mcast_last_member_count', 'mcastLastMemberCnt'],
    ['mcast_startup_query_cnt', 'mcast_startup_query_count', 'mcastStartupQueryCnt'],
    ['mcast_last_member_intvl', 'mcast_last_member_interval', 'mcastLastMemberIntvl'],
    ['mcast_membership_intvl', 'mcast_membership_interval', 'mcastMembershipIntvl'],
    ['mcast_querier_intvl', 'mcast_querier_interval', 'mcastQuerierIntvl'],
    ['mcast_query_intvl', 'mcast_query_interval', 'mcastQueryIntvl'],
    ['mcast_query_response_intvl', 'mcast_query_response_interval', 'mcastQueryResponseIntvl'],
    ['mcast_startup_query_intvl', 'mcast_startup_query_interval', 'mcastStartupQueryIntvl'],
    ['mcast_stats_enabled', 'mcast_stats_enabled', 'mcastStatsEnabled'],
    ['mcast_igmp_version', 'mcast_igmp_version', 'mcastIgmpVersion'],
    ['mcast_mld_version', 'mcast_mld_version', 'mcastMldVersion'],
    ['nf_call_iptables', 'nf_call_iptables', 'nfCallIptables'],
    ['nf_call_ip6tables', 'nf_call_ip6tables', 'nfCallIp6tables'],
    ['nf_call_arptables', 'nf_call_arptables', 'nfCallArptables'],
  ]);
};

/** Names of the bits of a port's group_fwd_mask that have one. */
const FWD_MASK_NAMES: Readonly<Record<number, string>> = { 0: 'stp', 2: 'lacp', 14: 'lldp' };

/** `group_fwd_mask_str`: each set bit by name or as `0xN`, comma separated; `0x0` when none. */
export function fwdMaskText(mask: number): string {
  const parts: string[] = [];
  for (let i = 0; i < 16; i++) if (mask & (1 << i)) parts.push(FWD_MASK_NAMES[i] ?? `0x${(1 << i).toString(16)}`);
  return parts.length ? parts.join(',') : '0x0';
}

const bridgeSlave: KindPrinter = (o, d, ctx) => {
  if (d.state !== undefined) {
    const s = BRIDGE_PORT_STATES[d.state as number];
    if (s !== undefined) o.any('state', s, `state ${s} `);
    else o.any('state_index', d.state, `state (${d.state}) `);
  }
  if (d.priority !== undefined) o.any('priority', num(d.priority), `priority ${num(d.priority)} `);
  if (d.cost !== undefined) o.any('cost', num(d.cost) | 0, `cost ${num(d.cost) | 0} `);
  const switches: readonly (readonly [string, string])[] = [
    ['hairpin', 'mode'],
    ['guard', 'guard'],
    ['root_block', 'protect'],
    ['fastleave', 'fastLeave'],
    ['learning', 'learning'],
    ['flood', 'unicastFlood'],
  ];
  for (const [key, attr] of switches) if (d[attr] !== undefined) onOff(o, key, key, d[attr]);
  if (d.id !== undefined) o.any('id', hex0x(num(d.id)), `port_id ${hex0x(num(d.id))} `);
  if (d.no !== undefined) o.any('no', hex0x(num(d.no)), `port_no ${hex0x(num(d.no))} `);
  uints(o, d, [
    ['designated_port', 'designated_port', 'designatedPort'],
    ['designated_cost', 'designated_cost', 'designatedCost'],
  ]);
  if (d.bridgeId !== undefined) o.any('bridge_id', bridgeIdText(d.bridgeId), `designated_bridge ${bridgeIdText(d.bridgeId)} `);
  if (d.rootId !== undefined) o.any('root_id', bridgeIdText(d.rootId), `designated_root ${bridgeIdText(d.rootId)} `);
  if (d.holdTimer !== undefined) printTimer(o, 'hold_timer', d.holdTimer);
  if (d.messageAgeTimer !== undefined) printTimer(o, 'message_age_timer', d.messageAgeTimer);
  if (d.forwardDelayTimer !== undefined) printTimer(o, 'forward_delay_timer', d.forwardDelayTimer);
  uints(o, d, [
    ['topology_change_ack', 'topology_change_ack', 'topologyChangeAck'],
    ['config_pending', 'config_pending', 'configPending'],
  ]);
  if (d.proxyarp !== undefined) onOff(o, 'proxy_arp', 'proxy_arp', d.proxyarp);
  if (d.proxyarpWifi !== undefined) onOff(o, 'proxy_arp_wifi', 'proxy_arp_wifi', d.proxyarpWifi);
  uints(o, d, [['multicast_router', 'mcast_router', 'multicastRouter']]);
  // Text only: the same attribute as `fastleave`, under another name.
  if (d.fastLeave !== undefined) o.t(`mcast_fast_leave ${num(d.fastLeave) ? 'on' : 'off'} `);
  if (d.mcastFlood !== undefined) onOff(o, 'mcast_flood', 'mcast_flood', d.mcastFlood);
  if (d.bcastFlood !== undefined) onOff(o, 'bcast_flood', 'bcast_flood', d.bcastFlood);
  if (d.mcastToUcast !== undefined) onOff(o, 'mcast_to_unicast', 'mcast_to_unicast', d.mcastToUcast);
  if (d.neighSuppress !== undefined) onOff(o, 'neigh_suppress', 'neigh_suppress', d.neighSuppress);
  if (d.groupFwdMask !== undefined) {
    const m = num(d.groupFwdMask);
    o.any('group_fwd_mask', hex0x(m), `group_fwd_mask ${hex0x(m)} `);
    o.any('group_fwd_mask_str', fwdMaskText(m), `group_fwd_mask_str ${fwdMaskText(m)} `);
  }
  if (d.vlanTunnel !== undefined) onOff(o, 'vlan_tunnel', 'vlan_tunnel', d.vlanTunnel);
  if (d.isolated !== undefined) onOff(o, 'isolated', 'isolated', d.isolated);
  if (d.locked !== undefined) onOff(o, 'locked', 'locked', d.locked);
  if (d.backupPort !== undefined) {
    const n = ifName(ctx, num(d.backupPort));
    o.any('backup_port', n, `backup_port ${n} `);
  }
};

const macvlan: KindPrinter = (o, d) => {
  if (d.mode === undefined) return;
  const mode = macvlanModeName(num(d.mode));
  o.any('mode', mode, `mode ${mode} `);
  const flags = num(d.flags);
  if (flags & 1) o.any('nopromisc', true, 'nopromisc ');
  if (flags & 2) o.any('nodst', true, 'nodst ');
  if (d.bcQueueLen !== undefined) o.any('bcqueuelen', num(d.bcQueueLen), `bcqueuelen ${num(d.bcQueueLen)} `);
  if (d.bcQueueLenUsed !== undefined) o.any('usedbcqueuelen', num(d.bcQueueLenUsed), `usedbcqueuelen ${num(d.bcQueueLenUsed)} `);
  if (num(d.mode) !== 16 || d.macaddrCount === undefined) return;
  o.any('macaddr_count', num(d.macaddrCount) | 0, `remotes (${num(d.macaddrCount) | 0}) `);
  const data = d.macaddrData;
  if (data === undefined) return;
  const macs: string[] = ([] as string[]).concat(data.macaddr ?? []);
  o.j('macaddr_data', macs);
  for (const m of macs) o.t(`${m} `);
};

const isMulticast4 = (a: string) => {
  const first = Number(a.split('.')[0]);
  return first >= 224 && first <= 239;
};

const vxlan: KindPrinter = (o, d, ctx) => {
  if (num(d.collectMetadata)) o.any('external', true, 'external ');
  if (num(d.vnifilter)) o.any('vnifilter', true, 'vnifilter');
  if (d.id !== undefined) o.any('id', num(d.id), `id ${num(d.id)} `);
  if (d.group !== undefined) {
    if (d.group !== '0.0.0.0') {
      const key = isMulticast4(d.group) ? 'group' : 'remote';
      o.any(key, d.group, `${key} ${d.group} `);
    }
  } else if (d.group6 !== undefined && d.group6 !== '::') {
    const mc = (d.group6 as string).toLowerCase().startsWith('ff');
    o.any(mc ? 'group6' : 'remote6', d.group6, `${mc ? 'group' : 'remote'} ${d.group6} `);
  }
  if (d.local !== undefined) {
    if (d.local !== '0.0.0.0') o.any('local', d.local, `local ${d.local} `);
  } else if (d.local6 !== undefined && d.local6 !== '::') o.any('local6', d.local6, `local ${d.local6} `);
  if (d.link !== undefined && num(d.link)) {
    const n = ifName(ctx, num(d.link));
    o.any('link', n, `dev ${n} `);
  }
  if (d.portRange !== undefined) {
    const { low, high } = d.portRange as { low: number; high: number };
    o.j('port_range', { low, high });
    o.t(`srcport ${low} ${high} `);
  }
  if (d.port !== undefined) o.any('port', num(d.port), `dstport ${num(d.port)} `);
  if (d.learning !== undefined) {
    o.j('learning', num(d.learning) !== 0);
    if (!num(d.learning)) o.t('nolearning ');
  }
  for (const [attr, key, word] of [
    ['proxy', 'proxy', 'proxy'],
    ['rsc', 'rsc', 'rsc'],
    ['l2miss', 'l2miss', 'l2miss'],
    ['l3miss', 'l3miss', 'l3miss'],
  ] as const) {
    if (num(d[attr])) o.any(key, true, `${word} `);
  }
  const tos = num(d.tos);
  if (tos) {
    if (o.json || tos !== 1) o.any('tos', hex0x(tos), `tos ${hex0x(tos)} `);
    else o.t('tos inherit ');
  }
  if (d.ttlInherit === true || num(d.ttlInherit)) o.t('ttl inherit ');
  else if (d.ttl !== undefined) {
    const ttl = num(d.ttl);
    if (o.json || ttl) o.any('ttl', ttl, `ttl ${ttl} `);
    else o.t('ttl auto ');
  }
  if (d.df !== undefined) {
    const df = VXLAN_DF_NAMES[num(d.df)];
    // 6.1 prints `df unset` in JSON only.
    if (df === 'unset') o.j('df', df);
    else if (df !== undefined) o.any('df', df, `df ${df} `);
  }
  if (num(d.label)) o.any('label', hex0x(num(d.label)), `flowlabel ${hex0x(num(d.label))} `);
  if (d.ageing !== undefined) {
    const age = num(d.ageing);
    o.any('ageing', age, age === 0 ? 'ageing none ' : `ageing ${age} `);
  }
  if (num(d.limit)) o.any('limit', num(d.limit), `maxaddr ${num(d.limit)} `);
  for (const [attr, key, word] of [
    ['udpCsum', 'udp_csum', 'udpcsum'],
    ['udpZeroCsum6Tx', 'udp_zero_csum6_tx', 'udp6zerocsumtx'],
    ['udpZeroCsum6Rx', 'udp_zero_csum6_rx', 'udp6zerocsumrx'],
  ] as const) {
    if (d[attr] === undefined) continue;
    const on = num(d[attr]) !== 0;
    o.any(key, on, `${on ? '' : 'no'}${word} `);
  }
  if (num(d.remcsumTx)) o.any('remcsum_tx', true, 'remcsumtx ');
  if (num(d.remcsumRx)) o.any('remcsum_rx', true, 'remcsumrx ');
  if (d.gbp !== undefined) o.any('gbp', true, 'gbp ');
  if (d.gpe !== undefined) o.any('gpe', true, 'gpe ');
};

/** IFLA_INFO_DATA printers by IFLA_INFO_KIND (kinds iproute2 6.1 prints data for, among those decoded). */
export const KIND_PRINTERS: Readonly<Record<string, KindPrinter>> = { bridge, macvlan, macvtap: macvlan, vxlan };

/** IFLA_INFO_SLAVE_DATA printers by IFLA_INFO_SLAVE_KIND. */
export const SLAVE_KIND_PRINTERS: Readonly<Record<string, KindPrinter>> = { bridge: bridgeSlave };

/** Prints a decoded IFLA_LINKINFO (`{kind, data, slaveKind, slaveData}`) as `ip -d link show` does. */
export function printLinkInfo(o: Out, li: Attrs, ctx: FormatContext): void {
  o.open('linkinfo');
  if (li.kind !== undefined) {
    o.nl();
    o.any('info_kind', li.kind, `    ${li.kind} `);
    const p = KIND_PRINTERS[li.kind];
    if (p) {
      o.open('info_data');
      if (li.data !== undefined && !(li.data instanceof Uint8Array)) p(o, li.data, ctx);
      o.close();
    }
  }
  if (li.slaveKind !== undefined) {
    o.nl();
    o.any('info_slave_kind', li.slaveKind, `    ${li.slaveKind}_slave `);
    const p = SLAVE_KIND_PRINTERS[li.slaveKind];
    if (p) {
      o.open('info_slave_data');
      if (li.slaveData !== undefined && !(li.slaveData instanceof Uint8Array)) p(o, li.slaveData, ctx);
      o.close();
    }
  }
  o.close();
}
