/**
 * The explorer's HTML, built in Node: every fixture's datagrams give
 * well-formed sections in which every byte of the hex pane belongs to
 * exactly one tree row and every row to its bytes; the page is
 * self-contained. (The page at work in a browser: explorer-browser.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/explain/html.js';
import { explore } from '../../src/explain/explorer/model.js';
import { explorerPage } from '../../src/explain/explorer/page.js';
import { renderExplored } from '../../src/explain/explorer/render.js';
import type { Row } from '../../src/schema/kind.js';
import { loadAllFixtures } from '../support/fixtures.js';

const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);

/** Every opened tag closed in order, attributes quoted, no stray `<`; returns the problem or undefined. */
function checkWellFormed(html: string): string | undefined {
  if (!html.startsWith('<!DOCTYPE html>')) return 'no doctype';
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:="[^"<]*")?)*)\s*>/y;
  let i = '<!DOCTYPE html>'.length;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(html);
    if (!m) return `stray "<" at ${lt}: ${html.slice(lt, lt + 30)}`;
    const [, close, name] = m;
    const n = name!.toLowerCase();
    i = tag.lastIndex;
    if (close) {
      const open = stack.pop();
      if (open !== n) return `</${n}> at ${lt} closes <${open}>`;
    } else if (!VOID.has(n)) {
      if (n === 'script' || n === 'style') {
        const end = html.indexOf(`</${n}>`, i);
        if (end < 0) return `<${n}> never closed`;
        if (html.slice(i, end).includes('<')) return `"<" inside <${n}>`;
        i = end + n.length + 3;
        continue;
      }
      stack.push(n);
    }
  }
  return stack.length ? `unclosed: ${stack.join(' ')}` : undefined;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

interface Section {
  bytes: Uint8Array;
  rows: readonly Row[];
}

/** Checks the byte <-> row mapping of each section against its rows. */
function checkMapping(html: string, sections: Section[]): void {
  const blocks = html.split('<section class="dg"').slice(1);
  expect(blocks).toHaveLength(sections.length);
  let base = 0;
  blocks.forEach((block, s) => {
    const sec = sections[s]!;
    const hex = block.slice(block.indexOf('<div class="hex">'), block.indexOf('<div class="tree">'));
    const tree = block.slice(block.indexOf('<div class="tree">'));
    const owner: number[] = [];
    const bytes: number[] = [];
    for (const m of hex.matchAll(/<span class="b [a-z]+"(?: data-row="(\d+)")?>([0-9a-f ]+)<\/span>/g)) {
      expect(m[1], `section ${s}: a byte span without data-row`).toBeDefined();
      for (const h of m[2]!.split(' ')) {
        bytes.push(parseInt(h, 16));
        owner.push(Number(m[1]));
      }
    }
    // The hex view shows the datagram, each byte once, in order.
    expect(Uint8Array.from(bytes)).toEqual(sec.bytes);
    const treeRows = [...tree.matchAll(/<div class="row [a-z]+(?: xa)?" data-row="(\d+)"/g)].map((m) => Number(m[1]));
    expect(treeRows).toEqual(sec.rows.map((_, i) => base + i));
    // Byte b belongs to the one row whose span covers it.
    sec.rows.forEach((r, i) => {
      for (let b = r.offset; b < r.offset + r.length; b++) expect(owner[b]).toBe(base + i);
    });
    expect(new Set(owner)).toEqual(new Set(treeRows));
    base += sec.rows.length;
  });
}

describe('HTML view', () => {
  it('checker catches what it should', () => {
    expect(checkWellFormed('<!DOCTYPE html><html><body><div></span></body></html>')).toMatch(/closes/);
    expect(checkWellFormed('<!DOCTYPE html><html><body><div></body></html>')).toMatch(/closes/);
    expect(checkWellFormed('<!DOCTYPE html><html><body>a < b</body></html>')).toMatch(/stray/);
    expect(checkWellFormed('<!DOCTYPE html><html><head><meta charset="utf-8"></head></html>')).toBeUndefined();
  });
  it('escapes text', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  for (const f of loadAllFixtures()) {
    it(`${f.id}: well-formed, every byte mapped to one row, errors shown`, () => {
      const ds = explore(f.datagrams.map((d, i) => ({ dir: d.dir, bytes: d.bytes, source: `datagram ${i + 1} <&>`, protocol: f.protocol === 'generic' ? 16 : 0 })));
      const { list, sections } = renderExplored(ds);
      const html = `<!DOCTYPE html><html><body><ol>${list}</ol>${sections}</body></html>`;
      expect(checkWellFormed(html)).toBeUndefined();
      checkMapping(html, ds);
      expect(list.match(/<li /g)).toHaveLength(ds.reduce((n, d) => n + Math.max(1, d.summaries.length), 0));
      for (const d of ds) for (const e of d.errors) expect(unescape(html)).toContain(e.trace.text);
    });
  }
  it('the page is self-contained, its preload safe inside <script>', () => {
    const page = explorerPage('void 0;', 'a </script> & "title"', [{ bytes: Uint8Array.of(1, 2), source: '</script><b>' }]);
    expect(checkWellFormed(page.replace(/<script type="application\/json"[^>]*>.*?<\/script>/s, ''))).toBeUndefined();
    expect(page).not.toMatch(/\b(src|href)=|url\(|@import|https?:/);
    const json = /<script type="application\/json" id="tsnl-input">(.*?)<\/script>/s.exec(page)![1]!;
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ title: 'a </script> & "title"', datagrams: [{ hex: '0102', source: '</script><b>' }] });
    expect(() => explorerPage('x = "</script>"', 't')).toThrow(/cannot be inlined/);
  });
});
