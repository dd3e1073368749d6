/**
 * `docs/anatomy-of-family-resolution.md`: how `ethtool v0` finds the
 * number of the ethtool family (fixture genl/ethtool-settings): nlctrl's
 * CTRL_CMD_GETFAMILY with CTRL_ATTR_FAMILY_NAME, the answer's
 * CTRL_ATTR_FAMILY_ID, operations and multicast groups (summarised), and
 * the first ethtool request, whose nlmsg_type is that id.
 */
import { offsetHex } from '../../bytes/hex.js';
import { GENL_ID_CTRL } from '../../genl/constants.js';
import { genericProtocol } from '../../families/registry.js';
import { explainMessages, messageTypeName } from '../../netlink/explain.js';
import type { Protocol } from '../../netlink/protocol.js';
import { moreLessons } from './series.js';
import { conversation, datagramsOf, hexOf, provenance, rowNamed, rowsTable, split, typedCommand, u16, u32, type LessonFixture } from './table.js';

const CTRL_CMD_GETFAMILY = 3;

/** How many of `values` are each value, most frequent first: `14 × a, 3 × b`. */
function tally(values: readonly string[]): string {
  const n = new Map<string, number>();
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n].map(([v, c]) => `${c} × \`${v}\``).join(', ');
}

/** The document, from the capture `genl/ethtool-settings`. */
export function familyLesson(f: LessonFixture): string {
  const dg = datagramsOf(f);
  const getFamily = dg[0]!.bytes;
  if (dg[0]!.dir !== 'send' || u16(getFamily, 4) !== GENL_ID_CTRL || getFamily[16] !== CTRL_CMD_GETFAMILY) throw new Error('anatomy-of-family-resolution: expected CTRL_CMD_GETFAMILY first');
  const answer = dg[1]!.bytes;
  const ack = dg[2]!.bytes;
  const first = dg[3]!.bytes;
  // A fresh protocol knows nlctrl only: what the kernel answers teaches it the rest.
  const before = genericProtocol();
  const unknownType = explainMessages(first, before)[1]!.value;
  const gp = genericProtocol();
  // nlmsg_type and, for generic netlink, the cmd after it, as the explain row names them.
  const name = (t: number, m: Uint8Array) => explainMessages(m, gp)[1]?.value.replace(/ \(\d+\)$/, '') ?? messageTypeName(t, gp as Protocol);
  const reqRows = explainMessages(getFamily, gp);
  const ansRows = explainMessages(answer, gp);
  gp.learnFrom([answer]);
  const firstRows = explainMessages(first, gp);
  const firstReply = dg[4]!.bytes;
  const replyRows = explainMessages(firstReply, gp);

  const p = split(
    ansRows,
    [
      ['head', (r) => r.role === 'nlmsghdr' || r.path[0] === 'genlmsghdr'],
      ['ops', (r) => r.path[0] === 'CTRL_ATTR_OPS'],
      ['groups', (r) => r.path[0] === 'CTRL_ATTR_MCAST_GROUPS'],
      ['attrs', () => true],
    ],
    'anatomy-of-family-resolution',
  );
  const ops = p.get('ops')!;
  const opEntries = ops.filter((r) => r.role === 'attr' && r.depth === 1);
  const opIds = ops.filter((r) => r.role === 'value' && r.path[r.path.length - 1] === 'CTRL_ATTR_OP_ID').map((r) => Number(r.value));
  const opFlags = ops.filter((r) => r.role === 'value' && r.path[r.path.length - 1] === 'CTRL_ATTR_OP_FLAGS').map((r) => r.value);
  const groups = p.get('groups')!;
  const groupNames = groups.filter((r) => r.role === 'value' && r.path[r.path.length - 1] === 'CTRL_ATTR_MCAST_GRP_NAME').map((r) => r.value);
  const idRow = rowNamed(ansRows, 'CTRL_ATTR_FAMILY_ID');
  const id = Number(idRow.value);
  const famName = rowNamed(reqRows, 'CTRL_ATTR_FAMILY_NAME').value;
  const opsAttr = rowNamed(ansRows, 'CTRL_ATTR_OPS', 'attr');
  const keys = opEntries.map((r) => Number(/key (\d+)/.exec(r.value)?.[1]));
  const keysInOrder = keys.every((k, i) => k === i + 1);
  const adminDumps = opFlags.filter((v) => v.includes('GENL_CMD_CAP_DUMP') && v.includes('GENL_UNS_ADMIN_PERM')).length;
  const headerAttr = firstRows.find((r) => r.role === 'attr' && r.depth === 0)?.name ?? 'a header nest';
  const firstType = u16(first, 4);
  const rest = dg.length - 4;
  const notes = ['nlctrl: which number has the family "ethtool"?', `the family: id ${id}, its operations and groups`, 'the ACK (ethtool asked for one)', `the first ethtool request, \`nlmsg_type\` ${firstType}`];

  return `# Anatomy of family resolution

Generic netlink carries many families over one protocol (\`NETLINK_GENERIC\`), and the kernel
gives most of them their message number when they register, at boot or when a module loads.
So a program that knows a family by name asks first. This is what \`${typedCommand(f)}\` does
before anything else.
${provenance([['genl/ethtool-settings', f]], 'docs/anatomy-of-family-resolution.md')}

## The conversation

${conversation(dg.slice(0, 4), name, notes)}

Then ${rest} more datagrams: the rest of what \`ethtool\` shows, request by request, each using the
same number.

## The question

${rowsTable(reqRows, getFamily)}

\`nlmsg_type\` ${u16(getFamily, 4)} (0x${GENL_ID_CTRL.toString(16)}, \`GENL_ID_CTRL\`) is the one fixed number of generic netlink:
the controller, nlctrl, which knows all the others. Every generic netlink message has a
4-byte \`genlmsghdr\` after the \`nlmsghdr\`: \`cmd\` (which operation of the family: here
\`CTRL_CMD_GETFAMILY\`, ${getFamily[16]}), \`version\` (${getFamily[17]}) and two reserved bytes. Then attributes, as in
rtnetlink; here one, \`CTRL_ATTR_FAMILY_NAME\`, ${famName} with its NUL.

## The answer

The kernel answers with \`CTRL_CMD_NEWFAMILY\` (\`cmd\` ${answer[16]}), ${answer.length} bytes. Its headers and the simple attributes:

${rowsTable([...p.get('head')!, ...p.get('attrs')!], answer)}

- \`CTRL_ATTR_FAMILY_ID\` ${id} (${hexOf(answer, idRow.offset, 2)}, a u16): the number to put in \`nlmsg_type\` for
  ethtool, on this kernel, until the family goes away. Another kernel, or the same one with
  other modules loaded, may give another number.
- \`CTRL_ATTR_VERSION\` ${rowNamed(ansRows, 'CTRL_ATTR_VERSION').value}: the family's own version, for its \`genlmsghdr\`. (The answer's
  \`genlmsghdr\` has version ${answer[17]}: that is nlctrl's.)
- \`CTRL_ATTR_HDRSIZE\` ${rowNamed(ansRows, 'CTRL_ATTR_HDRSIZE').value}: ethtool has no fixed header of its own after the \`genlmsghdr\`.
- \`CTRL_ATTR_MAXATTR\` ${rowNamed(ansRows, 'CTRL_ATTR_MAXATTR').value}: ethtool has no family-wide attribute table; each operation
  has its own.

### CTRL_ATTR_OPS

${u16(answer, opsAttr.offset)} bytes (\`nla_len\`, from offset \`${offsetHex(opsAttr.offset)}\`), which \`tsip decode\` explains in ${ops.length} rows: one nest
per operation, ${opEntries.length} of them, ${keysInOrder ? `numbered 1 to ${opEntries.length} by their own \`nla_type\`` : 'each with its own \`nla_type\` as a key'}, each with \`CTRL_ATTR_OP_ID\` (the \`cmd\`,
here ${opIds[0]} to ${opIds[opIds.length - 1]}) and \`CTRL_ATTR_OP_FLAGS\`. The first one:

${rowsTable(
  ops.filter((r) => r.offset < opEntries[1]!.offset),
  answer,
)}

The flags of all ${opFlags.length}: ${tally(opFlags)}.
\`GENL_CMD_CAP_DO\` and \`GENL_CMD_CAP_DUMP\` say the operation answers a single request, or a dump;
\`GENL_CMD_CAP_HASPOL\` that it validates its attributes against a policy; \`GENL_UNS_ADMIN_PERM\`
that it needs \`CAP_NET_ADMIN\` in the network namespace's user namespace: mostly the operations
that change something (\`ethtool -s\`, \`-K\`, ...)${adminDumps ? `; the ${adminDumps} that can also dump are reads that need the
same privilege` : ''}.

### CTRL_ATTR_MCAST_GROUPS

${rowsTable(groups, answer)}

The family's multicast group${groupNames.length === 1 ? '' : 's'}: ${groupNames.join(', ')}, with group id ${groups.filter((r) => r.role === 'value' && r.path[r.path.length - 1] === 'CTRL_ATTR_MCAST_GRP_ID').map((r) => r.value).join(', ')}. A program that wants ethtool's
notifications joins that group (\`NETLINK_ADD_MEMBERSHIP\`) by its id, which is, like the family
id, learned here.

## The ACK

${rowsTable(explainMessages(ack, gp), ack)}

\`ethtool\` set \`NLM_F_ACK\` on its question, so after the answer comes an ACK, with the same
\`nlmsg_seq\` (${u32(ack, 8)}).

## Using the number

${rowsTable(firstRows, first)}

\`nlmsg_type\` ${firstType} (${hexOf(first, 4, 2)}) ${firstType === id ? 'is' : 'is not'} the \`CTRL_ATTR_FAMILY_ID\` from the answer: from now on, that number
means ethtool. The \`genlmsghdr\` then picks the operation (\`cmd\` ${first[16]}), and the attributes
are ethtool's: the nest \`${headerAttr}\` naming the device. Without the answer the number
means nothing: a decoder that has not seen it shows \`nlmsg_type\` as \`${unknownType}\` and cannot
read the payload. \`tsip decode\` learns the ids from the answers in a capture for that reason
(or, with \`--live\`, from this kernel).

The kernel's reply uses the same number in \`nlmsg_type\`, and its own \`cmd\`:

${rowsTable(
  replyRows.filter((r) => r.role === 'nlmsghdr' || r.path[0] === 'genlmsghdr'),
  firstReply,
)}

${moreLessons('anatomy-of-family-resolution.md')}`;
}
