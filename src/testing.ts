/**
 * `tsnetlink/testing`: what tests of code built on tsnetlink need, kept
 * out of the main entry point.
 *
 * - {@link FakeKernel}: a {@link NetlinkPort} that answers like a kernel,
 *   from handlers, for testing without root (pass it to a Connection).
 * - `requests`: the request builders the library uses (RTM_NEWLINK for a
 *   veth, RTM_GETADDR dumps...), to build what a test sends or expects.
 */
export { FakeKernel, type FakeHandler, type ReplyFns } from './transport/fake-kernel.js';
export type { NetlinkPort, DatagramInfo } from './transport/port.js';
import { UNITS, type Family } from './families/registry.js';
import type { Intersect } from './families/unit.js';

/** Every family's request builders (`requests.linkCreate`, `requests.addressDump`...), from the registry. */
export type Requests = Intersect<Family extends infer F ? (F extends { requests: infer R } ? R : never) : never>;

export const requests: Requests = Object.assign({}, ...UNITS.map((f) => f.requests ?? {})) as Requests;
