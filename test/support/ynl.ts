/**
 * The kernel's YNL specs as facts (fixtures/ynl, made by
 * scripts/ynl-facts.mjs), and the checks of our declarations against them
 * that test/schema/ynl.test.ts (rtnetlink) and ynl-genl.test.ts (generic
 * netlink) share.
 *
 * - Sets are matched by the kernel's C names: a spec attribute's name is
 *   its set's `name-prefix` plus its own name, upper-cased, `-` -> `_`
 *   (`ifla-` + `mtu` = IFLA_MTU). Where a spec set gives no prefix, the
 *   prefix comes from SPEC_PREFIX below, or from its superset
 *   (`subset-of`), or, in a generic netlink spec, from the family and set
 *   names as YNL's C generator makes it (`ethtool-a-linkinfo-` + `port` =
 *   ETHTOOL_A_LINKINFO_PORT); else from the names themselves (rt-addr's
 *   `ifa-address`), or, in the specs that declare the family's messages
 *   (`home`), from the prefix of our set. Each of our sets is compared with
 *   the spec set sharing the most names with it.
 * - Each attribute of that spec set must be declared by us with the same
 *   number and a compatible kind (integer width, signedness and byte
 *   order; string; binary, or the struct the spec names; nest of the set
 *   the spec names, or of its superset; sub-message by a sibling, each
 *   format's set; repeated where the spec says `multi-attr`), and each
 *   attribute we declare must be in the spec set, or the difference be
 *   allowed with a one-line reason. UNSPEC (0) needs no declaration.
 * - The same for every struct we declare under a spec struct's name
 *   (members by offset, size and kind), and for the enums and flags a spec
 *   attribute or member names (by value; a flag table's 0 is no bit).
 *
 * One mismatch a line, with the id an allowance table takes as its key:
 * - `ours NAME`: we declare NAME, the spec set does not;
 * - `spec NAME`: the spec set has NAME, we do not declare it;
 * - `number NAME`, `kind NAME`: same name, another number or kind;
 * - `multi NAME`: repeated on one side only (the spec's `multi-attr`);
 * - `set SET`: our set SET is not compared (no spec set matches it, or the
 *   spec describes it otherwise);
 * - `struct CNAME.member`: a struct member differs or is only on one side;
 *   `struct CNAME`: the struct is not compared;
 * - `enum NAME`: an enum or flag value only on one side, or named otherwise.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { attrSet, type AttrSet } from '../../src/schema/attr-set.js';
import type { Kind } from '../../src/schema/kind.js';
import type { StructKind } from '../../src/schema/struct.js';

// ---------------------------------------------------------------- the facts

export interface SpecAttr {
  name: string;
  value: number;
  type: string;
  'byte-order'?: string;
  'nested-attributes'?: string;
  struct?: string;
  'sub-message'?: string;
  selector?: string;
  enum?: string;
  'enum-as-flags'?: boolean;
  'display-hint'?: string;
  'multi-attr'?: boolean;
  'sub-type'?: string;
  /** An attribute's own prefix, where it differs from its set's. */
  'name-prefix'?: string;
}
export interface SpecSet {
  name: string;
  'name-prefix'?: string;
  'subset-of'?: string;
  attributes: SpecAttr[];
}
export interface SpecMember {
  name: string;
  type: string;
  len?: number;
  struct?: string;
  'byte-order'?: string;
  enum?: string;
  'enum-as-flags'?: boolean;
}
export interface SpecMode {
  request?: { value?: number; attributes?: string[] };
  reply?: { value?: number; attributes?: string[] };
}
export interface SpecOp {
  name: string;
  /** Unified model: the op's number; directional: the request's (null for a notification). */
  'request-value': number | null;
  /** Directional model: the reply's or notification's number (null when the kernel sends none). */
  'reply-value': number | null;
  'attribute-set'?: string;
  'fixed-header'?: string;
  /** A notification, with the attributes of the op named. */
  notify?: string;
  /** A notification with attributes of its own. */
  event?: { attributes?: string[] };
  mcgrp?: string;
  do?: SpecMode;
  dump?: SpecMode;
}
export interface SpecEnum {
  name: string;
  type: 'enum' | 'flags';
  'name-prefix'?: string;
  entries: { name: string; value: number }[];
}
export interface Spec {
  source: string;
  name: string;
  /** `netlink-raw` (rtnetlink); `genetlink`, the default, `genetlink-c` or `genetlink-legacy`. */
  protocol?: string;
  structs: { name: string; members: SpecMember[] }[];
  enums: SpecEnum[];
  'attribute-sets': SpecSet[];
  'sub-messages': { name: string; formats: { value: string; 'attribute-set'?: string; 'fixed-header'?: string }[] }[];
  operations?: { 'fixed-header'?: string; 'enum-model'?: string; 'name-prefix'?: string; list: SpecOp[] };
  'mcast-groups': { name: string }[];
}

