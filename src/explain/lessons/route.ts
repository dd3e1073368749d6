/**
 * `docs/anatomy-of-a-route.md`: `ip route add 198.19.1.0/24 via
 * 198.18.0.254 metric 100` byte by byte (fixture route/add-prefix), then
 * the same route as the kernel reports it in a dump (route/dump), next to
 * the connected route its gateway is reached through: rtmsg, RTA_DST,
 * RTA_GATEWAY, RTA_PRIORITY, and what the kernel adds (RTA_OIF, RTA_TABLE).
 */
import { rtnetlink } from '../../families/registry.js';
import { explainMessages, messageTypeName } from '../../netlink/explain.js';
import type { Row } from '../../schema/kind.js';
import { moreLessons } from './series.js';
import { at4, conversation, datagramsOf, hexDump, messagesOf, provenance, rowNamed, rowsTable, split, typedCommand, u16, u32, type LessonFixture } from './table.js';

const RTM_NEWROUTE = 24;
const RT_SCOPE_LINK = 253;
const name = (t: number) => messageTypeName(t, rtnetlink);

/** The routes of a dump reply, each as its own bytes with its rows. */
function dumpedRoutes(f: LessonFixture): { bytes: Uint8Array; rows: Row[] }[] {
  const out: { bytes: Uint8Array; rows: Row[] }[] = [];
  for (const d of datagramsOf(f)) {
    if (d.dir !== 'recv') continue;
    for (const m of messagesOf(d.bytes)) {
      if (m.type !== RTM_NEWROUTE) continue;
      const bytes = d.bytes.subarray(m.offset, m.offset + m.len);
      out.push({ bytes, rows: explainMessages(bytes, rtnetlink) });
    }
  }
  return out;
}

const valueOf = (rows: readonly Row[], attr: string) => rows.find((r) => r.role === 'value' && r.path[0] === attr)?.value;

