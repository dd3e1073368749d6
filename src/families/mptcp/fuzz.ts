/**
 * The generic fuzzer's rules for mptcp_pm (`tsip fuzz --protocol generic`):
 * every request. Endpoints and limits are the namespace's own; addresses
 * come from the documentation ranges, interfaces from the namespace.
 */
import type { GenlFuzzRules } from '../unit.js';

export const rules: GenlFuzzRules = {
  // An address nest with its family and both addresses (the kernel reads the family's).
  require: ['MPTCP_PM_ENDPOINT_ADDR', 'MPTCP_PM_ATTR_ADDR', 'MPTCP_PM_ADDR_ATTR_FAMILY', 'MPTCP_PM_ADDR_ATTR_ADDR4', 'MPTCP_PM_ADDR_ATTR_ADDR6'],
  pin: { MPTCP_PM_ADDR_ATTR_IF_IDX: 'ifindex' },
};
