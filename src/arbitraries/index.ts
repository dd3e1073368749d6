/**
 * `tsnetlink/arbitraries`: fast-check arbitraries derived from the codec's
 * own declarations, for every message type, attribute set, struct and
 * value kind. Nothing here is a second description of the protocol: each
 * arbitrary is computed from the {@link KindSpec} the codec uses, so a new
 * attribute is generated as soon as it is declared.
 *
 * ```ts
 * import fc from 'fast-check';
 * import { messageArbitrary } from 'tsnetlink/arbitraries';
 * import { rtnetlink, encodeMessage, decodeMessage } from 'tsnetlink';
 * fc.assert(fc.property(messageArbitrary(rtnetlink, 'RTM_NEWLINK'), (m) => {
 *   expect(decodeMessage(encodeMessage(m, rtnetlink), rtnetlink)).toEqual(m);
 * }));
 * ```
 *
 * - {@link messageArbitrary}, {@link anyMessageArbitrary},
 *   {@link everyMessageArbitrary}: messages (declared types, NLMSG_ERROR,
 *   NLMSG_DONE, payload-only ones);
 * - {@link setArbitrary}, {@link structArbitrary}, {@link kindArbitrary}:
 *   any attribute set, struct or kind on its own;
 * - {@link ArbitraryOptions}: boundary values, kernel-valid values,
 *   address families that agree with the header, sparse sets, fixed
 *   selectors (`{ IFLA_INFO_KIND: 'veth' }`), exclusions, overrides;
 * - {@link outOfRangeArbitrary}, {@link poisonedMessageArbitrary}: values
 *   and messages the encoder must refuse;
 * - {@link missingArbitraries}: custom kinds that supply no arbitrary.
 *
 * fast-check is a peer dependency: install it in the project that uses this module.
 */
export type { ArbitraryOptions } from './options.js';
export {
  anyMessageArbitrary,
  bodyArbitrary,
  familyField,
  kindArbitrary,
  messageArbitrary,
  messageDef,
  setArbitrary,
  structArbitrary,
  usesAnyIp,
} from './derive.js';
export {
  doneMessageArbitrary,
  errorMessageArbitrary,
  everyMessageArbitrary,
  extAckArbitrary,
  payloadMessageArbitrary,
} from './control.js';
export { outOfRangeArbitrary, poisonedMessageArbitrary, replaceAt, sitesOf, type Poisoned, type Site } from './invalid.js';
export { missingArbitraries, reachableSets, type MissingArbitrary } from './coverage.js';
export { DOC_IPV4, DOC_IPV6, IFNAMSIZ, inDocRange, NAME_CHARS, nameArbitrary } from './domains.js';
