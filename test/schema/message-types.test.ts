/**
 * src/families/message-types.ts is generated from the declarations (by
 * scripts/message-types.mjs, at build): it must be what they give now, so
 * a declaration changed without a build fails here rather than shipping
 * stale types.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rtnetlink } from '../../src/families/registry.js';
// @ts-expect-error a plain ES module without declarations
import { messageTypes, TARGET } from '../../scripts/message-types.mjs';

describe('generated message types', () => {
  it('message-types.ts is what the declarations give', () => {
    expect(readFileSync(TARGET, 'utf8')).toBe(messageTypes(rtnetlink, 'RtnetlinkDefs'));
  });

  it('names every declared message type with its header and attribute set', () => {
    const text = readFileSync(TARGET, 'utf8') as string;
    for (const d of rtnetlink.messages.values()) expect(text).toContain(`MessageDef<${d.type}, '${d.name}', `);
    expect(text).toMatch(/ifname\?: string;/);
    // IFLA_INFO_DATA is typed by every kind's data set.
    expect(text).toMatch(/data\?: VethInfoAttrs \| IflaBrAttrs \| IflaMacvlanAttrs \| IflaVxlanAttrs \| IflaVlanAttrs \| IflaBondAttrs \|[^;]* \| IflaGreAttrs \|[^;]* \| Uint8Array;/);
  });
});