/** The document, from the captures `route/add-prefix` and `route/dump`. */
export function routeLesson(add: LessonFixture, dump: LessonFixture): string {
  const dg = datagramsOf(add);
  if (dg.length !== 2 || u16(dg[0]!.bytes, 4) !== RTM_NEWROUTE) throw new Error('anatomy-of-a-route: expected the request and its ACK');
  const b = dg[0]!.bytes;
  const ack = dg[1]!.bytes;
  const rows = explainMessages(b, rtnetlink);
  const p = split(
    rows,
    [
      ['nlmsghdr', (r) => r.role === 'nlmsghdr'],
      ['rtmsg', (r) => r.path[0] === 'rtmsg'],
      ['dst', (r) => r.path[0] === 'RTA_DST'],
      ['gateway', (r) => r.path[0] === 'RTA_GATEWAY'],
      ['priority', (r) => r.path[0] === 'RTA_PRIORITY'],
    ],
    'anatomy-of-a-route',
  );
  const dst = rowNamed(rows, 'RTA_DST').value;
  const gw = rowNamed(rows, 'RTA_GATEWAY').value;
  const attrsSent = rows.filter((r) => r.role === 'attr').map((r) => r.name);
  const routes = dumpedRoutes(dump);
  const ours = routes.find((r) => valueOf(r.rows, 'RTA_DST') === dst && valueOf(r.rows, 'RTA_GATEWAY') === gw);
  const connected = routes.find((r) => r.bytes[22] === RT_SCOPE_LINK && valueOf(r.rows, 'RTA_GATEWAY') === undefined);
  if (!ours || !connected) throw new Error('anatomy-of-a-route: the dump lacks the added route or the connected route');
  const k = ours.bytes;
  const oif = valueOf(ours.rows, 'RTA_OIF');
  const table = rowNamed(ours.rows, 'RTA_TABLE');
  const kAttrs = ours.rows.filter((r) => r.role === 'attr').map((r) => '`' + r.name + '`');
  const field = (rs: readonly Row[], n: string) => rowNamed(rs, n, 'header').value;

  return `# Anatomy of a route

What \`${typedCommand(add)}\` says to the kernel, byte by byte, and how the kernel
describes the same route afterwards (\`${typedCommand(dump)}\`).
${provenance(
  [
    ['route/add-prefix', add],
    ['route/dump', dump],
  ],
  'docs/anatomy-of-a-route.md',
)}

## The conversation

${conversation(dg, name, ['the request: add the route', 'the ACK'])}

No lookup comes first: the command names no device, only a gateway, and the kernel will find
the device itself.

## The request

\`\`\`
${hexDump(b)}
\`\`\`

### nlmsghdr

${rowsTable(p.get('nlmsghdr')!, b)}

\`RTM_NEWROUTE\` (${u16(b, 4)}), ${b.length} bytes, with \`NLM_F_CREATE|NLM_F_EXCL\` (add, fail if the
same route exists) and \`NLM_F_ACK\`.

### rtmsg

${rowsTable(p.get('rtmsg')!, b)}

Twelve bytes of fixed header, eight one-byte fields and a u32:

- \`rtm_family\` \`AF_INET\`: the addresses below are 4 bytes.
- \`rtm_dst_len\` ${b[17]}: the \`/${b[17]}\` of the destination, which itself travels in \`RTA_DST\`.
  \`rtm_src_len\` and \`rtm_tos\` 0: no source prefix, any TOS.
- \`rtm_table\` ${b[20]} is \`RT_TABLE_MAIN\`, the table \`ip route\` uses unless told otherwise.
- \`rtm_protocol\` ${b[21]} is \`RTPROT_BOOT\`: who made the route. iproute2 marks its routes "boot"
  unless given \`proto\`; the kernel's own are \`RTPROT_KERNEL\`. The kernel stores it and
  does not act on it.
- \`rtm_scope\` ${b[22]} is \`RT_SCOPE_UNIVERSE\`: the destination is somewhere beyond the link
  (see below).
- \`rtm_type\` ${b[23]} is \`RTN_UNICAST\`, a plain route to somewhere (rather than \`blackhole\`,
  \`unreachable\`, \`local\`...).
- \`rtm_flags\` 0.

### RTA_DST

${rowsTable(p.get('dst')!, b)}

The destination network, ${dst}, 4 bytes in network order (the order IP addresses are
written in: \`c6\` is 198), whatever the host's byte order. Its length is \`rtm_dst_len\`.

### RTA_GATEWAY

${rowsTable(p.get('gateway')!, b)}

\`via ${gw}\`: the next hop, which must be reachable directly on some link.

### RTA_PRIORITY

${rowsTable(p.get('priority')!, b)}

\`metric ${u32(b, rowNamed(rows, 'RTA_PRIORITY').offset)}\`, a u32 in host order: among routes to the same prefix, the lowest wins.

### What is not there

The request carries ${attrsSent.map((n) => '`' + n + '`').join(', ')} and nothing else. No \`RTA_OIF\`: without
\`dev\` the kernel picks the device from the gateway. No \`RTA_TABLE\`: table ${b[20]} fits in the
byte \`rtm_table\`, and iproute2 adds the u32 attribute only for table ids above 255 (setting
\`rtm_table\` to 0, \`RT_TABLE_UNSPEC\`, then). With \`dev veth0\` the request would have had
\`RTA_OIF\` with the index, after iproute2 looked the name up.

### Why scope universe

A route's scope says how far away its destination is: \`host\` (this machine), \`link\`
(directly on the link) or \`universe\` (further). iproute2 chooses, for IPv4: \`link\` for a unicast route
with neither gateway nor nexthops, \`universe\` when there is a gateway, as here. The kernel
then checks the gateway: it must be reachable through a route of narrower scope, in practice a
\`link\` route, and that route's device becomes the route's device. If ${gw} were not on any
link the kernel would refuse the route (\`Error: Nexthop has invalid gateway.\`); so it would
with \`scope link\` added to this command, since a gateway for a \`link\` route would have to be
reachable through a \`host\` route, one to this machine itself.

## The ACK

${rowsTable(explainMessages(ack, rtnetlink), ack)}

## The same route, as the kernel reports it

From the dump, the message for this route (offsets count from the start of that message):

${rowsTable(ours.rows, k)}

The kernel's answer carries ${kAttrs.join(', ')}:

- \`RTA_OIF\` ${oif}: the device the kernel found for the gateway; iproute2 asks for the name of
  link ${oif} and prints \`dev\`.
- \`RTA_TABLE\` ${table.value}, though \`rtm_table\` says ${k[20]} already: the kernel always sends the u32
  attribute, and in the byte writes \`RT_TABLE_COMPAT\` (252) for tables above 255.
- \`rtm_protocol\`, \`rtm_scope\` and \`rtm_type\` are what the request set:
  ${field(ours.rows, 'rtm_protocol')}, ${field(ours.rows, 'rtm_scope')}, ${field(ours.rows, 'rtm_type')}.

The route that made ${gw} reachable is the one the kernel added with the address
${valueOf(connected.rows, 'RTA_PREFSRC')}/${connected.bytes[17]}:

${rowsTable(connected.rows, connected.bytes)}

Scope ${field(connected.rows, 'rtm_scope')}, protocol ${field(connected.rows, 'rtm_protocol')}, no gateway, \`RTA_PREFSRC\` (the source address to
use) ${valueOf(connected.rows, 'RTA_PREFSRC')} and the same \`RTA_OIF\` ${valueOf(connected.rows, 'RTA_OIF')}. Its \`RTA_DST\` ${valueOf(connected.rows, 'RTA_DST')}/${connected.bytes[17]}
contains the gateway; the field at ${at4(22)} of each message is the scope.

${moreLessons('anatomy-of-a-route.md')}`;
}