const YNL_DIR = new URL('../../fixtures/ynl/', import.meta.url);

/** Every spec in fixtures/ynl. */
export const ALL_SPECS: readonly Spec[] = readdirSync(YNL_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, YNL_DIR), 'utf8')) as Spec);

/** A generic netlink spec (YNL's default protocol is genetlink). */
export const isGenericSpec = (s: Spec): boolean => (s.protocol ?? 'genetlink').startsWith('genetlink');

/** Where the specs come from, for a test's title: `Linux 6.12.118 (linux-source-6.12); ...`. */
export function sourcesOf(specs: readonly Spec[]): string {
  return [...new Set(specs.map((s) => s.source.replace(/, Documentation.*/, '')))].join('; ');
}

/** The reason of an allowance for what a newer kernel has. */
export const NEWER = 'newer than the spec (Linux 6.12)';

/**
 * Prefixes of spec sets that give no `name-prefix`, where their names do
 * not carry it either (the kernel's enum for each, from the UAPI headers).
 */
const SPEC_PREFIX: Readonly<Record<string, string>> = {
  'rt-link/af-spec-attrs': 'AF_',
  'rt-link/vfinfo-list-attrs': 'IFLA_VF_',
  'rt-link/vfinfo-attrs': 'IFLA_VF_',
  'rt-link/vf-stats-attrs': 'IFLA_VF_STATS_',
  'rt-link/vf-vlan-attrs': 'IFLA_VF_VLAN_',
  'rt-link/vf-ports-attrs': 'IFLA_VF_',
  'rt-link/port-self-attrs': 'IFLA_PORT_',
  'rt-link/linkinfo-attrs': 'IFLA_INFO_',
  // The spec's `name-prefix: ifla-vlan-qos` lacks its trailing `-`.
  'rt-link/ifla-vlan-qos': 'IFLA_VLAN_QOS_',
  'rt-link/xdp-attrs': 'IFLA_XDP_',
  'rt-link/ifla-attrs': 'IFLA_INET_',
  'rt-link/ifla6-attrs': 'IFLA_INET6_',
  'rt-link/link-offload-xstats': 'IFLA_OFFLOAD_XSTATS_',
  'rt-link/hw-s-info-one': 'IFLA_OFFLOAD_XSTATS_HW_S_INFO_',
  'rt-link/link-dpll-pin-attrs': 'DPLL_A_PIN_',
  'rt-addr/addr-attrs': '',
  'rt-route/route-attrs': '',
  'rt-route/rta-metrics': '',
};

/**
 * Attributes whose own `name-prefix` the facts do not keep
 * (scripts/ynl-facts.mjs copies a set's prefix, not an attribute's): in
 * ethtool's `pse` set every attribute but `header` is named from
 * `ethtool-a-` (ETHTOOL_A_PODL_PSE_ADMIN_STATE, ETHTOOL_A_C33_PSE_*, as
 * ethtool_netlink.h has them). `spec/set` -> [attribute names, prefix].
 */
const ATTR_PREFIX: Readonly<Record<string, readonly [RegExp, string]>> = {
  'ethtool/pse': [/^(podl|c33)-pse-/, 'ethtool-a-'],
};

/**
 * Spec structs named otherwise than the kernel's (the spec names them after
 * the attribute): spec name -> our (the UAPI's) C name.
 */
