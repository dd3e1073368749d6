/**
 * `docs/anatomy-of-a-route.md`: `ip route add 198.19.2.0/24 via
 * 198.18.0.254 dev veth0` byte by byte (fixture route/add-via-dev: the
 * link lookup, then rtmsg, RTA_DST, RTA_GATEWAY and RTA_OIF), the same
 * kind of route without `dev` but with a metric (route/add-prefix), and
 * that route as the kernel reports it in a dump (route/dump), next to the
 * connected route its gateway is reached through: what the kernel adds
 * (RTA_OIF, RTA_TABLE).
 */
import { rtnetlink } from '../../families/registry.js';
import { explainMessages, messageTypeName } from '../../netlink/explain.js';
import type { Row } from '../../schema/kind.js';
import { moreLessons } from './series.js';
import { at4, conversation, datagramsOf, hexDump, messagesOf, provenance, rowNamed, rowsTable, split, typedCommand, u16, u32, type LessonFixture } from './table.js';

const RTM_GETLINK = 18;
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

/** The lookup, its answer, the request and its ACK of an `ip route add ... dev NAME` capture. */
function devCapture(f: LessonFixture) {
  const dg = datagramsOf(f);
  if (dg.length !== 4 || u16(dg[0]!.bytes, 4) !== RTM_GETLINK || u16(dg[2]!.bytes, 4) !== RTM_NEWROUTE) {
    throw new Error('anatomy-of-a-route: expected a name lookup, its answer, the request and its ACK');
  }
  return { dg, lookup: dg[0]!.bytes, lookupReply: dg[1]!.bytes, req: dg[2]!.bytes, ack: dg[3]!.bytes };
}

const code = (names: readonly string[]) => names.map((n) => '`' + n + '`').join(', ');

/** The document, from the captures `route/add-via-dev`, `route/add-prefix` and `route/dump`. */
export function routeLesson(viaDev: LessonFixture, add: LessonFixture, dump: LessonFixture): string {
  const c = devCapture(viaDev);
  const b = c.req;
  const rows = explainMessages(b, rtnetlink);
  const p = split(
    rows,
    [
      ['nlmsghdr', (r) => r.role === 'nlmsghdr'],
      ['rtmsg', (r) => r.path[0] === 'rtmsg'],
      ['dst', (r) => r.path[0] === 'RTA_DST'],
      ['gateway', (r) => r.path[0] === 'RTA_GATEWAY'],
      ['oif', (r) => r.path[0] === 'RTA_OIF'],
    ],
    'anatomy-of-a-route',
  );
  const dst = rowNamed(rows, 'RTA_DST').value;
  const gw = rowNamed(rows, 'RTA_GATEWAY').value;
  const oifRow = rowNamed(rows, 'RTA_OIF');
  const oifSent = u32(b, oifRow.offset);
  const lookedUp = u32(c.lookupReply, 20);
  const lookupName = rowNamed(explainMessages(c.lookup, rtnetlink), 'IFLA_IFNAME').value;
  const dev = lookupName.replace(/"/g, '');
  // The lookup's answer names another port than the ACK: it came on another socket.
  const secondSocket = u32(c.lookupReply, 12) !== u32(c.ack, 12);
  const attrsSent = rows.filter((r) => r.role === 'attr').map((r) => r.name);

  const dg2 = datagramsOf(add);
  if (dg2.length !== 2 || u16(dg2[0]!.bytes, 4) !== RTM_NEWROUTE) throw new Error('anatomy-of-a-route: expected the request without dev and its ACK');
  const b2 = dg2[0]!.bytes;
  const rows2 = explainMessages(b2, rtnetlink);
  const dst2 = rowNamed(rows2, 'RTA_DST').value;
  const gw2 = rowNamed(rows2, 'RTA_GATEWAY').value;
  const attrs2 = rows2.filter((r) => r.role === 'attr').map((r) => r.name);
  const metric = u32(b2, rowNamed(rows2, 'RTA_PRIORITY').offset);
  const onlyFirst = attrsSent.filter((n) => !attrs2.includes(n));
  const onlySecond = attrs2.filter((n) => !attrsSent.includes(n));

  const routes = dumpedRoutes(dump);
  const ours = routes.find((r) => valueOf(r.rows, 'RTA_DST') === dst2 && valueOf(r.rows, 'RTA_GATEWAY') === gw2);
  const connected = routes.find((r) => r.bytes[22] === RT_SCOPE_LINK && valueOf(r.rows, 'RTA_GATEWAY') === undefined);
  if (!ours || !connected) throw new Error('anatomy-of-a-route: the dump lacks the added route or the connected route');
  const k = ours.bytes;
  const oif = valueOf(ours.rows, 'RTA_OIF');
  const table = rowNamed(ours.rows, 'RTA_TABLE');
  const kAttrs = ours.rows.filter((r) => r.role === 'attr').map((r) => r.name);
  const field = (rs: readonly Row[], n: string) => rowNamed(rs, n, 'header').value;

  return `# Anatomy of a route

What \`${typedCommand(viaDev)}\` says to the kernel, byte by
byte; then a route without \`dev\`, \`${typedCommand(add)}\`, and how
the kernel describes that one afterwards (\`${typedCommand(dump)}\`).
${provenance(
  [
    ['route/add-via-dev', viaDev],
    ['route/add-prefix', add],
    ['route/dump', dump],
  ],
  'docs/anatomy-of-a-route.md',
)}

## The conversation

${conversation(c.dg, name, ['iproute2 asks for the link by name', `the link: \`ifi_index\` ${lookedUp}`, 'the request: add the route', 'the ACK'])}

