/**
 * `docs/anatomy-of-an-error.md`: the kernel refusing two malformed
 * requests (fixtures extack/mtu-2-bytes and extack/vxlan-id-2-bytes) with
 * an extended ACK: NLM_F_ACK_TLVS, NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS and
 * the walk from the request's first byte to the attribute it names,
 * NLMSGERR_ATTR_POLICY, and when the echo is capped. The tracing is
 * src/explain/extack.ts's; this file only lays it out.
 */
import { align4 } from '../../bytes/align.js';
import { NLM_F_ACK_TLVS, NLM_F_CAPPED, NLMSG_HDRLEN } from '../../core/constants.js';
import { rtnetlink } from '../../families/registry.js';
import { explainDatagram, explainMessages, messageTypeName } from '../../netlink/explain.js';
import type { Row } from '../../schema/kind.js';
import { findErrors, traceError, type ErrorTrace } from '../extack.js';
import { moreLessons } from './series.js';
import { at4, conversation, datagramsOf, hexDump, provenance, rowNamed, rowsTable, s32, u16, u32, type LessonFixture } from './table.js';

const name = (t: number) => messageTypeName(t, rtnetlink);

/** One step of the walk from the request's nlmsghdr to the attribute OFFS names. */
interface Step {
  what: string;
  bytes: number;
}

/**
 * The bytes to skip, from the start of `request`, to reach the attribute
 * header at `offs`: the nlmsghdr, the family header, each earlier sibling
 * (padded) and the header of each enclosing nest. Walks the request's own
 * rows, so it works on requests that do not decode.
 */
export function walkTo(request: Uint8Array, rows: readonly Row[], offs: number): Step[] {
  const firstAttr = rows.find((r) => r.role === 'attr' && r.depth === 0);
  if (!firstAttr) throw new Error('anatomy-of-an-error: the request has no attributes');
  const header = rows.find((r) => r.role === 'header' || r.role === 'field');
  const steps: Step[] = [
    { what: '`nlmsghdr`', bytes: NLMSG_HDRLEN },
    { what: '`' + (header?.path[0] ?? 'family header') + '`', bytes: firstAttr.offset - NLMSG_HDRLEN },
  ];
  let at = firstAttr.offset;
  let depth = 0;
  while (at !== offs) {
    const r = rows.find((x) => x.role === 'attr' && x.depth === depth && x.offset === at);
    if (!r || at > offs) throw new Error(`anatomy-of-an-error: no attribute at ${at} on the way to ${offs}`);
    const len = u16(request, at);
    if (offs < at + len) {
      steps.push({ what: `the header of \`${r.name}\`, which holds it`, bytes: 4 });
      at += 4;
      depth++;
    } else {
      steps.push({ what: `\`${r.name}\` (\`nla_len\` ${len}${align4(len) !== len ? `, padded to ${align4(len)}` : ''})`, bytes: align4(len) });
      at += align4(len);
    }
  }
  return steps;
}

/** One refused request: its bytes, rows, the reply and the trace. */
function refusal(f: LessonFixture) {
  const dg = datagramsOf(f);
  if (dg.length !== 2 || dg[0]!.dir !== 'send' || dg[1]!.dir !== 'recv') throw new Error('anatomy-of-an-error: expected one request and its reply');
  const req = dg[0]!.bytes;
  const reply = dg[1]!.bytes;
  const site = findErrors(reply)[0];
  if (!site || site.ext?.offs === undefined) throw new Error('anatomy-of-an-error: the reply has no error with an offset');
  const trace: ErrorTrace = traceError(site, rtnetlink);
  const reqRows = explainDatagram(req, rtnetlink).rows;
  const replyRows = explainMessages(reply, rtnetlink);
  const offs = site.ext.offs;
  const steps = walkTo(req, reqRows, offs);
  const sum = steps.reduce((n, s) => n + s.bytes, 0);
  if (sum !== offs) throw new Error(`anatomy-of-an-error: the walk adds up to ${sum}, not ${offs}`);
  return { dg, req, reply, site, trace, reqRows, replyRows, offs, steps };
}

const arithmetic = (steps: readonly Step[], offs: number) => `${offs} = ${steps.map((s) => s.bytes).join(' + ')}`;
const stepList = (steps: readonly Step[]) => steps.map((s) => `- ${s.bytes}: ${s.what}`).join('\n');