const STRUCT_ALIAS: Readonly<Record<string, string>> = {
  'ifla-inet6-stats': 'ipstats_mib',
  'ifla-icmp6-stats': 'icmp6_mib',
};

// ------------------------------------------------------------ the checks

/** The kernel's C name of a spec name: `ifla-` + `mtu` -> `IFLA_MTU`. */
export function cName(prefix: string, name: string): string {
  return (prefix + name).toUpperCase().replace(/-/g, '_');
}

/** `fib-rule-hdr` -> `fib_rule_hdr`, as our structs are named (or as STRUCT_ALIAS says). */
export function cStruct(name: string): string {
  return STRUCT_ALIAS[name] ?? name.replace(/-/g, '_');
}

/** UNSPEC (0) is no attribute: neither side needs to declare it. */
export const isUnspec = (name: string, value: number): boolean => value === 0 && /(^|[-_])unspec$/i.test(name);

export interface Candidate {
  spec: Spec;
  set: SpecSet;
  /** C name -> attribute. */
  byName: Map<string, SpecAttr>;
  /** Whether the prefix came from our set (not from the spec or SPEC_PREFIX). */
  inferred: boolean;
}

/** A spec set's own prefix: `name-prefix`, SPEC_PREFIX's, its superset's or the generic default; undefined when none is known. */
export function specPrefix(spec: Spec, set: SpecSet): string | undefined {
  const given = SPEC_PREFIX[`${spec.name}/${set.name}`];
  if (given !== undefined) return given;
  if (set['name-prefix'] !== undefined) return set['name-prefix'];
  if (set['subset-of']) {
    const sup = spec['attribute-sets'].find((s) => s.name === set['subset-of']);
    if (sup) return specPrefix(spec, sup);
  }
  // YNL's C names for a generic family: `<family>-a-<set>-`.
  if (isGenericSpec(spec)) return `${spec.name}-a-${set.name}-`;
  return undefined;
}

/** The C names of a spec set's attributes under `prefix` (or an attribute's own). */
export function candidate(spec: Spec, set: SpecSet, prefix: string, inferred: boolean): Candidate {
  const attrs = set.attributes.filter((a) => !isUnspec(a.name, a.value));
  const own = ATTR_PREFIX[`${spec.name}/${set.name}`];
  const prefixOf = (a: SpecAttr) => a['name-prefix'] ?? (own?.[0].test(a.name) ? own[1] : prefix);
  return { spec, set, byName: new Map(attrs.map((a) => [cName(prefixOf(a), a.name), a])), inferred };
}

/**
 * How well spec set `set` fits `ours` (0: not at all): the C names they
 * share and the numbers they agree on, over all names of both. Prefixes
 * are guessed from ours only in `home`, the specs that declare the
 * family's messages, and such a guess must agree on most numbers of both
 * sets (else `id`, `pad`... would match anything).
 */
function fit(ours: AttrSet, spec: Spec, set: SpecSet, home: readonly Spec[]): { c: Candidate; score: number } | undefined {
  const own = specPrefix(spec, set);
  const tries = [candidate(spec, set, own ?? '', false)];
  if (own === undefined && home.includes(spec)) tries.push(candidate(spec, set, ours.prefix, true));
  let best: { c: Candidate; score: number } | undefined;
  for (const c of tries) {
    let shared = 0;
    let sameNumber = 0;
    for (const d of ours.defs) {
      const a = c.byName.get(d.name);
      if (a === undefined) continue;
      shared++;
      if (a.value === d.type) sameNumber++;
    }
    if (shared === 0) continue;
    if (c.inferred && sameNumber * 2 < Math.max(ours.defs.length, c.byName.size)) continue;
    const union = ours.defs.length + c.byName.size - shared;
    // Prefixes given by the spec win ties over guessed ones.
    const score = (shared + sameNumber) / (2 * union) + (c.inferred ? 0 : 1e-9);
    if (!best || score > best.score) best = { c, score };
  }
  return best;
}

