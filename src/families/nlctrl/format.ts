/**
 * The controller's answers as iproute2's `genl ctrl` prints them (its
 * `print_ctrl`): one block per family, operations and groups numbered by
 * their position in the nest, capabilities only from controller version 2.
 */
import type { Message } from '../../netlink/message.js';
import { NL_ATTR_TYPE } from './attrs.js';

const hex = (n: number) => (n >>> 0).toString(16);

/** The words genl gives a policy's attribute type (lib/libnetlink.c's names; SINT and UINT are `unknown` to ip 6.1). */
const TYPE_WORDS: Record<number, string> = Object.fromEntries(
  Object.entries(NL_ATTR_TYPE)
    .filter(([, v]) => v >= 1 && v <= 15)
    .map(([k, v]) => [v, k.slice('NL_ATTR_TYPE_'.length)]),
);

function capabilities(fl: number): string {
  let s = `\n\t\tCapabilities (0x${hex(fl)}):\n `;
  if (!fl) return s + '\n';
  s += '\t\t ';
  if (fl & 0x01) s += ' requires admin permission;';
  if (fl & 0x02) s += ' can doit;';
  if (fl & 0x04) s += ' can dumpit;';
  if (fl & 0x08) s += ' has policy';
  return s + '\n';
}

function policyText(policies: Record<number, Record<number, Record<string, any>>>): string {
  let s = '';
  for (const [idx, attrs] of Object.entries(policies)) {
    s += ` policy[${idx}]:`;
    for (const [t, p] of Object.entries(attrs)) {
      if (p.type !== undefined) s += `attr[${t}]: type=${TYPE_WORDS[p.type] ?? 'unknown'}`;
      if (p.policyIdx !== undefined) s += ` policy:${p.policyIdx}`;
      if (p.policyMaxtype !== undefined) s += ` maxattr:${p.policyMaxtype}`;
      if (p.minValueS !== undefined && p.maxValueS !== undefined) s += ` range:[${p.minValueS},${p.maxValueS}]`;
      if (p.minValueU !== undefined && p.maxValueU !== undefined) s += ` range:[${p.minValueU},${p.maxValueU}]`;
      if (p.minLength !== undefined) s += ` min len:${p.minLength}`;
      if (p.maxLength !== undefined) s += ` max len:${p.maxLength}`;
    }
  }
  return s;
}

/** One controller message (CTRL_CMD_NEWFAMILY, or a CTRL_CMD_GETPOLICY answer) as genl prints it. */
export function ctrlText(m: Message): string {
  const a = m.attrs ?? {};
  let s = '';
  if (a.familyName !== undefined) s += `\nName: ${a.familyName}\n`;
  if (a.familyId !== undefined) s += `\tID: 0x${hex(a.familyId)} `;
  const version: number = a.version ?? 1;
  if (a.version !== undefined) s += ` Version: 0x${hex(a.version)} `;
  if (a.hdrsize !== undefined) s += ` header size: ${a.hdrsize} `;
  if (a.maxattr !== undefined) s += ` max attribs: ${a.maxattr} `;
  if (a.opPolicy !== undefined) {
    for (const [op, p] of Object.entries(a.opPolicy as Record<string, { do?: number; dump?: number }>)) {
      s += ` op ${op} policies:`;
      if (p.do !== undefined) s += ` do=${p.do}`;
      if (p.dump !== undefined) s += ` dump=${p.dump}`;
    }
  }
  if (a.policy !== undefined) s += policyText(a.policy);
  s += '\n';
  if (a.ops !== undefined) {
    s += '\tcommands supported: \n';
    for (const [i, op] of Object.entries(a.ops as Record<string, { id?: number; flags?: number }>)) {
      s += `\t\t#${i}: `;
      if (op.id !== undefined) s += ` ID-0x${hex(op.id)} `;
      if (op.flags !== undefined && version >= 2) s += capabilities(op.flags);
      s += '\n';
    }
    s += '\n';
  }
  if (a.mcastGroups !== undefined) {
    s += '\tmulticast groups:\n';
    for (const [i, g] of Object.entries(a.mcastGroups as Record<string, { name?: string; id?: number }>)) {
      s += `\t\t#${i}: `;
      if (g.id !== undefined) s += ` ID-0x${hex(g.id)} `;
      if (g.name !== undefined) s += ` name: ${g.name} `;
      s += '\n';
    }
    s += '\n';
  }
  return s;
}
