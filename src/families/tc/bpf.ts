/**
 * The bpf classifier (`linux/pkt_cls.h`, Linux 6.18): TCA_OPTIONS of a
 * filter of kind "bpf" is `TCA_BPF_*`. A filter runs either a classic BPF
 * program given inline (OPS_LEN instructions in OPS) or an eBPF program
 * given by file descriptor (FD, NAME; the kernel reports its TAG and ID).
 *
 * ```
 * struct sock_filter {             (linux/filter.h, one classic BPF instruction)
 *    0  __u16 code;   2  __u8 jt;   3  __u8 jf;   4  __u32 k;
 * };
 * ```
 */
import { arrayOf } from '../../schema/array.js';
import { attrSet, nested } from '../../schema/attr-set.js';
import { flagsOf } from '../../schema/enums.js';
import { binary, string, u8, u16, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { actionList } from './actions.js';
import { tcHandle } from './header.js';
import { policeAttrs } from './police.js';
import { TCA_CLS_FLAGS } from './u32.js';

/** TCA_BPF_FLAGS bits (`TCA_BPF_FLAG_*`). */
export const TCA_BPF_FLAG = {
  // The program's return value is the action's verdict (no actions run).
  TCA_BPF_FLAG_ACT_DIRECT: 1 << 0,
} as const;

export const sockFilter = struct('sock_filter', '', [
  ['code', u16],
  ['jt', u8],
  ['jf', u8],
  ['k', u32],
]);

export const bpfAttrs = attrSet('TCA_BPF', 'TCA_BPF_', () => [
  [1, 'TCA_BPF_ACT', actionList],
  [2, 'TCA_BPF_POLICE', nested(() => policeAttrs)],
  [3, 'TCA_BPF_CLASSID', tcHandle],
  // Instructions in TCA_BPF_OPS.
  [4, 'TCA_BPF_OPS_LEN', u16],
  [5, 'TCA_BPF_OPS', arrayOf(sockFilter)],
  [6, 'TCA_BPF_FD', u32],
  [7, 'TCA_BPF_NAME', string()],
  [8, 'TCA_BPF_FLAGS', flagsOf(u32, TCA_BPF_FLAG)],
  [9, 'TCA_BPF_FLAGS_GEN', flagsOf(u32, TCA_CLS_FLAGS)],
  // The eBPF program's tag (BPF_TAG_SIZE = 8 bytes).
  [10, 'TCA_BPF_TAG', binary()],
  [11, 'TCA_BPF_ID', u32],
]);
