/**
 * Generic netlink's fixed header (`linux/genetlink.h`): after nlmsghdr,
 * every generic netlink message starts with the command and the family's
 * interface version.
 *
 * ```
 * struct genlmsghdr {      0        1        2        3
 *   __u8  cmd;             +--------+--------+--------+--------+
 *   __u8  version;         |  cmd   | version|     reserved    |
 *   __u16 reserved;        +--------+--------+--------+--------+
 * };
 * ```
 * 4 bytes, host byte order. nlmsg_type is the family's id (GENL_ID_CTRL,
 * 0x10, for the controller; others are given out by the kernel at
 * registration and looked up by name).
 */
import { enumOf } from '../schema/enums.js';
import { u8, u16 } from '../schema/scalars.js';
import { struct, type StructKind } from '../schema/struct.js';

/** The decoded header. */
export interface GenlHeader {
  cmd: number;
  version: number;
  reserved: number;
}

/** `genlmsghdr` with a plain command number. */
export const genlmsghdr: StructKind<GenlHeader> = struct<GenlHeader>('genlmsghdr', '', [
  ['cmd', u8],
  ['version', u8],
  ['reserved', u16],
]);

/** `genlmsghdr` whose command is named from `commands` (one family, one direction). */
export function namedGenlHeader(commands: Readonly<Record<string, number>>): StructKind<GenlHeader> {
  return struct<GenlHeader>('genlmsghdr', '', [
    ['cmd', enumOf(u8, commands)],
    ['version', u8],
    ['reserved', u16],
  ]);
}