/** The document, from the captures `extack/mtu-2-bytes` and `extack/vxlan-id-2-bytes`. */
export function errorLesson(mtu: LessonFixture, vxlan: LessonFixture): string {
  const a = refusal(mtu);
  const v = refusal(vxlan);
  const b = a.req;
  const r = a.reply;
  const flags = u16(r, 6);
  const echoAt = NLMSG_HDRLEN + 4;
  const echoLen = u32(r, echoAt);
  const tlvAt = echoAt + align4(echoLen);
  const msgRow = rowNamed(a.replyRows, 'NLMSGERR_ATTR_MSG');
  const offsRow = rowNamed(a.replyRows, 'NLMSGERR_ATTR_OFFS');
  const policyAttr = rowNamed(a.replyRows, 'NLMSGERR_ATTR_POLICY', 'attr');
  const pType = rowNamed(a.replyRows, 'NL_POLICY_TYPE_ATTR_TYPE');
  const pMin = rowNamed(a.replyRows, 'NL_POLICY_TYPE_ATTR_MIN_VALUE_U');
  const pMax = rowNamed(a.replyRows, 'NL_POLICY_TYPE_ATTR_MAX_VALUE_U');
  const bad = a.reqRows.find((x) => x.role === 'attr' && x.offset === a.offs)!;
  const badLen = u16(b, a.offs);
  const vBad = v.reqRows.find((x) => x.role === 'attr' && x.offset === v.offs)!;
  const vTlvs = v.replyRows.filter((x) => x.path[0]?.startsWith('NLMSGERR_ATTR'));
  const attrPath = (t: ErrorTrace) => '`' + (t.attrPath ?? []).join(' > ') + '`';

  return `# Anatomy of an error

What the kernel answers when a request is wrong, and how its answer points at the exact
attribute. Two requests, each with a u32 attribute that carries 2 bytes: \`IFLA_MTU\` at the top
level, and \`IFLA_VXLAN_ID\` two nests deep.
The bytes are real: \`fixtures/extack/mtu-2-bytes.json\` and \`fixtures/extack/vxlan-id-2-bytes.json\`,
captured on kernel \`${mtu.kernel}\`${mtu.kernel === vxlan.kernel ? '' : ` and \`${vxlan.kernel}\``}. iproute2 never sends such bytes, so the requests were
built by hand by \`${mtu.command.join(' ')}\` (and \`${vxlan.command[vxlan.command.length - 1]}\`) and sent on a socket with
\`NETLINK_EXT_ACK\` on, in a throwaway namespace (see \`fixtures/extack/README.md\`).

This file is generated by \`scripts/anatomy.mjs\` from those captures and the explain rows of
\`tsip decode\` (\`src/explain/lessons/\`, tracing by \`src/explain/extack.ts\`);
\`test/docs/lessons.test.ts\` regenerates it and fails if it differs. Do not edit it by hand
(\`docs/anatomy-of-an-error.md\`). Offsets are hexadecimal, counted from the first byte of each
datagram, as \`tsip decode\` prints them; netlink is host byte order, little-endian on this x86_64
machine.

## The conversation

${conversation(a.dg, name, ['the request: a link whose `IFLA_MTU` has 2 bytes', 'the refusal, with an extended ACK'])}

## The request

\`\`\`
${hexDump(b)}
\`\`\`

${rowsTable(a.reqRows, b)}

An \`RTM_NEWLINK\` creating a link ${rowNamed(a.reqRows, 'IFLA_IFNAME').value} with \`IFLA_MTU\`: \`nla_len\` ${badLen}, so ${badLen - 4} bytes of
payload (${u16(b, a.offs + 4)} as a u16) where the kernel expects a u32. \`tsip decode\` refuses it too and
marks those bytes malformed; the rest decodes.

## The answer

${rowsTable(a.replyRows, r)}

An \`NLMSG_ERROR\`, error ${s32(r, 16)} (${a.trace.errno}). After the error come, in order:

1. The whole request, echoed: ${echoLen} bytes from ${at4(echoAt)} (the reply's 16-byte header and the
   4-byte error come first). The kernel echoes all of a refused request unless told not to
   (see below).
2. From ${at4(tlvAt)}, attributes about the error, the extended ACK. \`nlmsg_flags\`
   0x${flags.toString(16)} ${flags & NLM_F_ACK_TLVS ? 'is' : 'is not'} \`NLM_F_ACK_TLVS\` (0x${NLM_F_ACK_TLVS.toString(16)}), which says they are there. The kernel sends
   them only to a socket that turned \`NETLINK_EXT_ACK\` on.

The whole reply: ${r.length} = 16 (\`nlmsghdr\`) + 4 (error) + ${echoLen} (the request) + ${r.length - tlvAt} (attributes).

### NLMSGERR_ATTR_MSG

${rowsTable(
  a.replyRows.filter((x) => x.path[0] === 'NLMSGERR_ATTR_MSG'),
  r,
)}

The kernel's words, a NUL-terminated string (\`nla_len\` ${u16(r, msgRow.offset - 4)}: 4 + ${u16(r, msgRow.offset - 4) - 5} characters + the NUL).
iproute2 prints it as \`Error: ${a.trace.message}.\`

### NLMSGERR_ATTR_OFFS

${rowsTable(
  a.replyRows.filter((x) => x.path[0] === 'NLMSGERR_ATTR_OFFS'),
  r,
)}

A u32: where the offending attribute starts, counted in bytes from the first byte of the
request's \`nlmsghdr\`. The walk from there to \`IFLA_MTU\`:

${stepList(a.steps)}

${arithmetic(a.steps, a.offs)}, which is ${at4(a.offs)} in the request as sent: the row \`${bad.name}\` above,
\`${bad.value}\`. In the reply the echoed request starts at ${at4(echoAt)}, so the same attribute is at
${at4(echoAt)} + ${a.offs} = ${at4(echoAt + a.offs)} there, and \`tsip decode\` says so in the row itself
(\`${offsRow.value}\`). The offset points at the attribute's header, not at its payload.

### NLMSGERR_ATTR_POLICY

${rowsTable(
  a.replyRows.filter((x) => x.path[0] === 'NLMSGERR_ATTR_POLICY'),
  r,
)}

A nest (\`nla_type\` 0x${u16(r, policyAttr.offset + 2).toString(16)} is type ${u16(r, policyAttr.offset + 2) & 0x3fff} with \`NLA_F_NESTED\`, 0x8000, set), describing the rule the attribute broke in the
terms of the kernel's policy dumps: \`NL_POLICY_TYPE_ATTR_TYPE\` ${pType.value},
\`MIN_VALUE_U\` ${pMin.value} and \`MAX_VALUE_U\` ${pMax.value}. That range is all a u32 can hold: any value
would do, the complaint is the size. A u32 has 4 bytes; this one had ${badLen - 4}.

Put together, as \`src/explain/extack.ts\` traces it:

\`\`\`
${a.trace.text}
\`\`\`

## Two nests deep

The second request creates a vxlan whose \`IFLA_VXLAN_ID\` has 2 bytes:

${rowsTable(v.reqRows, v.req)}

The kernel answers the same way (error ${s32(v.reply, 16)}, the request echoed, the same message and policy); its
attributes:

${rowsTable(vTlvs, v.reply)}

\`NLMSGERR_ATTR_OFFS\` is ${v.offs}, and now the walk goes into nests: for each nest that holds the
attribute only its 4-byte header is skipped, for each attribute before it the whole
attribute, padding included.

${stepList(v.steps)}

${arithmetic(v.steps, v.offs)} = ${at4(v.offs)}: the row \`${vBad.path.join(' > ')}\`. One number locates an attribute at
any depth, but only together with the request: the kernel sends back no names. Traced:

\`\`\`
${v.trace.text}
\`\`\`

The attribute path, ${attrPath(v.trace)}, comes from explaining the echoed request and finding
the row that starts at the offset.

## When the echo is cut: NLM_F_CAPPED

These replies carry the whole request, so the offset can be followed inside the reply itself.
That is not always so. The kernel echoes only the request's 16-byte header, and sets
\`NLM_F_CAPPED\` (0x${NLM_F_CAPPED.toString(16)}), in two cases: every success ACK (see [the veth lesson](anatomy-of-a-veth.md): 36 bytes
in all), and every error on a socket that set the \`NETLINK_CAP_ACK\` option, which programs use
so that a refused large request does not come back whole. The extended-ACK attributes follow
the capped echo as they would the full one, and \`NLMSGERR_ATTR_OFFS\` still counts from the
start of the request as it was sent: the reader then has to keep its own copy of the request
(found by \`nlmsg_seq\`) to know what the offset points at. Neither reply here is capped
(\`nlmsg_flags\` 0x${flags.toString(16)} and 0x${u16(v.reply, 6).toString(16)}).

${moreLessons('anatomy-of-an-error.md')}`;
}