/** The spec set that fits `ours` best, if any shares a name with it. */
function bestMatch(ours: AttrSet, specs: readonly Spec[], home: readonly Spec[]): { c: Candidate; score: number } | undefined {
  let best: { c: Candidate; score: number } | undefined;
  for (const spec of specs) {
    for (const set of spec['attribute-sets']) {
      const f = fit(ours, spec, set, home);
      if (f && (!best || f.score > best.score)) best = f;
    }
  }
  return best;
}

/** What the checks compare a kind by. */
type Shape =
  | { c: 'int'; bits: number; signed: boolean; be: boolean }
  | { c: 'uint' | 'sint' }
  | { c: 'flag' }
  | { c: 'string' }
  | { c: 'bytes'; label: string; struct?: string; custom?: boolean; ipv4?: boolean }
  | { c: 'nest'; set: AttrSet }
  | { c: 'dependent'; choices: Readonly<Record<string, Kind>>; nests?: AttrSet[] }
  | { c: 'other'; label: string };

function shapeOf(k: Kind): Shape {
  const s = k.spec;
  switch (s.t) {
    case 'uint':
    case 'sint':
      // NLA_UINT / NLA_SINT: 4 or 8 bytes, no fixed size.
      if (k.fixedSize === undefined) return { c: s.t };
      return { c: 'int', bits: s.bits, signed: s.t === 'sint', be: s.be };
    case 'enum':
    case 'flags':
      return shapeOf(s.base);
    case 'flag':
      return { c: 'flag' };
    case 'string':
      return { c: 'string' };
    case 'struct':
      return { c: 'bytes', label: k.label, struct: (k as StructKind).cName };
    case 'ip':
      return { c: 'bytes', label: k.label, ipv4: s.family === 4 };
    case 'binary':
    case 'lladdr':
    case 'array':
      return { c: 'bytes', label: k.label };
    case 'nested':
      return { c: 'nest', set: s.set() };
    case 'message':
      return { c: 'nest', set: s.set() };
    case 'dependent': {
      // A nest whose set a sibling chooses (TCA_STATS2 by TCA_KIND) is still a nest.
      const all = [...Object.values(s.choices()), s.fallback].map(shapeOf);
      const nests = all.every((x) => x.c === 'nest') ? [...new Set(all.map((x) => (x as { set: AttrSet }).set))] : undefined;
      return { c: 'dependent', choices: s.choices(), nests };
    }
    case 'custom':
      return { c: 'bytes', label: k.label, custom: true };
    default:
      return { c: 'other', label: k.label };
  }
}

function describeShape(sh: Shape): string {
  switch (sh.c) {
    case 'int':
      return `${sh.signed ? 's' : 'u'}${sh.bits}${sh.be ? ' big-endian' : ''}`;
    case 'uint':
    case 'sint':
    case 'flag':
    case 'string':
      return sh.c;
    case 'bytes':
      return sh.struct ? `struct ${sh.struct}` : sh.label;
    case 'nest':
      return `nest ${sh.set.name}`;
    case 'dependent':
      return 'sub-message';
    default:
      return sh.label;
  }
}

function describeSpec(a: { type: string; 'byte-order'?: string; struct?: string; 'nested-attributes'?: string; 'sub-message'?: string }): string {
  let s = a.type;
  if (a['byte-order'] === 'big-endian') s += ' big-endian';
  if (a.struct) s += ` struct ${a.struct}`;
  if (a['nested-attributes']) s += ` ${a['nested-attributes']}`;
  if (a['sub-message']) s += ` ${a['sub-message']}`;
  return s;
}

const INT = /^([us])(8|16|32|64)$/;

