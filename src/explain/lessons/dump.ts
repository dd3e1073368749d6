/**
 * `docs/anatomy-of-a-dump.md`: `ip addr show` (fixture addr/dump), a link
 * dump then an address dump: the request with NLM_F_DUMP, the replies
 * with NLM_F_MULTI packed several to a datagram, NLMSG_DONE and its error
 * field, and what NLM_F_DUMP_INTR would mean. Only the first reply is shown
 * whole; the others by their headers, the rest of their rows counted.
 */
import { NLM_F_DUMP, NLM_F_DUMP_INTR, NLM_F_MULTI, NLMSG_DONE } from '../../core/constants.js';
import { rtnetlink } from '../../families/registry.js';
import { explainMessages, messageTypeName } from '../../netlink/explain.js';
import type { Row } from '../../schema/kind.js';
import { moreLessons } from './series.js';
import { at4, conversation, datagramsOf, messagesOf, provenance, rowLine, rowsTable, s32, TABLE_HEAD, typedCommand, u16, u32, type LessonFixture } from './table.js';

const RTM_GETLINK = 18;
const RTM_GETADDR = 22;
const name = (t: number) => messageTypeName(t, rtnetlink);

/** Rows of a reply datagram: the first message whole, the others' nlmsghdr and one line for the rest. */
function replyTable(b: Uint8Array, rows: readonly Row[]): { table: string; elided: number } {
  const lines = [TABLE_HEAD];
  let elided = 0;
  messagesOf(b).forEach((m, i) => {
    const mine = rows.filter((r) => r.offset >= m.offset && r.offset < m.offset + m.len);
    if (i === 0) return lines.push(...mine.map((r) => rowLine(r, b)));
    const rest = mine.filter((r) => r.role !== 'nlmsghdr');
    lines.push(...mine.filter((r) => r.role === 'nlmsghdr').map((r) => rowLine(r, b)));
    const attrs = rest.filter((r) => r.role === 'attr' && r.depth === 0).map((r) => r.name);
    const addr = rest.find((r) => r.role === 'value' && r.path[0] === 'IFA_ADDRESS')?.value;
    const family = rest.find((r) => r.path[r.path.length - 1] === 'ifa_family')?.value.replace(/ \(\d+\)$/, '');
    const index = rest.find((r) => r.path[r.path.length - 1] === 'ifa_index')?.value;
    const from = m.offset + 16;
    lines.push(`| ${at4(from)} | (${m.offset + m.len - from} bytes) | ifaddrmsg and ${attrs.length} attributes: ${attrs.join(', ')} | ${rest.length} rows not shown: ${family} ${addr} on link ${index} |`);
    elided += rest.length;
  });
  return { table: lines.join('\n'), elided };
}

