/**
 * nlctrl, the generic netlink controller (`linux/genetlink.h`): family id
 * GENL_ID_CTRL (0x10), version 2. It names every family with its id,
 * operations, multicast groups and (CTRL_CMD_GETPOLICY) the policies its
 * requests are checked with, and announces families and groups as they
 * come and go on its `notify` group.
 */
import { genlFamily } from '../../genl/family.js';
import { CTRL_CMD, CTRL_VERSION, GENL_ID_CTRL } from '../../genl/constants.js';
import { ctrlAttrs } from './attrs.js';

export { CTRL_CMD };

export const nlctrlFamily = genlFamily({
  name: 'nlctrl',
  version: CTRL_VERSION,
  id: GENL_ID_CTRL,
  groups: ['notify'],
  commands: Object.entries(CTRL_CMD)
    .filter(([, cmd]) => cmd !== 0)
    .map(([name, cmd]) => ({ cmd, name, attrs: ctrlAttrs, op: name === 'CTRL_CMD_GETFAMILY' || name === 'CTRL_CMD_GETPOLICY' ? ('get' as const) : ('other' as const) })),
});
