// Writes docs/explorer.png: the explorer page (dist/, after npm run build)
// showing a real refusal, fixtures/extack/mtu-2-bytes.json (a request with a
// 2-byte IFLA_MTU and the kernel's answer), with the attribute the ext-ack
// offset points at selected. Needs chromium (CHROMIUM=/path to override).
// Run: node scripts/explorer-shot.mjs
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { parseHex } from '../dist/bytes/hex.js';
import { explorerPage, explorerScript } from '../dist/explain/explorer/page.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fx = JSON.parse(readFileSync(join(root, 'fixtures/extack/mtu-2-bytes.json'), 'utf8'));
const input = fx.datagrams.map((d, i) => ({ dir: d.dir, bytes: parseHex(d.hex), source: `datagram ${i + 1}` }));
const dir = mkdtempSync(join(tmpdir(), 'tsnl-explorer-shot-'));
const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const file = join(dir, 'page.html');
  writeFileSync(file, explorerPage(explorerScript(), 'fixtures/extack/mtu-2-bytes.json: RTM_NEWLINK with a 2-byte IFLA_MTU', input));
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1350 });
  await page.goto(pathToFileURL(file).href);
  await page.click('.xack a.goto');
  await page.mouse.move(1, 1);
  await page.evaluate(() => window.scrollTo(0, 0));
  const out = join(root, 'docs/explorer.png');
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
