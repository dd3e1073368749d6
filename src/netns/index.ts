/**
 * Network namespaces: names checked as iproute2 checks them, the named
 * namespaces in `/run/netns` (list, add and delete through `ip netns`,
 * descriptors for IFLA_NET_NS_FD), and {@link HelperPort}, a netlink port
 * inside another namespace through a helper process started there.
 */
export { isNetnsNameError, isValidNetnsName, NETNS_NAME_MAX, NetnsNameError, validateNetnsName, type NetnsNameProblem } from './names.js';
export {
  addNetns,
  closeNetnsFd,
  deleteNetns,
  isNetnsError,
  listNetns,
  NETNS_RUN_DIR,
  NetnsError,
  netnsPath,
  openNetnsFd,
  type IpOptions,
  type NetnsOp,
  type NetnsChangeOptions,
  type NetnsMethod,
} from './registry.js';
export { HelperError, helperMainPath, HelperPort, isHelperError, type HelperPortOptions } from './helper-port.js';
export { liveHelpers } from './reaper.js';
