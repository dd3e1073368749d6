/**
 * The generic fuzzer's rules for nlctrl (`tsip fuzz --protocol generic`):
 * its two queries, CTRL_CMD_GETFAMILY and CTRL_CMD_GETPOLICY (the kernel
 * answers no other request), naming families this kernel has (always by
 * name: for a name it lacks the controller asks for a module to be
 * loaded, outside any namespace), most of the time by id. Both only read.
 */
import type { GenlFuzzRules } from '../unit.js';

export const rules: GenlFuzzRules = {
  commands: ['CTRL_CMD_GETFAMILY', 'CTRL_CMD_GETPOLICY'],
  pin: { CTRL_ATTR_FAMILY_NAME: 'genl-family-name', CTRL_ATTR_FAMILY_ID: 'genl-family-id', CTRL_ATTR_OP: 'genl-op' },
  // CTRL_CMD_GETFAMILY for a name the kernel does not have calls request_module() for it.
  known: ['CTRL_ATTR_FAMILY_NAME'],
};
