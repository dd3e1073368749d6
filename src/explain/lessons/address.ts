/**
 * `docs/anatomy-of-an-address.md`: `ip addr add 198.18.0.1/24 dev veth0`
 * byte by byte (fixture addr/add-ipv4), the same with a peer
 * (addr/add-peer, where IFA_LOCAL and IFA_ADDRESS differ), the IPv6 twin
 * (addr/add-ipv6), then the addresses as the kernel reports them in a dump
 * (addr/dump): ifaddrmsg, IFA_LOCAL against IFA_ADDRESS, the 8-bit
 * ifa_flags against the 32-bit IFA_FLAGS, the ACK.
 */
import { toHex } from '../../bytes/hex.js';
import { rtnetlink } from '../../families/registry.js';
import { explainMessages, messageTypeName } from '../../netlink/explain.js';
import type { Row } from '../../schema/kind.js';
import { moreLessons } from './series.js';
import { at4, conversation, datagramsOf, hexDump, hexOf, messagesOf, provenance, rowNamed, rowsTable, split, typedCommand, u16, u32, type LessonFixture } from './table.js';

const RTM_GETLINK = 18;
const RTM_NEWADDR = 20;
const IFA_F_NODAD = 0x02;

const name = (t: number) => messageTypeName(t, rtnetlink);
const last = (r: Row) => r.path[r.path.length - 1];

/** The request and ACK of an `ip addr add` capture, and the lookup before them. */
function addCapture(f: LessonFixture) {
  const dg = datagramsOf(f);
  const req = dg.find((d) => d.dir === 'send' && u16(d.bytes, 4) === RTM_NEWADDR);
  const lookup = dg.find((d) => d.dir === 'send' && u16(d.bytes, 4) === RTM_GETLINK);
  if (!req || !lookup || dg.length !== 4 || dg[2] !== req) throw new Error('anatomy-of-an-address: expected a name lookup, its answer, the request and its ACK');
  return { dg, req: req.bytes, lookup: lookup.bytes, lookupReply: dg[1]!.bytes, ack: dg[3]!.bytes };
}

/** The RTM_NEWADDR message of a dump whose attribute `attr` holds `value`, as its own bytes. */
function dumped(f: LessonFixture, attr: string, value: string): Uint8Array {
  for (const d of datagramsOf(f)) {
    if (d.dir !== 'recv') continue;
    for (const m of messagesOf(d.bytes)) {
      if (m.type !== RTM_NEWADDR) continue;
      const b = d.bytes.subarray(m.offset, m.offset + m.len);
      if (explainMessages(b, rtnetlink).some((r) => r.role === 'value' && last(r) === attr && r.value === value)) return b;
    }
  }
  throw new Error(`anatomy-of-an-address: the dump has no address with ${attr} ${value}`);
}

/** One explain row whose bytes differ between two requests of the same length. */
export interface ByteChange {
  row: Row;
  before: string;
  after: string;
}

/**
 * Where request `after` differs from request `before` (same length), outside `nlmsg_seq`: each
 * differing byte is reported once, under the value or header row of `after` that holds it.
 */
export function byteChanges(before: Uint8Array, after: Uint8Array, rows: readonly Row[]): ByteChange[] {
  if (before.length !== after.length) throw new Error(`anatomy-of-an-address: requests of ${before.length} and ${after.length} bytes`);
  const out: ByteChange[] = [];
  for (let i = 0; i < after.length; i++) {
    if (before[i] === after[i] || (i >= 8 && i < 12)) continue;
    const row = rows.find((r) => r.role !== 'attr' && i >= r.offset && i < r.offset + r.length);
    if (!row) throw new Error(`anatomy-of-an-address: byte ${i} is in no row`);
    if (out.some((c) => c.row === row)) continue;
    const span = (b: Uint8Array) => toHex(b.subarray(row.offset, row.offset + row.length), ' ');
    out.push({ row, before: span(before), after: span(after) });
  }
  return out;
}