/** The document, from the capture `addr/dump`. */
export function dumpLesson(f: LessonFixture): string {
  const dg = datagramsOf(f);
  const linkReq = dg.findIndex((d) => d.dir === 'send' && u16(d.bytes, 4) === RTM_GETLINK);
  const addrReq = dg.findIndex((d) => d.dir === 'send' && u16(d.bytes, 4) === RTM_GETADDR);
  if (linkReq !== 0 || addrReq < 0 || dg.length !== addrReq + 3) throw new Error('anatomy-of-a-dump: expected a link dump, then an address dump of one reply datagram and NLMSG_DONE');
  const req = dg[addrReq]!.bytes;
  const reply = dg[addrReq + 1]!.bytes;
  const done = dg[addrReq + 2]!.bytes;
  const linkReplies = dg.slice(1, addrReq).filter((d) => d.dir === 'recv');
  const linkMsgs = linkReplies.map((d) => messagesOf(d.bytes).filter((m) => m.type !== NLMSG_DONE).length);
  const msgs = messagesOf(reply);
  const all = dg.filter((d) => d.dir === 'recv').flatMap((d) => messagesOf(d.bytes));
  const intr = all.filter((m) => m.flags & NLM_F_DUMP_INTR).length;
  const multi = all.filter((m) => m.flags & NLM_F_MULTI).length;
  const seq = u32(req, 8);
  const sameSeq = msgs.every((m) => m.seq === seq) && u32(done, 8) === seq;
  const { table, elided } = replyTable(reply, explainMessages(reply, rtnetlink));
  const reqLen = u32(req, 0);
  const notes = dg.map((d, i) => {
    if (i === linkReq) return 'dump request: every link';
    if (i === addrReq) return 'dump request: every address';
    if (i === addrReq + 1) return `${msgs.length} addresses in one datagram`;
    if (u16(d.bytes, 4) === NLMSG_DONE) return 'end of that dump';
    return `links, ${messagesOf(d.bytes).length} in this datagram`;
  });

  return `# Anatomy of a dump

What \`${typedCommand(f)}\` asks and receives. A dump is a request for every object of a
kind; the answer comes as many messages, usually several to a datagram, and ends with
\`NLMSG_DONE\`.
${provenance([['addr/dump', f]], 'docs/anatomy-of-a-dump.md')}

## The conversation

${conversation(dg, name, notes)}

\`ip addr show\` prints links with their addresses under them, so it makes two dumps and joins
them by index: the links first (${linkMsgs.reduce((a, n) => a + n, 0)} of them, in ${linkReplies.length - 1} datagrams: ${linkMsgs.slice(0, -1).join(' and ')}
messages), then the addresses. The link dump works exactly as the address dump below; this
lesson follows the second.

## The request

${rowsTable(explainMessages(req, rtnetlink), req)}

\`nlmsg_flags\` 0x${u16(req, 6).toString(16)} is \`NLM_F_REQUEST\` and \`NLM_F_DUMP\` (0x${NLM_F_DUMP.toString(16)}), which is two older flags
together: \`NLM_F_ROOT\` (0x100, the whole table) and \`NLM_F_MATCH\` (0x200, every entry that
matches). The kernel treats any \`GET\` request with either bit as a dump. No \`NLM_F_ACK\`: the
end of a dump is marked anyway.

The \`ifaddrmsg\` is all zeros: any family, any link. iproute2 6.1 sends its whole request
buffer: the message is ${reqLen} bytes (\`nlmsg_len\`), the datagram ${req.length}. The kernel stops reading at
the zero header that follows (an \`nlmsg_len\` below 16) and ignores the ${req.length - reqLen} zero bytes.

## The answer: ${msgs.length} messages in one datagram

${table}

Each address is an \`RTM_NEWADDR\` message, the same shape as the one \`ip addr add\` sends (see
[the address lesson](anatomy-of-an-address.md)), put back to back in one ${reply.length}-byte datagram: the messages start at
${msgs.map((m) => at4(m.offset)).join(', ')}, each at the previous one's offset plus its \`nlmsg_len\`
rounded up to a multiple of 4. The table shows the first message whole and, of the other
${msgs.length - 1}, the \`nlmsghdr\` only (${elided} rows left out).

Every message has \`NLM_F_MULTI\` (0x${NLM_F_MULTI.toString(16)}): part of a multipart answer, read on until
\`NLMSG_DONE\`. All carry the dump request's \`nlmsg_seq\` ${seq}${sameSeq ? '' : ' (not all, here!)'} and, as
\`nlmsg_pid\`, the port of iproute2's socket. The kernel fills a datagram with as many messages as
fit in the buffer it allocated for that round, and makes the next round's datagram when the
reader has taken this one; this answer fitted in one.

## NLMSG_DONE

${rowsTable(explainMessages(done, rtnetlink), done)}

The end, in its own ${done.length}-byte datagram here: \`nlmsg_type\` 3, \`NLM_F_MULTI\` like the rest,
the same \`nlmsg_seq\`, and a 4-byte payload, an \`int\` error: ${s32(done, 16)}, the dump completed. When a
dump fails partway the kernel puts the negative errno there instead, and may follow it with
extended-ACK attributes (with \`NLM_F_ACK_TLVS\` set), as an error message does (see
[the error lesson](anatomy-of-an-error.md)).

## NLM_F_DUMP_INTR

A dump is built in rounds, one datagram each, and the table may change between rounds: an
address added while the reader is still on the first datagram. Tables that keep a change
counter let the kernel notice. It notes the counter when a round starts, and when the counter
has moved since the previous round it sets \`NLM_F_DUMP_INTR\` (0x${NLM_F_DUMP_INTR.toString(16)}) on the messages it
writes. The answer is still complete in form, ending with \`NLMSG_DONE\`, but may miss an
object or show one twice. The reader should finish it and dump again. iproute2 prints
\`Dump was interrupted and may be inconsistent.\`; tsnetlink retries a bounded number of times.

This capture does not show it: of the ${all.length} messages received here (${multi} with \`NLM_F_MULTI\`),
${intr === 0 ? 'none has' : `${intr} have`} \`NLM_F_DUMP_INTR\`. Nothing changed while the dumps ran, so there are no
real bytes of it to show.

${moreLessons('anatomy-of-a-dump.md')}`;
}
