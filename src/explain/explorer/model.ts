/**
 * The explorer's model: datagrams in, everything the page shows out (rows,
 * one-line summaries, traced errors and the rows they point at). Pure and
 * free of Node and DOM imports, so the same code runs in `tsip decode
 * --html` tests and in the browser bundle.
 *
 * Generic netlink family ids are learned from the controller's answers in
 * the same input (as `tsip decode` does); each datagram may carry its own
 * netlink protocol (a pcap's pseudo-header says it per packet).
 */
import { NLMSG_ERROR } from '../../core/constants.js';
import { genericProtocol, rtnetlink } from '../../families/registry.js';
import { headersOf } from '../../netlink/headers-walk.js';
import type { Protocol } from '../../netlink/protocol.js';
import { explainCapture, type ExplainedDatagram } from '../capture.js';
import { capturedOf, type InputDatagram } from '../inputs.js';
import type { ErrorTrace } from '../extack.js';
import { summarizeDatagram, type MessageSummary } from '../summary.js';

/** An ext-ack trace with the row its offset points at, when that row is on the page. */
export interface TracedError {
  trace: ErrorTrace;
  /** Index of the datagram holding the pointed-at attribute (this one for an echoed request). */
  datagram?: number;
  /** Index of that attribute's header row in its datagram's rows. */
  row?: number;
}

/** A datagram with all the page shows of it. */
export interface ExploredDatagram extends ExplainedDatagram {
  /** The protocol it was decoded with. */
  proto: Protocol;
  /** One per message. */
  summaries: MessageSummary[];
  errors: TracedError[];
}

/** Explains datagrams for the page: rows, summaries, errors traced to rows. */
export function explore(input: readonly InputDatagram[]): ExploredDatagram[] {
  const captured = capturedOf(input, genericProtocol());
  const explained = explainCapture(captured, rtnetlink);
  const out: ExploredDatagram[] = explained.map((d) => {
    const proto = d.protocol ?? rtnetlink;
    const summaries = d.decode === false ? [] : safeSummaries(d.bytes, proto);
    return { ...d, proto, summaries, errors: [] };
  });
  for (const d of out) d.errors = d.traces.map((t) => locateTrace(t, d, out));
  return out;
}

function safeSummaries(bytes: Uint8Array, proto: Protocol): MessageSummary[] {
  try {
    return summarizeDatagram(bytes, proto);
  } catch (e) {
    return [{ offset: 0, length: bytes.length, type: 'malformed', text: `cannot summarise: ${(e as Error).message}`, error: true }];
  }
}


/** Finds the attribute row an ext-ack offset points at: in the echoed request, or in the captured one. */
function locateTrace(trace: ErrorTrace, d: ExploredDatagram, all: readonly ExploredDatagram[]): TracedError {
  const t: TracedError = { trace };
  if (trace.offset === undefined || trace.request === undefined) return t;
  let holder: ExploredDatagram | undefined;
  let base: number | undefined;
  if (trace.request === 'echoed') {
    // The echoed request starts after the error's nlmsghdr (16 bytes) and error code (4).
    const m = headersOf(d.bytes).find((h) => h.len >= 36 && h.type === NLMSG_ERROR && h.seq === trace.seq);
    if (m) [holder, base] = [d, m.offset + 20];
  } else if (d.replyTo !== undefined) {
    const req = all[d.replyTo - 1];
    const m = req && headersOf(req.bytes).find((h) => h.seq === trace.seq);
    if (req && m) [holder, base] = [req, m.offset];
  }
  if (!holder || base === undefined) return t;
  const at = base + trace.offset;
  const row = holder.rows.findIndex((r) => r.offset === at && r.role === 'attr');
  if (row >= 0) {
    t.datagram = holder.index - 1;
    t.row = row;
  }
  return t;
}
