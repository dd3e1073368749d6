/**
 * The explorer page at work in a real browser: Debian's chromium, driven
 * headless by puppeteer-core (which downloads no browser). The page is the
 * one `tsip decode --html` writes, opened from a file:// URL; every request
 * it makes is recorded and must stay on that file. Skipped, saying so, only
 * where chromium is not installed (CI installs it: .ci/run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { pcapHeader, pcapRecord } from '../../src/pcap/writer.js';
import { fixture } from '../support/fixtures.js';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`explorer-browser.test.ts skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`);

const BIN = new URL('../../bin/tsip.cjs', import.meta.url).pathname;
const veth = fixture('link/add-veth').datagrams[2]!.bytes;
const mtu = fixture('extack/mtu-2-bytes').datagrams;

describe.skipIf(!haveChromium)('explorer page in chromium', () => {
  // Made in beforeAll: the body of a skipped describe still runs, its afterAll does not.
  let dir: string;
  let pageFile: string;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsnl-t-explorer-'));
    pageFile = join(dir, 'veth.html');
    const r = spawnSync(process.execPath, [BIN, 'decode', '--html', pageFile, toHex(veth)], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const { default: puppeteer } = await import('puppeteer-core');
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'] });
    page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    page.on('request', (req) => void requests.push(req.url()));
    page.on('pageerror', (e) => void errors.push(String(e)));
    await page.goto(pathToFileURL(pageFile).href, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  /** Kernel names of the rows enclosing the tree row holding `text`, innermost first. */
  const enclosing = (text: string) =>
    page.$$eval(
      '.tree .row',
      (rows, text) => {
        const row = rows.find((r) => r.textContent!.includes(text));
        const names: string[] = [];
        for (let g = row?.parentElement?.closest('.grp'); g; g = g.parentElement?.closest('.grp')) {
          const head = g.querySelector(':scope > .row .n');
          if (head) names.push(head.textContent!);
        }
        return names;
      },
      text,
    );

  it('shows the preloaded veth request, the peer nested by name', async () => {
    expect(await page.$$eval('#list li', (li) => li.map((l) => l.textContent))).toEqual([expect.stringMatching(/RTM_NEWLINK veth-test1 type veth peer veth-test2/)]);
    expect(await enclosing('"veth-test2"')).toEqual(['IFLA_IFNAME', 'VETH_INFO_PEER', 'IFLA_INFO_DATA', 'IFLA_LINKINFO']);
  });

  it('a click on a row selects its bytes and tells its type, byte order and units', async () => {
    const id = await page.$$eval('.tree .row.val', (rows) => rows.find((r) => r.textContent!.includes('"veth-test2"'))!.getAttribute('data-row')!);
    await page.click(`.tree .row[data-row="${id}"]`);
    expect(await page.$$eval(`.hex [data-row="${id}"]`, (s) => s.map((e) => e.classList.contains('sel')))).toEqual([true, true]); // the string spans two hex lines
    const hexText = await page.$$eval(`.hex [data-row="${id}"]`, (s) => s.map((e) => e.textContent).join(' '));
    expect(hexText).toBe(toHex(new TextEncoder().encode('veth-test2\0'), ' '));
    const inspect = await page.$eval('#inspect', (e) => e.textContent);
    expect(inspect).toContain('IFLA_LINKINFO > IFLA_INFO_DATA > VETH_INFO_PEER > IFLA_IFNAME');
    expect(inspect).toMatch(/typestring\(16\)/);
  });

  it('folds and unfolds a nest', async () => {
    const visible = () => page.$$eval('.tree .row', (rows) => rows.filter((r) => r.textContent!.includes('VETH_INFO_PEER')).map((r) => (r as HTMLElement).offsetParent !== null));
    expect(await visible()).toEqual([true]);
    const toggle = await page.evaluateHandle(() => Array.from(document.querySelectorAll('.tree .row')).find((r) => r.textContent!.includes('IFLA_LINKINFO'))!.querySelector('.tg')!);
    await (toggle as unknown as { click(): Promise<void> }).click();
    expect(await visible()).toEqual([false]);
    await (toggle as unknown as { click(): Promise<void> }).click();
    expect(await visible()).toEqual([true]);
  });

  it('accepts pasted hex: message list, ext-ack message and the attribute it points at', async () => {
    const hex = mtu.map((d) => toHex(d.bytes, ' ')).join('\n');
    await page.$eval(
      '#paste',
      (el, hex) => {
        (el as HTMLTextAreaElement).value = hex;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      },
      hex,
    );
    const list = await page.$$eval('#list li', (li) => li.map((l) => ({ text: l.textContent!, err: l.classList.contains('err') })));
    expect(list).toHaveLength(2);
    // The request itself is malformed (a 2-byte IFLA_MTU): marked too.
    expect(list[0]).toMatchObject({ text: expect.stringMatching(/RTM_NEWLINK .*does not decode/), err: true });
    expect(list[1]).toMatchObject({ text: expect.stringMatching(/NLMSG_ERROR -34 ERANGE .*IFLA_MTU/), err: true });
    expect(await page.$eval('.xack', (e) => e.textContent)).toMatch(/^Error: Attribute failed policy validation at IFLA_MTU \(offset 44\): expected u32, got 2 bytes/);
    // The attribute NLMSGERR_ATTR_OFFS points at, in the echoed request, is marked.
    expect(await page.$$eval('.tree .row.xa', (r) => r.map((e) => e.querySelector('.n')!.textContent))).toEqual(['IFLA_MTU']);
    // The link selects it.
    await page.click('.xack a.goto');
    expect(await page.$$eval('.tree .row.sel', (r) => r.map((e) => e.querySelector('.n')!.textContent))).toEqual(['IFLA_MTU']);
  });

  it('a click on an attribute row highlights its header bytes in the hex pane', async () => {
    const row = await page.$$eval('.tree .row.att', (rows) => {
      const r = rows.find((e) => e.querySelector('.n')!.textContent === 'IFLA_IFNAME')!;
      return { id: r.getAttribute('data-row')!, off: parseInt(r.querySelector('.off')!.textContent!, 16) };
    });
    await page.click(`.tree .row[data-row="${row.id}"]`);
    const lit = await page.$$eval('.hex .sel', (s) => s.map((e) => ({ id: e.getAttribute('data-row'), text: e.textContent })));
    const bytes = Uint8Array.from([...mtu[0]!.bytes, ...mtu[1]!.bytes]);
    expect(lit).toEqual([{ id: row.id, text: toHex(bytes.subarray(row.off, row.off + 4), ' ') }]);
    expect(await page.$eval('#inspect', (e) => e.textContent)).toMatch(/typestruct nlattr.*byte orderhost/);
  });

  it('reads a pcap dropped in: directions in words, replies paired', async () => {
    const file = join(dir, 'mtu.pcap');
    writeFileSync(file, Buffer.concat([pcapHeader(), pcapRecord(mtu[0]!.bytes, true, 0), pcapRecord(mtu[1]!.bytes, false, 1)]));
    const input = await page.$('#file');
    await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(file);
    await page.waitForFunction(() => document.getElementById('title')!.textContent === 'mtu.pcap');
    expect(await page.$$eval('section.dg h2', (h) => h.map((e) => e.textContent))).toEqual([
      expect.stringMatching(/^#1 packet 1 \(1970-01-01T00:00:00.000Z\): user -> kernel, 52 bytes, /),
      expect.stringMatching(/^#2 packet 2 \([^)]*\): kernel -> user, 156 bytes, .*reply to #1$/),
    ]);
  });

  it('made no request outside its own file, and threw nothing', () => {
    expect(errors).toEqual([]);
    expect(requests.filter((u) => u !== pathToFileURL(pageFile).href)).toEqual([]);
  });
});
