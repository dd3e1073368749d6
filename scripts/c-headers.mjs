/**
 * A small reader of C headers: enum members and numeric #defines, so tests
 * can check our declared constants against the kernel UAPI headers
 * installed on the machine (/usr/include/linux) and against the current
 * ones (fixtures/uapi, made from iproute2's include/uapi by
 * scripts/uapi-facts.mjs). Plain JavaScript so that both the tests and the
 * script use it.
 */
import { existsSync, readFileSync } from 'node:fs';


function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, '');
}

function evaluate(expr, known) {
  const e = expr.trim().replace(/\b(\d+)[uUlL]+\b/g, '$1');
  if (!e) return undefined;
  const replaced = e.replace(/\b[A-Za-z_][A-Za-z0-9_]*\b/g, (name) => {
    const v = known.get(name);
    return v === undefined ? '@' : `(${v})`;
  });
  if (replaced.includes('@') || !/^[\s\d()xXa-fA-F+\-*<>|&~]+$/.test(replaced)) return undefined;
  try {
    const v = Function(`"use strict"; return (${replaced});`)();
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Parses enum members and numeric #defines from the given headers (missing files are skipped). */
/** @param {readonly string[]} paths @returns {Map<string, number>} */
export function readHeaders(paths) {
  const known = new Map();
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const text = stripComments(readFileSync(p, 'utf8'));
    // Enums, in order of appearance.
    for (const m of text.matchAll(/enum\s*[A-Za-z0-9_]*\s*\{([^}]*)\}/g)) {
      let next = 0;
      for (const raw of m[1].split('\n').filter((l) => !l.trim().startsWith('#')).join('\n').split(',')) {
        const item = raw.trim();
        if (!item) continue;
        const [name, value] = item.split('=').map((s) => s.trim());
        if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
        const v = value === undefined ? next : evaluate(value, known);
        if (v === undefined) continue;
        known.set(name, v);
        next = v + 1;
      }
    }
    for (const m of text.matchAll(/^#define\s+([A-Za-z_][A-Za-z0-9_]*)\s+(.+)$/gm)) {
      if (known.has(m[1])) continue;
      const v = evaluate(m[2], known);
      if (v !== undefined) known.set(m[1], v);
    }
  }
  return known;
}

/** The UAPI headers rtnetlink's declarations draw on (file names under linux/). */
export const HEADER_NAMES = [
  'netlink.h',
  'rtnetlink.h',
  'if_link.h',
  'if_addr.h',
  'if.h',
  'if_arp.h',
  'if_bridge.h',
  'veth.h',
  'net_namespace.h',
  'ip.h',
  'ipv6.h',
  'snmp.h',
  'lwtunnel.h',
  'icmpv6.h',
  'neighbour.h',
  'fib_rules.h',
  'nexthop.h',
  'if_bonding.h',
  'mpls.h',
  'in.h',
  'devlink.h',
  'dpll.h',
  'netconf.h',
  'if_addrlabel.h',
  'pkt_sched.h',
  'pkt_cls.h',
  'gen_stats.h',
  'tc_act/tc_gact.h',
  'tc_act/tc_mirred.h',
  // Link kinds' IFLA_INFO_DATA (src/families/link/kinds/).
  'if_tunnel.h',
  'amt.h',
  'wwan.h',
];

/** The same headers as installed on this machine. */
export const SYSTEM_HEADERS = HEADER_NAMES.map((h) => `/usr/include/linux/${h}`);
