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
export * as requests from './api/requests.js';
