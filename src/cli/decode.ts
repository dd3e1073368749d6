/**
 * `tsip decode`: explain NETLINK_ROUTE (or, `--protocol generic`,
 * NETLINK_GENERIC) messages given as hex (argument or
 * stdin), read from an strace dump (`--strace FILE`) or from a netlink pcap
 * (`--pcap FILE`), as the annotated byte layout (default), JSON with kernel
 * names (`--json`), explain rows as JSON lines (`--rows`), or one
 * self-contained HTML page (`--html OUT.html`). Errors are traced to the
 * attribute the kernel's extended ACK points at.
 *
 * Generic netlink family ids are learned from the controller's answers
 * in the same input (as Wireshark does), or from this machine's kernel
 * with `--live`. A pcap says each packet's protocol itself.
 *
 * Hex input must decode (exit 1 otherwise, with the offset). Captures are
 * taken as they are: a datagram that does not decode (a request the kernel
 * refused for being malformed) is explained as far as it goes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PasteError } from '../explain/paste.js';
import { PcapError } from '../pcap/reader.js';
import { capturedOf, fromPcap, fromText, NETLINK_GENERIC, NETLINK_ROUTE, type InputDatagram, type TextInput } from '../explain/inputs.js';
import { DecodeError } from '../core/errors.js';
import { datagramTitle, explainCapture, type CapturedDatagram, type ExplainedDatagram } from '../explain/capture.js';
import { requestMessage, traceErrors } from '../explain/extack.js';
import { explorerPage, explorerScript, ExplorerScriptError } from '../explain/explorer/page.js';
import { renderRows } from '../explain/text.js';
import { explainDatagram } from '../netlink/explain.js';
import { jsonReplacer, messageToJSON } from '../netlink/json.js';
import { decodeMessages } from '../netlink/message.js';
import { genericProtocol, rtnetlink } from '../families/registry.js';
import type { Protocol } from '../netlink/protocol.js';
import type { GenericProtocol } from '../genl/protocol.js';
import type { Row } from '../schema/kind.js';
import { CliError, EXIT } from './errors.js';
import type { GlobalOptions } from './options.js';
import { writeOut } from './out.js';

const USAGE = `Usage: tsip decode [ --protocol route | generic ] [ --live ] [ --json | --rows | --html OUT.html ] [ HEX | - | --strace FILE | --pcap FILE ]
  --protocol P   the netlink protocol of hex and strace input: route (NETLINK_ROUTE, default) or generic (NETLINK_GENERIC)
  --live         generic: also learn family ids from this machine's kernel (else only from the input's controller answers)
  HEX            hex of one or more netlink messages (spaces, newlines, 0x and \\x allowed); - or nothing: stdin
  --strace FILE  the output of strace -e trace=sendmsg,recvmsg -e write=all -e read=all [-f] [-o FILE] ip ...
  --pcap FILE    a pcap with link type 253 (tsip --pcap, or tcpdump -i nlmon0)
  --json         JSON with the kernel's names, one object per message (per datagram for a capture)
  --rows         explain rows as JSON lines: offset, length, depth, role, path, name, value, and where known
                 kind (the C type read) and unit
  --html OUT     the explorer: one self-contained page (no network) with this input; hex and field tree side by side,
                 a message list, ext-ack errors traced; more can be pasted or dropped into it
`;

type Mode = 'text' | 'json' | 'rows' | 'html';

/** Runs `tsip decode ARGS`; resolves to the exit code. */
export async function runDecode(args: string[], g: GlobalOptions): Promise<number> {
  let mode: Mode = g.json ? 'json' : 'text';
  let html: string | undefined;
  let strace: string | undefined;
  let pcap: string | undefined;
  let generic = false;
  let live = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const need = () => {
      const v = args[++i];
      if (v === undefined) throw new CliError(`Error: ${a} requires a file name`);
      return v;
    };
    if (a === '--json' || a === '-j') mode = 'json';
    else if (a === '--rows') mode = 'rows';
    else if (a === '--html') {
      mode = 'html';
      html = need();
    } else if (a === '--strace') strace = need();
    else if (a === '--pcap') pcap = need();
    else if (a === '--protocol') {
      const v = args[++i];
      if (v === 'generic' || v === 'genl' || v === '16') generic = true;
      else if (v === 'route' || v === 'rtnetlink' || v === '0') generic = false;
      else throw new CliError(`Error: --protocol is route or generic, not ${v === undefined ? 'nothing' : `"${v}"`}`);
    } else if (a === '--live') live = true;
    else if (a === '-h' || a === '--help' || a === 'help') {
      writeOut(USAGE);
      return EXIT.OK;
    } else if (a.startsWith('--')) throw new CliError(`Error: unknown option "${a}", try "tsip decode help"`);
    else rest.push(a);
  }
  if (strace !== undefined && pcap !== undefined) throw new CliError('Error: give --strace or --pcap, not both');
  if ((strace !== undefined || pcap !== undefined) && rest.length) throw new CliError(`Error: unexpected "${rest[0]}" after a capture file`);
  // node:tty only here: imported at the top, it would load Node's net and
  // stream modules at every tsip start.
  const { isatty } = createRequire(import.meta.url)('node:tty') as typeof import('node:tty');
  const color = isatty(1) && !process.env.NO_COLOR;
  if (strace !== undefined || pcap !== undefined) {
    const file = (strace ?? pcap)!;
    const gp = generic || pcap !== undefined ? await genericFor(live) : undefined;
    const datagrams = strace !== undefined ? await fromStrace(file, gp) : fromPcapFile(file, gp!);
    if (strace !== undefined) gp?.learnFrom(datagrams.filter((d) => d.protocol === gp).map((d) => d.bytes));
    const explained = explainCapture(datagrams, rtnetlink);
    writeCapture(explained, mode, { color, html, pretty: g.pretty, title: `${strace !== undefined ? 'strace' : 'pcap'}: ${file}` });
    return EXIT.OK;
  }
  const input = readText(rest, generic);
  if (input.format !== 'hex') {
    // Datagrams with their directions (tsip -xx, strace): explained as a capture is, each from offset 0.
    const gp = input.datagrams.some((d) => d.protocol === NETLINK_GENERIC) ? await genericFor(live) : genericProtocol();
    writeCapture(explainCapture(capturedOf(input.datagrams, gp), rtnetlink), mode, { color, html, pretty: g.pretty, title: `pasted ${input.format === 'rows' ? 'rows' : 'strace output'}`, full: input.format === 'rows' });
    return EXIT.OK;
  }
  const bytes = input.datagrams[0]!.bytes;
  let proto: Protocol = rtnetlink;
  if (generic) {
    const gp = await genericFor(live);
    gp.learnFrom([bytes]);
    proto = gp;
  }
  const { rows, error } = explainDatagram(bytes, proto);
  if (error) {
    // The explain view shows what it can of an echoed request that does not decode; anything else is bad input.
    if (mode === 'json' || rows.some((r) => r.path[0] === 'message' && r.role === 'unknown')) throw new CliError(`Error: cannot decode: ${error.message}`);
  }
  const traces = traceErrors(bytes, proto, (seq, type) => requestMessage(bytes, seq, type));
  if (mode === 'json') {
    const msgs = decodeMessages(bytes, proto).map((m) => messageToJSON(m, proto));
    writeOut(JSON.stringify(msgs, jsonReplacer, g.pretty ? 2 : undefined) + '\n');
  } else if (mode === 'rows') {
    writeOut(rows.map((r) => JSON.stringify(r) + '\n').join(''));
  } else if (mode === 'html') {
    writeHtml(html!, explorerHtml(`tsip decode: ${bytes.length} bytes`, [{ bytes, source: 'hex', protocol: generic ? NETLINK_GENERIC : NETLINK_ROUTE }]));
  } else {
    writeOut(renderRows(rows, bytes, { color }) + '\n' + traces.map((t) => t.text + '\n').join(''));
  }
  if (error) throw new CliError(`Error: cannot decode: ${error.message}`);
  return EXIT.OK;
}

