/**
 * Namespace ids as `ip netns list-id` (iproute2 6.1) prints them, from
 * decoded RTM_NEWNSID / RTM_DELNSID messages: `nsid 7 (iproute2 netns
 * name: tsnlfx-b)`, in JSON `{"nsid": 7, "name": "tsnlfx-b"}`.
 *
 * The names come from the caller: iproute2 finds them by asking the kernel
 * for the nsid of every entry of `/run/netns`, which is I/O.
 */
import type { Message } from '../../netlink/message.js';
import { RTM } from '../../rtnl/constants.js';
import { Out, num, type JsonObject } from '../../format/printer.js';

/** nsid -> the `/run/netns` name of that namespace. */
export type NsidNames = ReadonlyMap<number, string>;

function printNsid(o: Out, msg: Message, names: NsidNames): void {
  const a = msg.attrs ?? {};
  if (msg.type === RTM.RTM_DELNSID) o.any('deleted', true, 'Deleted ');
  const nsid = num(a.nsid ?? -1) | 0;
  if (nsid < 0) o.t('nsid unassigned ');
  else o.any('nsid', nsid, `nsid ${nsid} `);
  let key = nsid;
  if (a.currentNsid !== undefined) {
    const current = num(a.currentNsid) | 0;
    if (current < 0) o.t('current-nsid unassigned ');
    else o.any('current-nsid', current, `current-nsid ${current} `);
    key = current;
  }
  const name = names.get(key);
  if (name !== undefined) o.any('name', name, `(iproute2 netns name: ${name})`);
  o.t('\n');
}

/** The object `ip -j netns list-id` prints for one nsid message. */
export function nsidJSON(msg: Message, names: NsidNames = new Map()): JsonObject {
  const o = new Out(true);
  printNsid(o, msg, names);
  return o.object();
}

/** The line `ip netns list-id` prints for one nsid message. */
export function nsidText(msg: Message, names: NsidNames = new Map()): string[] {
  const o = new Out(false);
  printNsid(o, msg, names);
  return o.lines();
}