/** Why `ours` does not fit the spec's type, or undefined when it does (nesting is checked apart). */
function kindMismatch(spec: { type: string; 'byte-order'?: string; struct?: string; len?: number }, k: Kind): string | undefined {
  const sh = shapeOf(k);
  const bad = (): string => `ours ${describeShape(sh)}, spec ${describeSpec(spec)}`;
  const int = INT.exec(spec.type);
  if (int) {
    const be = spec['byte-order'] === 'big-endian';
    // An IPv4 address is the same 4 bytes as a big-endian u32.
    if (sh.c === 'bytes' && sh.ipv4 && spec.type === 'u32' && be) return undefined;
    if (sh.c !== 'int' || sh.bits !== Number(int[2]) || sh.signed !== (int[1] === 's') || sh.be !== be) return bad();
    return undefined;
  }
  switch (spec.type) {
    case 'uint':
    case 'sint':
      return sh.c === spec.type ? undefined : bad();
    case 'flag':
      return sh.c === 'flag' ? undefined : bad();
    case 'string':
      return sh.c === 'string' ? undefined : bad();
    case 'pad':
    case 'unused':
      return sh.c === 'bytes' && !sh.struct ? undefined : bad();
    case 'binary':
      if (sh.c !== 'bytes') return bad();
      if (spec.struct && cStruct(spec.struct) !== (sh.struct ?? cStruct(sh.label))) return bad();
      return undefined;
    case 'bitfield32':
      return sh.c === 'bytes' ? undefined : bad();
    case 'nest':
      return sh.c === 'nest' || (sh.c === 'dependent' && sh.nests) ? undefined : bad();
    case 'indexed-array':
    case 'nest-type-value':
      // Nests of nests by index or type: a nested set or a kind of our own (src/schema/keyed-nest.ts).
      return sh.c === 'nest' || (sh.c === 'bytes' && sh.custom) ? undefined : bad();
    case 'sub-message':
      return sh.c === 'dependent' ? undefined : bad();
    default:
      return `spec type ${spec.type} is unknown to this test`;
  }
}

/** A mismatch: its id (the key an allowance table takes) and the line that reports it. */
export interface Mismatch {
  id: string;
  line: string;
}

export interface Report {
  mismatches: Mismatch[];
  /** Those the allowances let pass. */
  allowed: Mismatch[];
  /** What was compared with what, for the summary. */
  matched: string[];
  /** Allowance ids that were used. */
  used: Set<string>;
}

/** The same set, or one with the same attributes (tc-police-attrs and tc-act-police-attrs). */
export function sameSet(a: SpecSet, b: SpecSet): boolean {
  if (a.name === b.name) return true;
  const key = (s: SpecSet) => s.attributes.map((x) => `${x.value}:${x.name}:${x.type}`).join(' ');
  return key(a) === key(b);
}

export function byName<T extends { name: string }>(list: readonly T[], name: string | undefined): T | undefined {
  return name === undefined ? undefined : list.find((x) => x.name === name);
}

/** Values of a spec enum as the attribute or member uses them (`enum-as-flags`: masks). */
function enumValues(spec: Spec, ref: { enum?: string; 'enum-as-flags'?: boolean }): Map<number, string> | undefined {
  const e = byName(spec.enums, ref.enum);
  if (!e) return undefined;
  const asFlags = ref['enum-as-flags'] && e.type === 'enum';
  return new Map(e.entries.map((x) => [asFlags ? 2 ** x.value : x.value, x.name]));
}

/** `IFF_POINTOPOINT` is `point-to-point` when letters alone are compared, from the end. */
function sameWord(ours: string, spec: string): boolean {
  const norm = (s: string) => s.toUpperCase().replace(/[-_]/g, '');
  return norm(ours).endsWith(norm(spec));
}

/** Compares the names of our enum/flags kind `k` with the spec enum `ref` names. */
function compareEnum(spec: Spec, ref: { enum?: string; 'enum-as-flags'?: boolean }, k: Kind, where: string, out: Mismatch[]): void {
  const s = k.spec;
  if (s.t !== 'enum' && s.t !== 'flags') return;
  const theirs = enumValues(spec, ref);
  if (!theirs) return;
  const ours = new Map(Object.entries(s.names).map(([v, n]) => [Number(v), n]));
  for (const [v, n] of theirs) {
    const mine = ours.get(v);
    if (mine === undefined) out.push({ id: `enum ${ref.enum}.${n}`, line: `${where}: enum ${ref.enum}: ${n} (${v}) is not in ours` });
    else if (!sameWord(mine, n)) out.push({ id: `enum ${mine}`, line: `${where}: enum ${ref.enum}: ours ${mine} (${v}), spec ${n}` });
  }
  // A flag table's 0 (NUD_NONE) names no bit.
  const flags = byName(spec.enums, ref.enum)?.type === 'flags' || ref['enum-as-flags'];
  for (const [v, n] of ours) if (!theirs.has(v) && !(flags && v === 0)) out.push({ id: `enum ${n}`, line: `${where}: enum ${ref.enum}: ours ${n} (${v}) is not in the spec` });
}