A route names its device by index, and the command line gave a name, so iproute2 first asks
for the link ${lookupName} (\`RTM_GETLINK\` with \`IFLA_IFNAME\`${secondSocket ? ', on a second socket' : ''}) and takes \`ifi_index\` ${lookedUp}
from the answer, as it does for an address ([the address lesson](anatomy-of-an-address.md)).

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

\`via ${gw}\`: the next hop, which must be reachable directly on the link (see below).

### RTA_OIF

${rowsTable(p.get('oif')!, b)}

\`dev ${dev}\`: the output interface, as the link's index in a u32 (host order): ${oifSent}${oifSent === lookedUp ? ', the\n\`ifi_index\` the lookup returned' : ` (the lookup\nreturned ${lookedUp}!)`}. The kernel never sees the name.

### What is not there

The request carries ${code(attrsSent)} and nothing else. No \`RTA_PRIORITY\`: the
command gives no \`metric\`, and the kernel uses 0. No \`RTA_TABLE\`: table ${b[20]} fits in the
byte \`rtm_table\`, and iproute2 adds the u32 attribute only for table ids above 255 (setting
\`rtm_table\` to 0, \`RT_TABLE_UNSPEC\`, then).

### Why scope universe

A route's scope says how far away its destination is: \`host\` (this machine), \`link\`
(directly on the link) or \`universe\` (further). iproute2 chooses, for IPv4: \`link\` for a unicast route
with neither gateway nor nexthops, \`universe\` when there is a gateway, as here. The kernel
then checks the gateway: it must be reachable on link ${oifSent} through a route of narrower scope, in
practice a \`link\` route. If ${gw} were not on that link's network, or \`dev\` named another
link, the kernel would refuse the route (\`Error: Nexthop has invalid gateway.\`), unless the
command added \`onlink\` (take the gateway as directly reachable, unchecked). It would refuse
it as well with \`scope link\` added to this command, since a gateway for a \`link\` route would
have to be reachable through a \`host\` route, one to this machine itself.

## The ACK

${rowsTable(explainMessages(c.ack, rtnetlink), c.ack)}

## Without dev

\`${typedCommand(add)}\` names no device:

${conversation(dg2, name, ['the request: add the route', 'the ACK'])}

No lookup this time, and the request:

${rowsTable(rows2, b2)}

Against the first request it ${onlyFirst.length ? `lacks ${code(onlyFirst)}` : 'lacks nothing'}${onlySecond.length ? ` and carries ${code(onlySecond)}` : ''}. Without \`RTA_OIF\` the kernel
picks the device itself, from the gateway: the link whose \`link\` route contains ${gw2}.
\`RTA_PRIORITY\` is \`metric ${metric}\`, a u32 in host order: among routes to the same prefix, the lowest wins.

## The same route, as the kernel reports it

From the dump, the message for the route without \`dev\` (offsets count from the start of that message):

${rowsTable(ours.rows, k)}

The kernel's answer carries ${code(kAttrs)}:

- \`RTA_OIF\` ${oif}: the device the kernel found for the gateway${oif === String(oifSent) ? `, the same link the first request
  named itself (\`${dev}\` is link ${oifSent} in both captures)` : ''}; iproute2 asks for the name of
  link ${oif} and prints \`dev\`.
- \`RTA_TABLE\` ${table.value}, though \`rtm_table\` says ${k[20]} already: the kernel always sends the u32
  attribute, and in the byte writes \`RT_TABLE_COMPAT\` (252) for tables above 255.
- \`rtm_protocol\`, \`rtm_scope\` and \`rtm_type\` are what the request set:
  ${field(ours.rows, 'rtm_protocol')}, ${field(ours.rows, 'rtm_scope')}, ${field(ours.rows, 'rtm_type')}.

The route that made ${gw2} reachable is the one the kernel added with the address
${valueOf(connected.rows, 'RTA_PREFSRC')}/${connected.bytes[17]}:

${rowsTable(connected.rows, connected.bytes)}

Scope ${field(connected.rows, 'rtm_scope')}, protocol ${field(connected.rows, 'rtm_protocol')}, no gateway, \`RTA_PREFSRC\` (the source address to
use) ${valueOf(connected.rows, 'RTA_PREFSRC')} and the same \`RTA_OIF\` ${valueOf(connected.rows, 'RTA_OIF')}. Its \`RTA_DST\` ${valueOf(connected.rows, 'RTA_DST')}/${connected.bytes[17]}
contains the gateway; the field at ${at4(22)} of each message is the scope.

${moreLessons('anatomy-of-a-route.md')}`;
}