/** The document, from the captures `addr/add-ipv4`, `addr/add-peer`, `addr/add-ipv6` and `addr/dump`. */
export function addressLesson(v4: LessonFixture, peer: LessonFixture, v6: LessonFixture, dump: LessonFixture): string {
  const a = addCapture(v4);
  const b6 = addCapture(v6);
  const b = a.req;
  const rows = explainMessages(b, rtnetlink);
  const p = split(
    rows,
    [
      ['nlmsghdr', (r) => r.role === 'nlmsghdr'],
      ['ifaddrmsg', (r) => r.path[0] === 'ifaddrmsg'],
      ['attrs', (r) => r.path[0] === 'IFA_LOCAL' || r.path[0] === 'IFA_ADDRESS'],
    ],
    'anatomy-of-an-address',
  );
  const local = rowNamed(rows, 'IFA_LOCAL');
  const address = rowNamed(rows, 'IFA_ADDRESS');
  const same = toHex(b.subarray(local.offset, local.offset + local.length)) === toHex(b.subarray(address.offset, address.offset + address.length));
  const index = u32(b, 20);
  const lookedUp = u32(a.lookupReply, 20);
  const lookupName = rowNamed(explainMessages(a.lookup, rtnetlink), 'IFLA_IFNAME').value;
  // The lookup's answer names another port than the ACK: it came on another socket.
  const secondSocket = u32(a.lookupReply, 12) !== u32(a.ack, 12);
  const hasFlagsAttr = (rs: readonly Row[]) => rs.some((r) => r.role === 'attr' && r.path[0] === 'IFA_FLAGS');

  const pc = addCapture(peer);
  const pb = pc.req;
  const prows = explainMessages(pb, rtnetlink);
  const pLocal = rowNamed(prows, 'IFA_LOCAL');
  const pAddress = rowNamed(prows, 'IFA_ADDRESS');
  if (pLocal.value === pAddress.value) throw new Error('anatomy-of-an-address: the peer capture has IFA_LOCAL equal to IFA_ADDRESS');
  const changes = byteChanges(b, pb, prows);
  const changedBytes = changes.reduce((n, c) => n + c.after.split(' ').filter((x, i) => x !== c.before.split(' ')[i]).length, 0);
  // Show the peer request from ifaddrmsg on when its nlmsghdr only differs in nlmsg_seq.
  const sameHeader = !changes.some((c) => c.row.role === 'nlmsghdr');
  const peerShown = sameHeader ? prows.filter((r) => r.role !== 'nlmsghdr') : prows;

  const r6 = explainMessages(b6.req, rtnetlink);
  const local6 = rowNamed(r6, 'IFA_LOCAL');
  const flags6 = b6.req[18]!;

  const k4 = dumped(dump, 'IFA_LOCAL', local.value);
  const k6 = dumped(dump, 'IFA_ADDRESS', local6.value);
  const k4rows = explainMessages(k4, rtnetlink);
  const k6rows = explainMessages(k6, rtnetlink);
  const k4flags = rowNamed(k4rows, 'IFA_FLAGS');
  const k6flags = rowNamed(k6rows, 'IFA_FLAGS');
  const k6names = k6rows.filter((r) => r.role === 'attr' && r.depth === 0).map((r) => '`' + r.name + '`');

  return `# Anatomy of an address

What \`${typedCommand(v4)}\` says to the kernel, byte by byte; then the same
address with a peer (\`${typedCommand(peer)}\`), the IPv6 twin
\`${typedCommand(v6)}\`, and the addresses as the kernel describes them
when asked (\`${typedCommand(dump)}\`).
${provenance(
  [
    ['addr/add-ipv4', v4],
    ['addr/add-peer', peer],
    ['addr/add-ipv6', v6],
    ['addr/dump', dump],
  ],
  'docs/anatomy-of-an-address.md',
)}

## The conversation

${conversation(a.dg, name, ['iproute2 asks for the link by name', `the link: \`ifi_index\` ${lookedUp}`, 'the request: add the address', 'the ACK'])}

An address names its link by index, and the command line gave a name, so iproute2 first asks
for the link ${lookupName} (\`RTM_GETLINK\` with \`IFLA_IFNAME\`${secondSocket ? ', on a second socket it keeps\nfor such lookups' : ''}) and takes \`ifi_index\` ${lookedUp} from the answer. [The veth lesson](anatomy-of-a-veth.md) takes a link
message apart; here it only serves that one number.

## The request

${b.length} bytes: the 16-byte \`nlmsghdr\`, an 8-byte \`ifaddrmsg\`, two 8-byte attributes.

\`\`\`
${hexDump(b)}
\`\`\`

### nlmsghdr

${rowsTable(p.get('nlmsghdr')!, b)}

\`RTM_NEWADDR\` (${u16(b, 4)}) with the same flags as a new link: \`NLM_F_CREATE|NLM_F_EXCL\`
(add, and fail if the address is there already) and \`NLM_F_ACK\` (answer even on success).

### ifaddrmsg

${rowsTable(p.get('ifaddrmsg')!, b)}

The fixed header of every address message, 8 bytes, one field a row:

- \`ifa_family\` says how to read the addresses that follow: \`AF_INET\`, so 4 bytes each.
- \`ifa_prefixlen\` ${b[17]} is the \`/${b[17]}\` of the command: the prefix length lives here, not
  in an attribute, and the address attributes carry the bare address.
- \`ifa_flags\` is ${b[18]}: no flags asked for (more on this byte below).
- \`ifa_scope\` ${b[19]} is \`RT_SCOPE_UNIVERSE\`, which \`ip\` shows as \`scope global\`: the
  address is good beyond this host. iproute2 sends it unless told \`scope link\` or
  \`scope host\`.
- \`ifa_index\` ${index} is the link, the index the lookup returned${index === lookedUp ? '' : ' (it differs here!)'}. It is 4
  bytes wide while the four fields before it are one byte each.

### IFA_LOCAL and IFA_ADDRESS

${rowsTable(p.get('attrs')!, b)}

Two attributes, ${same ? 'both' : 'not both'} carrying ${local.value}. For IPv4 they mean different things:
\`IFA_LOCAL\` is this host's own address on the link, \`IFA_ADDRESS\` the address of the far end
of a point-to-point link. A veth or an Ethernet has no single far end, so iproute2 puts the
same address in both.

### With a peer

\`${typedCommand(peer)}\` names the far end. Its request${sameHeader ? ',\nafter an \`nlmsghdr\` like the first one but for \`nlmsg_seq\`,' : ''} is:

${rowsTable(peerShown, pb)}

Leaving \`nlmsg_seq\` aside, ${changedBytes} byte${changedBytes === 1 ? '' : 's'} differ${changedBytes === 1 ? 's' : ''} from the first request, in ${changes.length} field${changes.length === 1 ? '' : 's'}:

${changes.map((c) => `- \`${c.row.path.join(' > ')}\` at ${at4(c.row.offset)}: \`${c.before}\` became \`${c.after}\` (${c.row.value}).`).join('\n')}