/** Hex, or text pasted from `tsip -xx`, `tsip decode` or strace (see explain/paste.ts). */
function readText(rest: string[], generic: boolean): TextInput {
  const text = rest.length === 0 || (rest.length === 1 && rest[0] === '-') ? readFileSync(0, 'utf8') : rest.join(' ');
  let input: TextInput;
  try {
    input = fromText(text, generic ? 'generic' : 'route');
  } catch (e) {
    if (e instanceof PasteError) throw new CliError(`Error: ${e.message}`);
    throw e;
  }
  if (input.datagrams.length === 0) throw new CliError('Error: no bytes to decode');
  return input;
}

function readInput(file: string): Buffer {
  try {
    return readFileSync(file === '-' ? 0 : file);
  } catch (e) {
    throw new CliError(`Error: cannot read "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** A generic netlink protocol, with every id this machine's kernel gives when `live`. */
async function genericFor(live: boolean): Promise<GenericProtocol> {
  const gp = genericProtocol();
  if (live) {
    const { open } = await import('../api/handle.js');
    const h = open();
    try {
      for (const f of await h.genl.families()) gp.bind(f.name, f.id);
    } catch (e) {
      // decode exits 0 or 1: a kernel that cannot be asked is bad input to --live.
      throw new CliError(`Error: --live: cannot ask this kernel for its generic netlink families: ${(e as Error).message}`);
    } finally {
      await h.close();
    }
  }
  return gp;
}

async function fromStrace(file: string, generic: GenericProtocol | undefined): Promise<CapturedDatagram[]> {
  const { parseStrace, StraceError } = await import('../strace/parse.js');
  let parsed;
  try {
    parsed = parseStrace(readInput(file).toString('utf8'), generic ? 'GENERIC' : 'ROUTE');
  } catch (e) {
    if (e instanceof StraceError) throw new CliError(`Error: ${file}: ${e.message}`);
    throw e;
  }
  if (parsed.datagrams.length === 0) {
    const why = parsed.skipped.noData ? ` (${parsed.skipped.noData} calls without data: trace with -e write=all -e read=all)` : '';
    throw new CliError(`Error: ${file}: no netlink datagrams found${why}`);
  }
  return parsed.datagrams.map((d) => {
    const c: CapturedDatagram = { dir: d.dir, bytes: d.bytes, source: `${d.call} fd ${d.fd}${d.pid !== undefined ? ` pid ${d.pid}` : ''} (line ${d.line})` };
    if (generic) c.protocol = generic;
    if (d.truncated) c.note = 'truncated by the kernel (MSG_TRUNC)';
    return c;
  });
}

function fromPcapFile(file: string, generic: GenericProtocol): CapturedDatagram[] {
  try {
    return capturedOf(fromPcap(new Uint8Array(readInput(file))), generic);
  } catch (e) {
    if (e instanceof PcapError) throw new CliError(`Error: ${file}: ${e.message}`);
    throw e;
  }
}

interface CaptureOutput {
  color: boolean;
  html: string | undefined;
  pretty: boolean;
  title: string;
  /** Every byte, as `tsip -xx` printed the rows it was given. */
  full?: boolean;
}

function writeCapture(ds: ExplainedDatagram[], mode: Mode, o: CaptureOutput): void {
  if (mode === 'html') {
    writeHtml(o.html!, explorerHtml(o.title, ds.map(explorerInput)));
  } else if (mode === 'rows') {
    writeOut(ds.flatMap((d) => d.rows.map((r: Row) => JSON.stringify({ datagram: d.index, ...r }) + '\n')).join(''));
  } else if (mode === 'json') {
    writeOut(JSON.stringify(ds.map(datagramJSON), jsonReplacer, o.pretty ? 2 : undefined) + '\n');
  } else {
    const blocks = ds.map((d) => [datagramTitle(d), renderRows(d.rows, d.bytes, { color: o.color, full: o.full === true }), ...d.traces.map((t) => t.text)].filter((s) => s !== '').join('\n'));
    writeOut(blocks.join('\n\n') + '\n');
  }
}

function datagramJSON(d: ExplainedDatagram): Record<string, unknown> {
  const out: Record<string, unknown> = { datagram: d.index, dir: d.dir ?? null, source: d.source, length: d.bytes.length };
  if (d.replyTo !== undefined) out.reply_to = d.replyTo;
  if (d.note) out.note = d.note;
  if (d.decode === false) out.hex = Buffer.from(d.bytes).toString('hex');
  else {
    try {
      const proto = d.protocol ?? rtnetlink;
      out.messages = decodeMessages(d.bytes, proto).map((m) => messageToJSON(m, proto));
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      out.decode_error = e.message;
      out.hex = Buffer.from(d.bytes).toString('hex');
    }
  }
  if (d.traces.length) out.errors = d.traces;
  return out;
}

/** A captured datagram as the explorer page takes it (the page explains it again, in the browser). */
function explorerInput(d: ExplainedDatagram): InputDatagram {
  const i: InputDatagram = { bytes: d.bytes, source: d.source, protocol: d.protocol && d.protocol !== rtnetlink ? NETLINK_GENERIC : NETLINK_ROUTE };
  if (d.dir) i.dir = d.dir;
  if (d.note) i.note = d.note;
  if (d.decode === false) i.decode = false;
  return i;
}

/** The explorer page preloaded with `input`. */
function explorerHtml(title: string, input: InputDatagram[]): string {
  try {
    return explorerPage(explorerScript(), title, input);
  } catch (e) {
    if (e instanceof ExplorerScriptError) throw new CliError(`Error: --html: ${e.message}`);
    throw e;
  }
}

function writeHtml(file: string, page: string): void {
  try {
    writeFileSync(file, page);
  } catch (e) {
    throw new CliError(`Error: cannot write "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
