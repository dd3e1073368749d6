/**
 * Generic netlink's codec without a kernel: a command's meaning chosen by
 * direction (ethtool numbers its requests and replies apart, mptcp_pm its
 * events apart from its commands), family ids bound by name and learned
 * from the controller's messages, keyed nests, and the nlctrl
 * declaration against the controller's answer bytes a real kernel sent.
 */
import { describe, expect, it } from 'vitest';
import { parseHex } from '../../src/bytes/hex.js';
import { NLM_F_REQUEST } from '../../src/core/constants.js';
import { genericProtocol } from '../../src/families/registry.js';
import { ctrlAttrs } from '../../src/families/nlctrl/attrs.js';
import { nlctrlFamily } from '../../src/families/nlctrl/family.js';
import { genlFamily, genlMessageDef } from '../../src/genl/family.js';
import { GenericProtocol } from '../../src/genl/protocol.js';
import { checkTiling, explainMessages } from '../../src/netlink/explain.js';
import { messageToJSON } from '../../src/netlink/json.js';
import { decodeMessages, encodeMessage, encodeMessages, type Message } from '../../src/netlink/message.js';
import { attrSet } from '../../src/schema/attr-set.js';
import { string, u32 } from '../../src/schema/scalars.js';

const reqSet = attrSet('T_REQ', 'T_REQ_', [[1, 'T_REQ_NAME', string()]]);
const replySet = attrSet('T_REPLY', 'T_REPLY_', [[1, 'T_REPLY_COUNT', u32]]);
const eventSet = attrSet('T_EV', 'T_EV_', [[1, 'T_EV_TOKEN', u32]]);
const fam = genlFamily({
  name: 'tfam',
  version: 3,
  commands: [
    { cmd: 1, name: 'T_CMD_GET', attrs: reqSet, dir: 'request' },
    { cmd: 1, name: 'T_CMD_GET_REPLY', attrs: replySet, dir: 'reply' },
    { cmd: 1, name: 'T_EVENT_CREATED', attrs: eventSet, dir: 'event' },
  ],
});

function proto(): GenericProtocol {
  const p = new GenericProtocol([nlctrlFamily, fam]);
  p.bind('tfam', 0x20);
  return p;
}

