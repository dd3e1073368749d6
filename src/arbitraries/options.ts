/**
 * Options of the arbitraries, and the context passed down while an
 * arbitrary is derived from a declaration (depth, the address family the
 * enclosing message header chose, the kernel name being generated).
 */
import type { Arbitrary } from 'fast-check';
import type * as FC from 'fast-check';

/** How values are generated. Every option is optional; the defaults suit round-trip tests. */
export interface ArbitraryOptions {
  /** How deep nested sets may go (the veth peer nests link attributes again). Default 3. */
  maxDepth?: number;
  /** Largest number of bytes for opaque binary values (and strings, in characters). Default 32. */
  maxBinary?: number;
  /** Most items of a repeated attribute or an array value. Default 3. */
  maxRepeat?: number;
  /**
   * At most this many attributes per attribute set (a random subset of
   * 0..maxAttrs of them). Default: any subset, each attribute present or
   * not on its own. Small values give the sparse requests a kernel fuzzer
   * wants (one bad attribute hides the others behind its EINVAL).
   */
  maxAttrs?: number;
  /**
   * Prefer boundary values: 0, 1, the maximum of each integer, empty
   * strings and strings of the longest accepted length (15-byte interface
   * names), the shortest and longest binary payloads. Values stay valid
   * for the encoder; see `outOfRangeArbitrary` for values it must refuse.
   */
  boundaries?: boolean;
  /**
   * Values the kernel accepts: interface-name strings (`string(16)`) of 1-15
   * characters of `[a-z0-9-]`, other strings of `[a-z0-9-]`, MTUs (any
   * `*_MTU` attribute) from 68 to 9000, IPv4 addresses from 198.18.0.0/15
   * and IPv6 addresses from 2001:db8::/32 (the documentation and
   * benchmarking ranges), unicast locally administered 6-byte MAC
   * addresses, enums and flag sets from their named values only, prefix
   * lengths within the address size, and no unknown attributes.
   */
  kernelValid?: boolean;
  /**
   * Addresses follow the message header's family: a header with a
   * `*_family` field of address families (`ifa_family`, `rtm_family`)
   * gets AF_INET or AF_INET6, and every IP-address attribute of either
   * family below it (IFA_LOCAL, RTA_DST, RTA_GATEWAY...) is of that family.
   * Found from the declarations, not from a list of attributes. Default:
   * on with `kernelValid`, off otherwise.
   */
  consistentFamily?: boolean;
  /** With `consistentFamily`: this family only (4 or 6) instead of either. */
  family?: 4 | 6;
  /** Kernel names of attributes never generated, at any depth (`IFLA_NET_NS_FD`). */
  exclude?: readonly string[];
  /** Kernel names of attributes always generated when their set is (`IFLA_IFNAME`). */
  require?: readonly string[];
  /**
   * Fixed values of selector attributes, by kernel name, at any depth:
   * `{ IFLA_INFO_KIND: 'veth' }` makes every IFLA_LINKINFO a veth's and
   * always generates its IFLA_INFO_DATA.
   */
  selectors?: Readonly<Record<string, string>>;
  /** Arbitraries to use instead of the derived ones, by kernel name of the attribute or struct field. */
  overrides?: Readonly<Record<string, Arbitrary<unknown>>>;
  /**
   * Arbitraries for custom kinds that do not supply their own
   * (`Kind.arbitrary`), by the kind's label (`rtvia`). Without one, such
   * attributes are left out; {@link missingArbitraries} lists them.
   */
  custom?: Readonly<Record<string, (fc: typeof FC) => Arbitrary<unknown>>>;
  /**
   * Also generate attributes the declaration does not know (`#<type>`
   * entries, kept verbatim by the codec). Default: on unless `kernelValid`.
   */
  unknown?: boolean;
  /**
   * Open structs (the stats, whose size grew over kernel versions) always
   * with every field. Default: sometimes only a leading run of fields (an
   * older kernel's), or with extra tail bytes (a newer one's).
   */
  fullStructs?: boolean;
  /**
   * Sometimes build attribute sets and structs as objects without a
   * prototype (`Object.create(null)`), as fast-check does by default: code
   * that handles values must not rely on `Object.prototype`. Default: off
   * (plain objects).
   */
  nullPrototype?: boolean;
}

/** Where in a declaration an arbitrary is being derived. */
export interface Ctx {
  readonly o: ArbitraryOptions;
  readonly depth: number;
  /** The address family the enclosing header chose, when consistent families are on. */
  readonly family: 4 | 6 | undefined;
  /** Kernel name of the attribute or field being generated. */
  readonly name: string | undefined;
  /** Arbitraries already built in this derivation (sets recur through the veth peer). */
  readonly cache: Map<object, Map<string, Arbitrary<unknown>>>;
}

/** A fresh context for a top-level derivation. */
export function rootCtx(o: ArbitraryOptions, depth = 0, family?: 4 | 6): Ctx {
  return { o, depth, family, name: undefined, cache: new Map() };
}

export const DEFAULT_MAX_DEPTH = 3;
export const DEFAULT_MAX_BINARY = 32;
export const DEFAULT_MAX_REPEAT = 3;

/** True when consistent families apply with these options. */
export function familyConsistent(o: ArbitraryOptions): boolean {
  return o.consistentFamily ?? (!!o.kernelValid || o.family !== undefined);
}
