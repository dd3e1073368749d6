/**
 * nlctrl, the generic netlink controller (`linux/genetlink.h`): family id
 * GENL_ID_CTRL (0x10), version 2. It names every family with its id,
 * operations, multicast groups and (CTRL_CMD_GETPOLICY) the policies its
 * requests are checked with, and announces families and groups as they
 * come and go on its `notify` group.
 */
import { genlFamily } from '../../genl/family.js';
import { GENL_ID_CTRL } from '../../genl/constants.js';
import { ctrlAttrs } from './attrs.js';

export const CTRL_CMD = {
  CTRL_CMD_UNSPEC: 0,
  CTRL_CMD_NEWFAMILY: 1,
  CTRL_CMD_DELFAMILY: 2,
  CTRL_CMD_GETFAMILY: 3,
  CTRL_CMD_NEWOPS: 4,
  CTRL_CMD_DELOPS: 5,
  CTRL_CMD_GETOPS: 6,
  CTRL_CMD_NEWMCAST_GRP: 7,
  CTRL_CMD_DELMCAST_GRP: 8,
  CTRL_CMD_GETMCAST_GRP: 9,
  CTRL_CMD_GETPOLICY: 10,
} as const;

export const nlctrlFamily = genlFamily({
  name: 'nlctrl',
  version: 2,
  id: GENL_ID_CTRL,
  groups: ['notify'],
  commands: Object.entries(CTRL_CMD)
    .filter(([, cmd]) => cmd !== 0)
    .map(([name, cmd]) => ({ cmd, name, attrs: ctrlAttrs, op: name === 'CTRL_CMD_GETFAMILY' || name === 'CTRL_CMD_GETPOLICY' ? ('get' as const) : ('other' as const) })),
});