interface Layout {
  offsets: number[];
  sizes: number[];
  size: number;
  align: number;
}

/**
 * Where a spec struct's members lie in the C struct it describes: each at
 * its natural alignment, the whole rounded up to the largest (the spec
 * lists no implicit padding, a C compiler adds it: `struct ifla_vf_guid`
 * is 16 bytes, its u64 at offset 8).
 */
function layoutOf(spec: Spec, name: string): Layout {
  const def = byName(spec.structs, name);
  const out: Layout = { offsets: [], sizes: [], size: 0, align: 1 };
  if (!def) return out;
  let off = 0;
  for (const m of def.members) {
    const int = INT.exec(m.type);
    let size = m.len ?? 0;
    let align = 1;
    if (int) size = align = Number(int[2]) / 8;
    else if (m.struct) ({ size, align } = layoutOf(spec, m.struct));
    off = Math.ceil(off / align) * align;
    out.offsets.push(off);
    out.sizes.push(size);
    off += size;
    out.align = Math.max(out.align, align);
  }
  out.size = Math.ceil(off / out.align) * out.align;
  return out;
}

/** A struct we declare against the spec struct of the same name: members by offset. */
function compareStruct(spec: Spec, ours: StructKind, allow: Readonly<Record<string, string>>, out: Mismatch[]): boolean {
  const def = spec.structs.find((s) => cStruct(s.name) === ours.cName);
  if (!def) return false;
  const where = `${spec.name} struct ${def.name} ~ ${ours.cName}`;
  if (allow[`struct ${ours.cName}`] !== undefined) {
    out.push({ id: `struct ${ours.cName}`, line: `${where}: not compared` });
    return true;
  }
  const layout = layoutOf(spec, def.name);
  const covered = new Set<number>();
  def.members.forEach((m, i) => {
    const size = layout.sizes[i]!;
    const at = layout.offsets[i]!;
    const f = ours.fields.find((x) => x.offset === at);
    const member = m.name.replace(/-/g, '_');
    if (m.type === 'pad') {
      // Padding: ours may name it (res1, pad2) or leave it out.
      for (const x of ours.fields) if (x.offset >= at && x.offset + x.size <= at + size) covered.add(x.offset);
      return;
    }
    if (!f) {
      out.push({ id: `struct ${ours.cName}.${member}`, line: `${where}: ${m.name} (offset ${at}, ${m.type}) is not in ours` });
      return;
    }
    covered.add(f.offset);
    const why = f.size !== size ? `ours ${f.size} bytes, spec ${size}` : kindMismatch(m, f.kind);
    if (why) out.push({ id: `struct ${ours.cName}.${f.name}`, line: `${where}: ${f.name} (offset ${at}): ${why}` });
    else if (!sameWord(f.name, member)) out.push({ id: `struct ${ours.cName}.${f.name}`, line: `${where}: offset ${at}: ours ${f.name}, spec ${m.name}` });
    compareEnum(spec, m, f.kind, `${where}: ${f.name}`, out);
  });
  for (const f of ours.fields) {
    if (!covered.has(f.offset)) out.push({ id: `struct ${ours.cName}.${f.name}`, line: `${where}: ours ${f.name} (offset ${f.offset}) is not in the spec` });
  }
  if (ours.structSize !== layout.size && !ours.open) out.push({ id: `struct ${ours.cName}.size`, line: `${where}: ours ${ours.structSize} bytes, spec ${layout.size}` });
  return true;
}

