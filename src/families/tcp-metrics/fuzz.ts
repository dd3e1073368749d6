/**
 * The generic fuzzer's rules for tcp_metrics (`tsip fuzz --protocol
 * generic`): both requests. The cache is the namespace's own (a DEL
 * without an address empties it); addresses come from the documentation
 * ranges.
 */
import type { GenlFuzzRules } from '../unit.js';

export const rules: GenlFuzzRules = {};