describe('one command number, three meanings', () => {
  const p = proto();
  const body = (cmd: number, attrs: Record<string, unknown>) => ({ header: { cmd, version: 3, reserved: 0 }, attrs });
  it('a request (NLM_F_REQUEST) is decoded with the request set, a reply (to a port, whatever its seq) with the reply set, an event (to port 0) with the event set', () => {
    const req: Message = { type: 0x20, flags: NLM_F_REQUEST, seq: 7, pid: 1, ...body(1, { name: 'v0' }) };
    const reply: Message = { type: 0x20, flags: 0, seq: 0, pid: 4321, ...body(1, { count: 5 }) };
    const event: Message = { type: 0x20, flags: 0, seq: 12, pid: 0, ...body(1, { token: 9 }) };
    const bytes = encodeMessages([req, reply, event], p);
    const [a, b, c] = decodeMessages(bytes, p).map((m) => messageToJSON(m, p));
    expect(a).toMatchObject({ nlmsg_type: 'tfam', genlmsghdr: { cmd: 'T_CMD_GET', version: 3 }, attributes: { T_REQ_NAME: 'v0' } });
    expect(b).toMatchObject({ genlmsghdr: { cmd: 'T_CMD_GET_REPLY' }, attributes: { T_REPLY_COUNT: 5 } });
    expect(c).toMatchObject({ genlmsghdr: { cmd: 'T_EVENT_CREATED' }, attributes: { T_EV_TOKEN: 9 } });
    // Explain rows tile every message, and name the command with the family.
    const rows = explainMessages(bytes, p);
    expect(checkTiling(rows, bytes.length)).toBeUndefined();
    expect(rows.filter((r) => r.name === 'nlmsg_type').map((r) => r.value)).toEqual(['tfam T_CMD_GET (32)', 'tfam T_CMD_GET_REPLY (32)', 'tfam T_EVENT_CREATED (32)']);
  });

  it('an unknown command keeps its attributes raw, and re-encodes to the same bytes', () => {
    const bytes = encodeMessage({ type: 0x20, flags: 0, seq: 1, pid: 0, header: { cmd: 9, version: 3, reserved: 0 }, attrs: {} }, p);
    const withAttr = new Uint8Array([...bytes, 8, 0, 1, 0, 1, 2, 3, 4]);
    new DataView(withAttr.buffer).setUint32(0, withAttr.length, true);
    const [m] = decodeMessages(withAttr, p);
    expect(messageToJSON(m!, p)).toMatchObject({ genlmsghdr: { cmd: 9 } });
    expect(JSON.stringify(messageToJSON(m!, p).attributes)).toContain('01020304');
    expect(encodeMessage(m!, p)).toEqual(withAttr);
  });

  it('two commands may not claim one number in one direction', () => {
    expect(() => genlFamily({ name: 'x', version: 1, commands: [{ cmd: 1, name: 'A', attrs: reqSet }, { cmd: 1, name: 'B', attrs: reqSet, dir: 'reply' }] })).toThrow('genl family x: B and A are both command 1 in the reply direction');
  });

  it('a command table given as a getter is built and checked on first read, once', () => {
    let builds = 0;
    const dup = genlFamily({
      name: 'y',
      version: 1,
      get commands() {
        builds++;
        return [{ cmd: 1, name: 'A', attrs: reqSet }, { cmd: 1, name: 'B', attrs: reqSet }];
      },
    });
    expect(builds).toBe(0);
    expect(() => dup.commands).toThrow('genl family y: B and A are both command 1 in the request direction');
    const ok = genlFamily({
      name: 'z',
      version: 1,
      get commands() {
        builds++;
        return [{ cmd: 1, name: 'A', attrs: reqSet }];
      },
    });
    expect(ok.commands).toBe(ok.commands);
    expect(ok.commands.map((c) => c.name)).toEqual(['A']);
    expect(Object.keys(ok)).toContain('commands');
  });

  it('a definition made for an id answers to that id only', () => {
    expect(genlMessageDef(fam, 0x33).type).toBe(0x33);
  });
});

describe('family ids', () => {
  it('are bound by name, named when undeclared, and forgotten on CTRL_CMD_DELFAMILY', () => {
    const p = proto();
    expect(p.nameOf(0x10)).toBe('nlctrl');
    const newFam = (name: string, id: number, cmd = 1): Message => ({ type: 0x10, flags: 0, seq: 0, pid: 0, header: { cmd, version: 2, reserved: 0 }, attrs: { familyName: name, familyId: id } });
    const bytes = encodeMessages([newFam('tfam', 0x21), newFam('somefam', 0x22)], p);
    const q = new GenericProtocol([nlctrlFamily, fam]);
    q.learnFrom([bytes]);
    expect([q.idOf('tfam'), q.nameOf(0x21), q.nameOf(0x22), q.messages.has(0x22)]).toEqual([0x21, 'tfam', 'somefam', false]);
    // Rebinding an id moves it; a deleted family is forgotten, nlctrl never.
    expect(q.learn(newFam('tfam', 0x23))).toBe(true);
    expect([q.nameOf(0x21), q.idOf('tfam')]).toEqual([undefined, 0x23]);
    expect(q.learn(newFam('tfam', 0x23, 2))).toBe(true);
    expect(q.idOf('tfam')).toBeUndefined();
    q.unbind('nlctrl');
    expect(q.idOf('nlctrl')).toBe(0x10);
    // nlctrl's id and netlink's control types cannot be taken over (a crafted answer in a capture).
    expect([q.learn(newFam('tfam', 0x10)), q.learn(newFam('tfam', 3)), q.bind('nlctrl', 0x30)]).toEqual([false, false, false]);
    expect([q.nameOf(0x10), q.nameOf(3), q.idOf('nlctrl')]).toEqual(['nlctrl', undefined, 0x10]);
  });

  it('the registry declares every generic family once, and each protocol object binds on its own', () => {
    const a = genericProtocol();
    const b = genericProtocol();
    a.bind('nlctrl', 0x10);
    a.bind('ethtool', 0x15);
    expect(b.idOf('ethtool')).toBeUndefined();
    const names = a.families.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('nlctrl');
  });
});