\`IFA_LOCAL\` is still ${pLocal.value}; \`IFA_ADDRESS\` now holds the peer, ${pAddress.value}, and
\`ifa_prefixlen\` ${pb[17]} is the peer's prefix. \`ip addr\` shows this as
\`inet ${pLocal.value} peer ${pAddress.value}/${pb[17]}\`, and the kernel adds a route to ${pAddress.value} on the link
instead of one to a whole network.

## The ACK

${rowsTable(explainMessages(a.ack, rtnetlink), a.ack)}

As for a link: an \`NLMSG_ERROR\` with error 0, the request's header echoed alone
(\`NLM_F_CAPPED\`), ${a.ack.length} bytes in all, with the request's \`nlmsg_seq\` ${u32(a.ack, 8)}.

## The IPv6 twin

${rowsTable(r6, b6.req)}

${b6.req.length} bytes: the same layout with 16-byte addresses (each attribute is 4 + 16 = ${u16(b6.req, local6.offset - 4)} bytes).
\`ifa_family\` is \`AF_INET6\` and \`ifa_prefixlen\` ${b6.req[17]}. \`nodad\` (do not run duplicate
address detection) became \`IFA_F_NODAD\` (0x${IFA_F_NODAD.toString(16)}) in \`ifa_flags\`: the byte at \`0012\` is
0x${flags6.toString(16).padStart(2, '0')}. Again both \`IFA_LOCAL\` and \`IFA_ADDRESS\`; for IPv6 the
kernel treats \`IFA_LOCAL\` as the address and \`IFA_ADDRESS\`, when it differs, as the peer.

### ifa_flags or IFA_FLAGS

\`ifa_flags\` is one byte, and address flags outgrew it: \`IFA_F_MANAGETEMPADDR\` (0x100),
\`IFA_F_NOPREFIXROUTE\` (0x200), \`IFA_F_MCAUTOJOIN\` (0x400) and \`IFA_F_STABLE_PRIVACY\` (0x800)
do not fit. So there is also \`IFA_FLAGS\`, a u32 attribute with all of them. iproute2 puts the
flags in \`ifa_flags\` when they fit in 8 bits and sends \`IFA_FLAGS\` only when they do not;
${hasFlagsAttr(rows) || hasFlagsAttr(r6) ? 'one of these requests carries it.' : 'neither request here carries it.'} The kernel reads \`IFA_FLAGS\` when it is there and \`ifa_flags\`
otherwise.

## The same addresses, as the kernel reports them

The answer to a dump (see [the dump lesson](anatomy-of-a-dump.md)) has one \`RTM_NEWADDR\` per address. Here are the
two above, each on its own, so offsets count from the start of that message:

${rowsTable(k4rows, k4)}

${rowsTable(k6rows, k6)}

What the kernel adds and leaves out:

- Both flag forms, every time: \`ifa_flags\` ${hexOf(k4, 18, 1)} and \`IFA_FLAGS\` ${hexOf(k4, k4flags.offset, 4)}
  (${k4flags.value}) for IPv4; ${hexOf(k6, 18, 1)} and ${hexOf(k6, k6flags.offset, 4)} (${k6flags.value}) for IPv6.
  The byte holds the low 8 bits of the u32. \`IFA_F_PERMANENT\` marks an address added by
  hand, as opposed to one the kernel made (SLAAC) that can expire.
- For IPv4, \`IFA_ADDRESS\` and \`IFA_LOCAL\` both, and the link's name as \`IFA_LABEL\`.
- For IPv6, no \`IFA_LOCAL\` (the attributes are ${k6names.join(', ')}): the kernel sends
  \`IFA_LOCAL\` for IPv6 only when there is a peer, and then \`IFA_ADDRESS\` is the peer.
- \`IFA_CACHEINFO\`: preferred and valid lifetimes (${u32(k4, rowNamed(k4rows, 'ifa_prefered', 'field').offset)}, i.e. 0xffffffff,
  is forever) and two timestamps in hundredths of a second since boot.

${moreLessons('anatomy-of-an-address.md')}`;
}
