/**
 * Link attribute sets by message family. Link messages share the IFLA_*
 * numbering, but two attributes change meaning with `ifi_family`:
 *
 * | ifi_family | IFLA_PROTINFO                  | IFLA_AF_SPEC                      |
 * |------------|--------------------------------|-----------------------------------|
 * | AF_UNSPEC  | (not sent)                     | per-family nests (af-spec.ts)     |
 * | AF_BRIDGE  | IFLA_BRPORT_*, NLA_F_NESTED    | IFLA_BRIDGE_* directly            |
 * | AF_INET6   | IFLA_INET6_*, no NLA_F_NESTED  | (not sent)                        |
 *
 * AF_BRIDGE messages come from `bridge link` / `bridge vlan` (and
 * RTNLGRP_LINK notifications for bridge ports); AF_INET6 ones from
 * RTM_GETLINK dumps with family AF_INET6 and RTNLGRP_IPV6_IFINFO.
 * Linux 6.18 / iproute2's include/uapi as fetched.
 */
import { NLA_F_NESTED } from '../../core/constants.js';
import { attrSet, nested, type AttrDecl, type AttrSet } from '../../schema/attr-set.js';
import { AF_BRIDGE, AF_INET6 } from '../../rtnl/constants.js';
import { inet6Attrs } from './af-spec.js';
import { linkAttrDecls, linkAttrs } from './attrs.js';
import { bridgeAfAttrs } from './bridge-af.js';
import { bridgePortAttrs } from './bridge-port.js';

/** `decls` with the entries of the same attribute types replaced by `overrides`. */
function replaceDecls(decls: readonly AttrDecl[], overrides: readonly AttrDecl[]): AttrDecl[] {
  const byType = new Map(overrides.map((d) => [d[0], d] as const));
  return decls.map((d) => byType.get(d[0]) ?? d);
}

/** IFLA_* of AF_BRIDGE link messages. */
export const bridgeLinkAttrs = attrSet(
  'IFLA',
  'IFLA_',
  replaceDecls(linkAttrDecls, [
    [12, 'IFLA_PROTINFO', nested(() => bridgePortAttrs), { flags: NLA_F_NESTED }],
    [26, 'IFLA_AF_SPEC', nested(() => bridgeAfAttrs)],
  ]),
);

/** IFLA_* of AF_INET6 link messages. */
export const inet6LinkAttrs = attrSet(
  'IFLA',
  'IFLA_',
  replaceDecls(linkAttrDecls, [[12, 'IFLA_PROTINFO', nested(() => inet6Attrs)]]),
);

/** The IFLA_* set to decode a link message of family `family` (`ifi_family`) with. */
export function linkAttrsFor(family: number): AttrSet {
  if (family === AF_BRIDGE) return bridgeLinkAttrs;
  if (family === AF_INET6) return inet6LinkAttrs;
  return linkAttrs;
}