// `genl ctrl get name nlctrl` on Linux 6.18: the controller's answer (captured with strace).
const NLCTRL_REPLY =
  '88 00 00 00 10 00 00 00 f9 86 11 6b e6 44 00 00 01 02 00 00 0b 00 02 00 6e 6c 63 74 72 6c 00 00 ' +
  '06 00 01 00 10 00 00 00 08 00 03 00 02 00 00 00 08 00 04 00 00 00 00 00 08 00 05 00 00 00 00 00 ' +
  '2c 00 06 00 14 00 01 00 08 00 01 00 03 00 00 00 08 00 02 00 0e 00 00 00 14 00 02 00 08 00 01 00 ' +
  '0a 00 00 00 08 00 02 00 0c 00 00 00 1c 00 07 00 18 00 01 00 08 00 02 00 10 00 00 00 0b 00 01 00 ' +
  '6e 6f 74 69 66 79 00 00 ';

describe('nlctrl', () => {
  it("decodes the controller's answer: name, id, version, operations and groups by position", () => {
    const p = genericProtocol();
    const bytes = parseHex(NLCTRL_REPLY);
    const [m] = decodeMessages(bytes, p);
    expect(messageToJSON(m!, p)).toMatchObject({
      nlmsg_type: 'nlctrl',
      genlmsghdr: { cmd: 'CTRL_CMD_NEWFAMILY', version: 2 },
      attributes: {
        CTRL_ATTR_FAMILY_NAME: 'nlctrl',
        CTRL_ATTR_FAMILY_ID: 16,
        CTRL_ATTR_VERSION: 2,
        CTRL_ATTR_MAXATTR: 0,
        CTRL_ATTR_OPS: {
          1: { CTRL_ATTR_OP_ID: 3, CTRL_ATTR_OP_FLAGS: ['GENL_CMD_CAP_DO', 'GENL_CMD_CAP_DUMP', 'GENL_CMD_CAP_HASPOL'] },
          2: { CTRL_ATTR_OP_ID: 10, CTRL_ATTR_OP_FLAGS: ['GENL_CMD_CAP_DUMP', 'GENL_CMD_CAP_HASPOL'] },
        },
        CTRL_ATTR_MCAST_GROUPS: { 1: { CTRL_ATTR_MCAST_GRP_ID: 16, CTRL_ATTR_MCAST_GRP_NAME: 'notify' } },
      },
    });
    expect(encodeMessage(m!, p)).toEqual(bytes);
    expect(checkTiling(explainMessages(bytes, p), bytes.length)).toBeUndefined();
  });

  it('keyed nests out of order, or with other flag bits, re-encode from their own bytes', () => {
    const p = genericProtocol();
    const bytes = parseHex(NLCTRL_REPLY);
    // Swap the two operations' keys (2 first, then 1).
    const swapped = bytes.slice();
    swapped[0x46] = 2;
    swapped[0x5a] = 1;
    const [m] = decodeMessages(swapped, p);
    // The values follow their keys (op 10 is now key 1), and the bytes come back as they were.
    expect([m!.attrs!.ops[1].id, m!.attrs!.ops[2].id]).toEqual([10, 3]);
    expect(encodeMessage(m!, p)).toEqual(swapped);
  });

  it('declares the CTRL_ATTR_* set the uapi header numbers', () => {
    expect(ctrlAttrs.byType.slice(1).map((d) => d?.name)).toEqual([
      'CTRL_ATTR_FAMILY_ID', 'CTRL_ATTR_FAMILY_NAME', 'CTRL_ATTR_VERSION', 'CTRL_ATTR_HDRSIZE', 'CTRL_ATTR_MAXATTR',
      'CTRL_ATTR_OPS', 'CTRL_ATTR_MCAST_GROUPS', 'CTRL_ATTR_POLICY', 'CTRL_ATTR_OP_POLICY', 'CTRL_ATTR_OP',
    ]);
  });
});
