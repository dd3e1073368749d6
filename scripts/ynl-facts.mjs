// Writes fixtures/ynl/<spec>.json: the facts of the kernel's YNL netlink
// specs (Documentation/netlink/specs/*.yaml) that our declarations are
// checked against by test/schema/ynl.test.ts. Facts only: names, numbers,
// types, lengths, nesting, which attributes each message carries. No `doc`
// text or other prose is written. Numbers left implicit in a spec are
// computed as YNL computes them (see `numberAttrs`, `numberEntries`,
// `numberOps`), so the test reads plain numbers.
//
//   node scripts/ynl-facts.mjs [--source LABEL] PATH... [--source LABEL PATH...]
//
// PATH is a spec directory or one spec file. `--source LABEL` names where the
// paths after it come from (a kernel version, a commit); without it the label
// is read from the kernel tree's Makefile above the directory. The rtnetlink
// specs (rt-*.yaml, named rt_*.yaml before Linux 6.13; tc.yaml) and the
// generic ones listed in GENERIC are read; a later path giving a spec of the
// same name replaces an earlier one.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';

const GENERIC = ['nlctrl', 'ethtool', 'netdev', 'mptcp_pm', 'tcp_metrics'];
const LICENCE = 'GPL-2.0 WITH Linux-syscall-note OR BSD-3-Clause (the specs); only facts are kept here';

/** Whether a spec file is one we keep (by its file name). */
function wanted(file) {
  const stem = basename(file).replace(/\.yaml$/, '');
  return file.endsWith('.yaml') && (/^rt[-_]/.test(stem) || stem === 'tc' || GENERIC.includes(stem));
}

/** "Linux 6.12.118 (linux-source-6.12)", from the Makefile of the kernel tree holding `dir`, if any. */
function kernelLabel(dir) {
  for (let d = resolve(dir); d !== dirname(d); d = dirname(d)) {
    const mk = join(d, 'Makefile');
    if (!existsSync(join(d, 'Documentation')) || !existsSync(mk)) continue;
    const text = readFileSync(mk, 'utf8');
    const get = (k) => new RegExp(`^${k}[ \\t]*=[ \\t]*(\\S*)`, 'm').exec(text)?.[1] ?? '';
    const version = `${get('VERSION')}.${get('PATCHLEVEL')}.${get('SUBLEVEL')}${get('EXTRAVERSION')}`;
    return { label: `Linux ${version} (${basename(d)})`, root: d };
  }
  return undefined;
}

/** Copies the listed keys that are present (in that order); `doc` is never among them. */
function pick(obj, keys) {
  const out = {};
  for (const k of keys) if (obj !== null && typeof obj === 'object' && Object.hasOwn(obj, k)) out[k] = obj[k];
  return out;
}

const MEMBER_KEYS = ['name', 'type', 'len', 'byte-order', 'enum', 'enum-as-flags', 'struct', 'display-hint'];
const ATTR_KEYS = ['type', 'byte-order', 'nested-attributes', 'struct', 'sub-message', 'selector', 'multi-attr', 'enum', 'enum-as-flags', 'sub-type', 'type-value', 'display-hint', 'len'];
const CHECK_KEYS = ['min', 'max', 'min-len', 'max-len', 'exact-len', 'unterminated-ok'];

/**
 * Enum and flags entries with their values: an entry's value is given, or
 * one more than the previous entry's, or `value-start` (default 0) for the
 * first; for flags that number is a bit position and the value is its mask.
 */
function numberEntries(def) {
  const start = def['value-start'] ?? 0;
  let prev;
  return (def.entries ?? []).map((e) => {
    const entry = typeof e === 'string' ? { name: e } : e;
    const n = entry.value ?? (prev === undefined ? start : prev + 1);
    prev = n;
    const value = def.type === 'flags' ? 2 ** n : n;
    return def.type === 'flags' ? { name: entry.name, bit: n, value } : { name: entry.name, value };
  });
}

/**
 * Attributes with their numbers: the first is 1 unless a value is given,
 * each later one follows the previous. A `subset-of` set takes numbers and
 * types from its superset, by name.
 */
function numberAttrs(set, sets) {
  if (set['subset-of']) {
    const sup = sets.find((s) => s.name === set['subset-of']);
    if (!sup) throw new Error(`${set.name}: subset of unknown set ${set['subset-of']}`);
    const full = numberAttrs(sup, sets);
    return set.attributes.map((a) => {
      const base = full.find((f) => f.name === a.name);
      if (!base) throw new Error(`${set.name}: ${a.name} is not in ${sup.name}`);
      return { ...base, ...attrFacts(a) };
    });
  }
  let next = 1;
  return (set.attributes ?? []).map((a) => {
    const value = a.value ?? next;
    next = value + 1;
    return { name: a.name, value, ...attrFacts(a) };
  });
}

function attrFacts(a) {
  const out = pick(a, ATTR_KEYS);
  const checks = pick(a.checks, CHECK_KEYS);
  if (Object.keys(checks).length) out.checks = checks;
  return out;
}

