/**
 * JSON form of decoded messages with the kernel's names (`RTM_NEWLINK`,
 * `NLM_F_ACK`, `ifi_index`, `IFLA_IFNAME`), as `tsip decode --json` prints.
 */
import { toHex } from '../bytes/hex.js';
import { NLMSG_DONE, NLMSG_ERROR } from '../core/constants.js';
import { errnoName, strerror } from '../core/errno.js';
import { extAckAttrs } from './extack.js';
import { nlmsgFlagNames, opOfControl } from './header.js';
import { messageTypeName } from './explain.js';
import { messageLength, type Message } from './message.js';
import { lenientBodyJSON } from './lenient-json.js';
import { opOf, resolveMessage, type Protocol } from './protocol.js';

/** One message as a JSON-ready object with kernel names. */
export function messageToJSON(msg: Message, proto: Protocol): Record<string, unknown> {
  const def = resolveMessage(proto, msg);
  const op = def?.op ?? opOf(proto, msg.type) ?? opOfControl(msg.type);
  const out: Record<string, unknown> = {
    nlmsg_len: msg.len ?? safeLength(msg, proto),
    nlmsg_type: messageTypeName(msg.type, proto),
    nlmsg_flags: nlmsgFlagNames(msg.flags, op),
    nlmsg_seq: msg.seq,
    nlmsg_pid: msg.pid,
  };
  if (msg.type === NLMSG_ERROR || msg.type === NLMSG_DONE) {
    if (msg.error !== undefined) {
      out.error = msg.error;
      if (msg.error !== 0) {
        out.errno = errnoName(msg.error) ?? null;
        out.strerror = strerror(msg.error);
      }
    }
    if (msg.request) out.request = messageToJSON(msg.request, proto);
    if (msg.ext) out.ext_ack = extAckAttrs.json(msg.ext as Record<string, unknown>);
    return out;
  }
  if (msg.payload !== undefined) {
    // A declared type kept as bytes did not decode (a refused request the
    // kernel echoed): as far as it goes, else the bytes.
    const body = def === undefined ? undefined : lenientBodyJSON(def.def, msg.payload, msg);
    if (body === undefined) out.payload = toHex(msg.payload);
    else Object.assign(out, body);
    return out;
  }
  if (def && msg.header) out[def.header.cName] = def.header.json(msg.header);
  if (def && msg.attrs) out.attributes = def.attrs.json(msg.attrs);
  return out;
}

function safeLength(msg: Message, proto: Protocol): number | null {
  try {
    return messageLength(msg, proto);
  } catch {
    return null;
  }
}

/** JSON.stringify replacer that writes bigints as numbers' decimal text would be lost: as strings. */
export function jsonReplacer(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v;
}
