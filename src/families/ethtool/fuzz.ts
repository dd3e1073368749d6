/**
 * The generic fuzzer's rules for ethtool (`tsip fuzz --protocol generic`):
 * every request, each with its header nest naming a device of the
 * fuzzer's namespace (by index, at times by name too, most of the time), except
 * the module firmware flash. Cable tests and the rest act on the
 * namespace's virtual devices only, which refuse most of them.
 */
import type { GenlFuzzRules } from '../unit.js';
import { ethtoolFamily } from './family.js';

/** The request header nest of every request (ETHTOOL_A_LINKINFO_HEADER...). */
const HEADERS = [...new Set(ethtoolFamily.commands.filter((c) => c.dir === 'request').flatMap((c) => c.attrs.defs.filter((d) => d.name.endsWith('_HEADER')).map((d) => d.name)))];

export const rules: GenlFuzzRules = {
  forbiddenCommands: ['ETHTOOL_MSG_MODULE_FW_FLASH_ACT'],
  forbidden: ['ETHTOOL_A_MODULE_FW_FLASH_FILE_NAME', 'ETHTOOL_A_MODULE_FW_FLASH_PASSWORD'],
  // The header nest, naming a device by index (and by name too, at times); bitsets in the verbose form, a FEATURES_SET with its wanted bits.
  require: [...HEADERS, 'ETHTOOL_A_HEADER_DEV_INDEX', 'ETHTOOL_A_FEATURES_WANTED', 'ETHTOOL_A_BITSET_BITS', 'ETHTOOL_A_BITSET_BITS_BIT', 'ETHTOOL_A_BITSET_BIT_NAME'],
  // Valid requests name no PHY (the namespace's devices have none), and their bitsets name their bits (a compact part, or an index not matching the name, is refused).
  avoid: ['ETHTOOL_A_HEADER_PHY_INDEX', 'ETHTOOL_A_BITSET_SIZE', 'ETHTOOL_A_BITSET_VALUE', 'ETHTOOL_A_BITSET_MASK', 'ETHTOOL_A_BITSET_BIT_INDEX'],
  pin: { ETHTOOL_A_HEADER_DEV_INDEX: 'ifindex', ETHTOOL_A_HEADER_DEV_NAME: 'ifname' },
  // Bits named as the kernel names features (netdev_features_strings), so that some FEATURES_SET requests change something.
  values: {
    ETHTOOL_A_BITSET_BIT_NAME: ['rx-gro', 'rx-gro-list', 'rx-udp-gro-forwarding', 'tx-checksum-ip-generic', 'tx-scatter-gather', 'tx-tcp-segmentation', 'tx-generic-segmentation', 'tx-nocache-copy', 'rx-checksum', 'highdma', 'loopback', 'rx-lro'],
  },
};
