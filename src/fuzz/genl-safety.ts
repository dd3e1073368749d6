/**
 * What the generic netlink fuzzer may send. Everything goes to a
 * throwaway namespace through a socket made inside it, and each request
 * is checked as decoded and again on its encoded bytes (so a mutation
 * that turns one command into another, or hides an attribute, is seen as
 * the kernel will see it):
 *
 * - only to a fuzzed family (by its id), only its commands the fuzzer
 *   sends (never a forbidden one: ethtool's module firmware flash,
 *   netdev's dmabuf bindings);
 * - no attribute that reaches outside the namespace (the family's
 *   forbidden ones, and any named like a file descriptor, a pid or a
 *   namespace id), at any depth;
 * - every IP address in 198.18.0.0/15 or 2001:db8::/32, limited values
 *   from their lists, known-only values among those the kernel or the
 *   namespace has (a family name: the controller asks for a module to be
 *   loaded for one it lacks), and each family's own checks;
 * - attributes the declaration does not know only of types up to one past
 *   the last it declares (the kernel's policy refuses those; a type
 *   further on may be one a newer kernel gives meaning).
 */
import type { GenericProtocol } from '../genl/protocol.js';
import type { Message } from '../netlink/message.js';
import { OUTSIDE_NAME, sourceValues, type GenlFuzzFamily, type GenlWorld } from './genl-ops.js';
import { stripForbidden, unsafeBytes, unsafeValue } from './safety.js';
import type { Visit } from './walk.js';

/** An unknown attribute of a type past one after its set's last: why it is refused. */
function unknownBeyond(v: Visit): string | undefined {
  if (v.kind !== undefined || v.set === undefined || !v.key.startsWith('#')) return undefined;
  const type = Number(v.key.slice(1));
  const last = v.set.byType.length - 1;
  return type > last + 1 ? `${v.names.join(' > ')}: attribute type ${type} is unknown and past ${v.set.name}'s last (${last}) + 1` : undefined;
}

/** The safety rules of one run: the fuzzed families, whose ids `proto` has bound, and what the namespace and the kernel have. */
export class GenlSafety {
  private readonly sources: ReturnType<typeof sourceValues>;

  constructor(
    private readonly proto: GenericProtocol,
    private readonly families: readonly GenlFuzzFamily[],
    world: GenlWorld,
  ) {
    this.sources = sourceValues(world);
  }

  /** The fuzzed family that message type `type` belongs to. */
  private familyOf(type: number): GenlFuzzFamily | undefined {
    const name = this.proto.nameOf(type);
    return this.families.find((f) => f.def.name === name);
  }

  /** Removes the forbidden attributes of `msg`'s family from it, at any depth, in place; returns how many. */
  strip(msg: Message): number {
    const fam = this.familyOf(msg.type);
    return fam === undefined ? 0 : stripForbidden(msg, this.proto, (n) => fam.forbidden.has(n) || OUTSIDE_NAME.test(n));
  }

  /** Why `msg` (a request) must not be sent, or undefined when it may. */
  reason(msg: Message): string | undefined {
    const fam = this.familyOf(msg.type);
    if (fam === undefined) return `message type ${msg.type} is not a family the fuzzer sends to`;
    // Shorter than genlmsghdr: no command, the kernel refuses it as it is.
    if (msg.header === undefined) return msg.payload !== undefined && msg.payload.length < 4 ? undefined : 'the request did not decode';
    const cmd = msg.header.cmd as number;
    if (!fam.commands.some((c) => c.cmd === cmd)) return `command ${cmd} of ${fam.def.name} is not one the fuzzer sends`;
    const unknownValue = (v: Visit): string | undefined => {
      const name = v.names[v.names.length - 1]!;
      const src = fam.known.has(name) ? fam.rules.pin?.[name] : undefined;
      if (src !== undefined && !this.sources[src].has(v.value as string | number)) return `${v.names.join(' > ')} = ${String(v.value)} is not a ${src} this kernel or namespace has`;
      return unknownBeyond(v);
    };
    return fam.rules.check?.(msg) ?? unsafeValue(msg, this.proto, (n) => fam.forbidden.has(n) || OUTSIDE_NAME.test(n), fam.limited, unknownValue);
  }

  /** The check on the wire: `bytes` (one encoded request) decode, and the decoded request is safe. */
  bytesReason(bytes: Uint8Array): string | undefined {
    return unsafeBytes(bytes, this.proto, (m) => this.reason(m));
  }
}
