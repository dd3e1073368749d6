/** Types of the kernel's words for values every rtnetlink family shares. */
import { RT_SCOPE } from './constants.js';
import type { KernelWord } from '../schema/enums.js';

export type ScopeName = KernelWord<typeof RT_SCOPE, 'RT_SCOPE_'> | `${number}`;