/** What {@link compareDeclarations} found, and the set matcher the message checks go on with. */
export interface Comparison {
  raw: Mismatch[];
  matched: string[];
  /** The spec set our set is compared with. */
  matchOf(set: AttrSet): Candidate | undefined;
}

/**
 * Our sets and structs against the spec sets and structs of `specs` (see
 * the module doc). `home`: the specs that declare the family's messages;
 * there every set of ours must match a spec set, and prefixes may be
 * guessed from ours. `allow` is read for `set NAME` and `struct CNAME`
 * (not compared at all); other mismatches are all returned.
 */
export function compareDeclarations(
  sets: readonly AttrSet[],
  structs: readonly StructKind[],
  specs: readonly Spec[],
  home: readonly Spec[],
  allow: Readonly<Record<string, string>>,
): Comparison {
  const raw: Mismatch[] = [];
  const matched: string[] = [];
  const match = new Map<AttrSet, { c: Candidate; score: number } | undefined>();
  const scored = (s: AttrSet) => {
    if (!match.has(s)) match.set(s, bestMatch(s, specs, home));
    return match.get(s);
  };
  const matchOf = (s: AttrSet): Candidate | undefined => scored(s)?.c;
  /** Whether our `set` fits spec set `target` as well as any (the spec may hold equal sets, or `target` be a subset of the one it fits). */
  const fits = (set: AttrSet, spec: Spec, target: SpecSet): boolean => {
    const best = scored(set);
    const f = fit(set, spec, target, home);
    if (!best || !f) return false;
    return f.score >= best.score - 1e-6 || sameSet(best.c.set, target) || (best.c.spec === spec && target['subset-of'] === best.c.set.name);
  };

  for (const ours of sets) {
    // `set NAME` allowed: not compared at all (the spec describes it otherwise).
    if (allow[`set ${ours.name}`] !== undefined) {
      raw.push({ id: `set ${ours.name}`, line: `${ours.name}: not compared` });
      continue;
    }
    const c = matchOf(ours);
    if (!c) {
      // Only a family some spec declares must be covered by the spec's sets.
      if (home.length > 0 && ours.defs.length > 0) raw.push({ id: `set ${ours.name}`, line: `${ours.name}: no spec set matches it` });
      continue;
    }
    const where = `${c.spec.name} ${c.set.name} ~ ${ours.name}`;
    matched.push(`${ours.name} ~ ${c.spec.name} ${c.set.name}${c.inferred ? ` (prefix ${ours.prefix})` : ''}`);
    for (const [name, a] of c.byName) {
      const d = ours.defs.find((x) => x.name === name);
      if (!d) {
        raw.push({ id: `spec ${name}`, line: `${where}: ${name} (${a.value}, ${describeSpec(a)}) is not declared by us` });
        continue;
      }
      if (d.type !== a.value) raw.push({ id: `number ${name}`, line: `${where}: ${name}: ours ${d.type}, spec ${a.value}` });
      if (!!a['multi-attr'] !== d.multi) raw.push({ id: `multi ${name}`, line: `${where}: ${name} (${a.value}): ${d.multi ? 'ours repeats, the spec does not say multi-attr' : 'the spec says multi-attr, ours does not repeat'}` });
      const why = kindMismatch(a, d.kind);
      if (why) {
        raw.push({ id: `kind ${name}`, line: `${where}: ${name} (${a.value}): ${why}` });
        continue;
      }
      const sh = shapeOf(d.kind);
      const nests = sh.c === 'nest' ? [sh.set] : sh.c === 'dependent' && a.type === 'nest' ? (sh.nests ?? []) : [];
      const target = byName(c.spec['attribute-sets'], a['nested-attributes']);
      // A spec set with no attributes (vf-ports-attrs in 6.12) says nothing to compare.
      for (const set of target && target.attributes.length > 0 ? nests : []) {
        if (fits(set, c.spec, target!)) continue;
        const inner = matchOf(set);
        raw.push({ id: `kind ${name}`, line: `${where}: ${name}: ours nests ${set.name} (~ ${inner ? `${inner.spec.name} ${inner.set.name}` : 'no spec set'}), spec nests ${target!.name}` });
      }
      if (sh.c === 'dependent' && a['sub-message']) {
        const sub = byName(c.spec['sub-messages'], a['sub-message']);
        for (const f of sub?.formats ?? []) {
          const k = sh.choices[f.value];
          if (!k || !f['attribute-set']) continue;
          const ksh = shapeOf(k);
          const inner = ksh.c === 'nest' ? matchOf(ksh.set) : undefined;
          const fset = byName(c.spec['attribute-sets'], f['attribute-set']);
          if (ksh.c !== 'nest' || !fset || !fits(ksh.set, c.spec, fset)) {
            raw.push({ id: `kind ${name}.${f.value}`, line: `${where}: ${name} for "${f.value}": ours ${describeShape(ksh)}${inner ? ` (~ ${inner.set.name})` : ''}, spec ${f['attribute-set']}` });
          }
        }
      }
      compareEnum(c.spec, a, d.kind, `${where}: ${name}`, raw);
    }
    for (const d of ours.defs) {
      if (!c.byName.has(d.name) && !isUnspec(d.name, d.type)) raw.push({ id: `ours ${d.name}`, line: `${where}: ours ${d.name} (${d.type}, ${describeShape(shapeOf(d.kind))}) is not in the spec` });
    }
  }

  for (const s of structs) {
    for (const spec of [...home, ...specs.filter((x) => !home.includes(x))]) {
      if (compareStruct(spec, s, allow, raw)) {
        matched.push(`struct ${s.cName} ~ ${spec.name}`);
        break;
      }
    }
  }
  return { raw, matched, matchOf };
}

