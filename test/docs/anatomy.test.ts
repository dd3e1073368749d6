/**
 * docs/anatomy-of-a-veth.md is generated (scripts/anatomy.mjs) from the real
 * capture fixtures/link/add-veth.json: regenerated here, it must equal the
 * committed file, so the document never drifts from the bytes or from the
 * explain rows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vethLesson as anatomyMarkdown } from '../../src/explain/lessons/veth.js';

const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');

describe('docs/anatomy-of-a-veth.md', () => {
  const fixture = JSON.parse(read('fixtures/link/add-veth.json'));
  const doc = anatomyMarkdown(fixture);

  it('equals the committed file (regenerate: npm run build && node scripts/anatomy.mjs)', () => {
    expect(read('docs/anatomy-of-a-veth.md')).toBe(doc);
  });
  it('covers every byte of the request and of the ACK in its tables', () => {
    const offsets = (section: string) => [...section.matchAll(/^\| `([0-9a-f]{4})` \| `([0-9a-f ]+)` \|/gm)].map((m) => [parseInt(m[1]!, 16), m[2]!.split(' ').length]);
    const request = doc.slice(doc.indexOf('## 2. The request'), doc.indexOf('## 3. The ACK'));
    let at = 0;
    for (const [off, len] of offsets(request)) {
      expect(off).toBe(at);
      at += len!;
    }
    expect(at).toBe(100);
    const ack = doc.slice(doc.indexOf('## 3. The ACK'), doc.indexOf('## Rows as data'));
    expect(offsets(ack).reduce((n, [, len]) => n + len!, 0)).toBe(36);
  });
  it('has the parts the issue asks for', () => {
    for (const h of ['### nlmsghdr', '### ifinfomsg', '### IFLA_IFNAME', '### IFLA_LINKINFO and IFLA_INFO_KIND', '### IFLA_INFO_DATA and VETH_INFO_PEER', "### The peer's ifinfomsg", "### The peer's IFLA_IFNAME", '## 3. The ACK']) {
      expect(doc).toContain(h);
    }
    expect(doc).toContain('"veth" (no NUL: iproute2 sends the bare string)');
  });
});
