/**
 * `tsip decode --rows` and `--html`, and error tracing in the text view,
 * run as a user would (the built CLI in a child process).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { checkTiling, explainMessages } from '../../src/netlink/explain.js';
import { rtnetlink } from '../../src/families/registry.js';
import { fixture } from '../support/fixtures.js';

const BIN = new URL('../../bin/tsip.cjs', import.meta.url).pathname;
const tsip = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'tsnl-t-teach-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const veth = fixture('link/add-veth').datagrams[2]!.bytes;

describe('tsip decode --rows', () => {
  it('prints the explain rows as JSON lines', () => {
    const r = tsip(['decode', '--rows', toHex(veth)]);
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toEqual(explainMessages(veth, rtnetlink));
    expect(checkTiling(rows, veth.length)).toBeUndefined();
  });
});

describe('tsip decode --html', () => {
  it('writes one self-contained page and prints nothing', () => {
    const out = join(dir, 'veth.html');
    const r = tsip(['decode', '--html', out, toHex(veth)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const page = readFileSync(out, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    // The explorer, preloaded with the bytes (it explains them in the browser: test/explain/explorer-browser.test.ts).
    const preload = /<script type="application\/json" id="tsnl-input">(.*)<\/script>/.exec(page);
    expect(JSON.parse(preload![1]!).datagrams).toEqual([{ hex: toHex(veth), source: 'hex', protocol: 0 }]);
    // No element that loads anything (the script's own code may well say `r.src=`).
    expect(page).not.toMatch(/<(script|link|img|iframe|object|embed)\b[^>]*\b(src|href|data)=/);
  });
  it('an unwritable file: one line, exit 1', () => {
    const r = tsip(['decode', '--html', join(dir, 'no/such/dir.html'), toHex(veth)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Error: cannot write ".*dir\.html": ENOENT\n$/);
  });
});

describe('tsip decode traces errors', () => {
  it('names the attribute an echoed request failed on, in the text view, exit 0', () => {
    const reply = fixture('extack/mtu-2-bytes').datagrams[1]!.bytes;
    const r = tsip(['decode', toHex(reply)]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^0044  dc 05 +malformed: expected 4 bytes, got 2$/m);
    expect(r.stdout).toMatch(/^0074  2c 00 00 00 +44 \(points at IFLA_MTU, 0040 here\)$/m);
    expect(r.stdout.trim().split('\n').pop()).toBe('Error: Attribute failed policy validation at IFLA_MTU (offset 44): expected u32, got 2 bytes (-34 ERANGE)');
  });
  it('a malformed request on its own: the rows, then one error line, exit 1', () => {
    const req = fixture('extack/mtu-2-bytes').datagrams[0]!.bytes;
    const r = tsip(['decode', toHex(req)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^0030  dc 05 +malformed: expected 4 bytes, got 2$/m);
    expect(r.stderr).toBe('Error: cannot decode: IFLA_MTU: expected 4 bytes, got 2 (offset 48)\n');
    const j = tsip(['decode', '--json', toHex(req)]);
    expect(j.status).toBe(1);
    expect(j.stdout).toBe('');
  });
  it('usage errors: one line, exit 1', () => {
    for (const args of [['decode', '--strace'], ['decode', '--frobnicate'], ['decode', '--strace', 'a', '--pcap', 'b'], ['decode', '--pcap', 'a', 'ff']]) {
      const r = tsip(args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^Error: /);
    }
    expect(tsip(['decode', 'help']).stdout).toMatch(/--strace FILE/);
  });
});