function mode(m) {
  if (!m) return undefined;
  const out = {};
  for (const dir of ['request', 'reply']) {
    if (!m[dir]) continue;
    out[dir] = pick(m[dir], ['value']);
    if (m[dir].attributes) out[dir].attributes = [...m[dir].attributes];
  }
  return out;
}

/**
 * Message ids. Unified model: one id per operation, given or the previous
 * one plus 1, from 1. Directional model: request and reply ids counted
 * apart, each taken from the first of `do`/`dump` where given; a
 * notification or event moves only the reply count. An id that did not
 * advance is none (null).
 */
function numberOps(ops) {
  const model = ops['enum-model'] ?? 'unified';
  const out = [];
  let req = 1;
  let rsp = 1;
  for (const op of ops.list ?? []) {
    let reqId;
    let rspId;
    if (model === 'unified') {
      if (op.value !== undefined) req = op.value;
      reqId = rspId = req;
      req++;
    } else if (op.notify !== undefined || op.event !== undefined) {
      if (op.value !== undefined) rsp = op.value;
      reqId = null;
      rspId = rsp;
      rsp++;
    } else {
      const m = op.do ?? op.dump;
      if (!m) throw new Error(`operation ${op.name}: neither do, dump, notify nor event`);
      if (m.request?.value) req = m.request.value;
      if (m.reply?.value) rsp = m.reply.value;
      reqId = req;
      rspId = m.reply ? rsp : null;
      req++;
      if (m.reply) rsp++;
    }
    const o = { name: op.name, 'request-value': reqId, 'reply-value': rspId, ...pick(op, ['value', 'attribute-set', 'fixed-header', 'notify', 'event', 'mcgrp']) };
    for (const k of ['do', 'dump']) if (op[k]) o[k] = mode(op[k]);
    if (op.event?.attributes) o.event = { attributes: [...op.event.attributes] };
    out.push(o);
  }
  return { ...pick(ops, ['enum-model', 'name-prefix', 'fixed-header', 'enum-name']), list: out };
}

/** The facts of one parsed spec. */
function facts(spec, source) {
  const defs = spec.definitions ?? [];
  const sets = spec['attribute-sets'] ?? [];
  return {
    source,
    licence: LICENCE,
    ...pick(spec, ['name', 'protocol', 'protonum', 'uapi-header']),
    structs: defs.filter((d) => d.type === 'struct').map((d) => ({ name: d.name, members: (d.members ?? []).map((m) => pick(m, MEMBER_KEYS)) })),
    enums: defs
      .filter((d) => d.type === 'enum' || d.type === 'flags')
      .map((d) => ({ ...pick(d, ['name', 'type', 'name-prefix', 'enum-name', 'value-start', 'header']), entries: numberEntries(d) })),
    consts: defs.filter((d) => d.type === 'const').map((d) => pick(d, ['name', 'value'])),
    'attribute-sets': sets.map((s) => ({ ...pick(s, ['name', 'name-prefix', 'enum-name', 'subset-of']), attributes: numberAttrs(s, sets) })),
    'sub-messages': (spec['sub-messages'] ?? []).map((s) => ({ name: s.name, formats: s.formats.map((f) => pick(f, ['value', 'attribute-set', 'fixed-header'])) })),
    operations: spec.operations ? numberOps(spec.operations) : undefined,
    'mcast-groups': (spec['mcast-groups']?.list ?? []).map((g) => pick(g, ['name', 'value'])),
  };
}

function main(argv) {
  let label;
  const chosen = new Map();
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--source') {
      label = argv[++i];
      continue;
    }
    const path = argv[i];
    const files = statSync(path).isDirectory() ? readdirSync(path).sort().map((f) => join(path, f)) : [path];
    const tree = kernelLabel(dirname(files[0] ?? path));
    for (const file of files.filter(wanted)) {
      const spec = parse(readFileSync(file, 'utf8'));
      // Specs live in Documentation/netlink/specs/ of every kernel tree.
      const where = tree ? relative(tree.root, file) : `Documentation/netlink/specs/${basename(file)}`;
      const source = `${label ?? tree?.label ?? 'unknown source'}, ${where}`;
      chosen.set(spec.name, facts(spec, source));
    }
  }
  if (chosen.size === 0) {
    console.error('usage: node scripts/ynl-facts.mjs [--source LABEL] SPEC_DIR_OR_FILE...  (no rt-*.yaml, tc.yaml or generic spec found)');
    process.exit(1);
  }
  const outDir = new URL('../fixtures/ynl/', import.meta.url);
  mkdirSync(outDir, { recursive: true });
  for (const [name, f] of [...chosen].sort(([a], [b]) => a.localeCompare(b))) {
    writeFileSync(new URL(`${name}.json`, outDir), JSON.stringify(f, null, 1) + '\n');
    const n = f['attribute-sets'].reduce((s, x) => s + x.attributes.length, 0);
    console.log(`${name}.json: ${f['attribute-sets'].length} attribute sets (${n} attributes), ${f.structs.length} structs, ${f.enums.length} enums (${f.source})`);
  }
}

main(process.argv.slice(2));