/** The report of `raw`: one line per mismatch (two sets of one name may give the same line), split by `allow`. */
export function reportOf(raw: readonly Mismatch[], matched: string[], allow: Readonly<Record<string, string>>): Report {
  const unique = [...new Map(raw.map((m) => [m.line, m])).values()];
  const mismatches = unique.filter((m) => allow[m.id] === undefined);
  const allowed = unique.filter((m) => allow[m.id] !== undefined);
  return { mismatches, allowed, matched, used: new Set(allowed.map((m) => m.id)) };
}

/** `YNL_REPORT=FILE`: what was compared and every mismatch, allowed or not, family by family. */
export function writeReport(file: string, reports: ReadonlyMap<string, Report>): void {
  const lines = [...reports].flatMap(([name, r]) => [
    `## ${name}`,
    ...r.matched.map((m) => `= ${m}`),
    ...r.allowed.map((m) => `allowed [${m.id}] ${m.line}`),
    ...r.mismatches.map((m) => `FAIL [${m.id}] ${m.line}`),
  ]);
  writeFileSync(file, lines.join('\n') + '\n');
}

/** Allowances no report used, as `family: key`. */
export function staleAllowances(allow: Readonly<Record<string, Readonly<Record<string, string>>>>, reports: Iterable<Report>): string[] {
  const used = new Set([...reports].flatMap((r) => [...r.used]));
  return Object.entries(allow).flatMap(([family, table]) => Object.keys(table).filter((k) => !used.has(k)).map((k) => `${family}: ${k}`));
}

/** What a self-check changes in a set: one attribute left out, one renumbered, one of another kind, one added. */
export interface Alteration {
  drop: string;
  renumber: readonly [name: string, type: number];
  rekind: readonly [name: string, kind: Kind];
  add: readonly [type: number, name: string, kind: Kind];
}

/** A copy of `set` with the changes of `a`, for the self-checks (the checks must report each). */
export function alteredSet(set: AttrSet, a: Alteration): AttrSet {
  const decls = set.defs
    .filter((d) => d.name !== a.drop)
    .map((d) => {
      const opts = { multi: d.multi, flags: d.flags };
      if (d.name === a.rekind[0]) return [d.type, d.name, a.rekind[1], opts] as const;
      if (d.name === a.renumber[0]) return [a.renumber[1], d.name, d.kind, opts] as const;
      return [d.type, d.name, d.kind, opts] as const;
    });
  return attrSet(set.name, set.prefix, [...decls, a.add]);
}
