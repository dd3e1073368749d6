/**
 * Netlink datagrams from strace output, as
 *
 * ```sh
 * strace [-f] [-yy] [-xx] -e trace=sendmsg,recvmsg[,sendto,recvfrom] -e write=all -e read=all [-o FILE] ip ...
 * ```
 * prints them: a syscall line, then the payload as hex-dump blocks
 * (`-e write=all` / `-e read=all`):
 *
 * ```
 * sendmsg(3, {msg_name={sa_family=AF_NETLINK, ...}, ...}, 0) = 100
 *  * 100 bytes in buffer 0
 *  | 00000  64 00 00 00 10 00 05 06  2b 75 0b 6b 00 00 00 00  d.......+u.k.... |
 * ```
 * Handled: `-f` pid prefixes (`1234 ` or `[pid 1234] `), timestamps
 * (`-t`, `-tt`, `-ttt`, `-r`), `<unfinished ...>` / `<... resumed>` pairs,
 * `-T` durations, `-yy` socket annotations (sockets of another netlink
 * protocol than the one asked for, NETLINK_ROUTE by default, are skipped), `socket()` lines (the same, when traced).
 * Skipped: failed calls and `MSG_PEEK` reads (iproute2 peeks with a
 * zero-length buffer to learn a datagram's size, then reads it for real).
 * A call without a hex dump falls back to its inline string
 * (`iov_base="\x64\x00..."`, as `-xx` prints it) when strace printed one
 * whole and undecoded.
 */

/** One datagram sent or received by a traced process. */
export interface StraceDatagram {
  /** `send`: user space to kernel; `recv`: kernel to user space. */
  dir: 'send' | 'recv';
  bytes: Uint8Array;
  /** The syscall (`sendmsg`, `recvfrom`...). */
  call: string;
  fd: number;
  /** The traced process, when strace printed it (`-f`). */
  pid?: number;
  /** 1-based line of the syscall in the strace output. */
  line: number;
  /** The kernel truncated the datagram (msg_flags has MSG_TRUNC): `bytes` is its head only. */
  truncated?: boolean;
}

/** Calls left out, by reason. */
export interface StraceSkipped {
  /** `MSG_PEEK` reads. */
  peek: number;
  /** Calls that returned an error. */
  failed: number;
  /** Calls on sockets of another protocol than the one asked for (NETLINK_ROUTE by default). */
  otherSocket: number;
  /** Calls whose data strace did not print (no `-e write=all -e read=all`). */
  noData: number;
}

/** A line of strace output that does not make sense. */
export class StraceError extends Error {
  override readonly name = 'StraceError';
  constructor(
    message: string,
    /** 1-based line number. */
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const IO_CALLS = new Set(['sendmsg', 'sendto', 'recvmsg', 'recvfrom']);
const PREFIX = /^\s*(?:\[pid\s+(\d+)\]\s+|(\d+)\s+)?(?:\d+(?::\d\d)*(?:\.\d+)?\s+)?(.*)$/;

interface Call {
  name: string;
  fd: number;
  pid?: number;
  line: number;
  dir: 'send' | 'recv';
  ret: number;
  truncated: boolean;
  body: string;
  /** Hex-dump buffers: declared size (null for sendto/recvfrom) and the bytes seen. */
  buffers: { declared: number | null; bytes: number[] }[];
}

/** Parses strace output into netlink datagrams, in syscall order. Throws {@link StraceError} for an inconsistent hex dump. */
export function parseStrace(text: string, protocol: 'ROUTE' | 'GENERIC' = 'ROUTE'): { datagrams: StraceDatagram[]; skipped: StraceSkipped } {
  const datagrams: StraceDatagram[] = [];
  const skipped: StraceSkipped = { peek: 0, failed: 0, otherSocket: 0, noData: 0 };
  const pending = new Map<string, string>();
  const sockets = new Map<string, string>(); // "pid:fd" -> "ROUTE", "GENERIC", "AF_INET"...
  let cur: Call | undefined;

  const finish = () => {
    if (!cur) return;
    const c = cur;
    cur = undefined;
    let bytes: Uint8Array | undefined;
    if (c.buffers.length) {
      const all: number[] = [];
      for (const b of c.buffers) {
        if (b.declared !== null && b.bytes.length !== b.declared) throw new StraceError(`the hex dump of ${c.name} has ${b.bytes.length} of ${b.declared} bytes`, c.line);
        all.push(...b.bytes);
      }
      const want = c.truncated ? all.length : c.ret;
      if (all.length !== want) throw new StraceError(`the hex dump of ${c.name} has ${all.length} bytes, the call returned ${c.ret}`, c.line);
      bytes = Uint8Array.from(all);
    } else bytes = inlineData(c);
    if (bytes === undefined) {
      skipped.noData++;
      return;
    }
    const d: StraceDatagram = { dir: c.dir, bytes, call: c.name, fd: c.fd, line: c.line };
    if (c.pid !== undefined) d.pid = c.pid;
    if (c.truncated) d.truncated = true;
    datagrams.push(d);
  };

  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    const ln = i + 1;
    if (raw.startsWith(' | ')) {
      if (!cur) continue; // the dump of a call we skip
      const m = /^ \| ([0-9a-f]{5,})  /.exec(raw);
      if (!m) throw new StraceError(`unexpected hex dump line: ${raw.trim()}`, ln);
      // 16 bytes as "xx xx xx xx xx xx xx xx  xx xx xx xx xx xx xx xx" (48 columns), then the ASCII column.
      const hex = raw.slice(m[0].length, m[0].length + 48).match(/[0-9a-f]{2}/g) ?? [];
      if (cur.buffers.length === 0) cur.buffers.push({ declared: null, bytes: [] });
      const b = cur.buffers[cur.buffers.length - 1]!;
      if (parseInt(m[1]!, 16) !== b.bytes.length) throw new StraceError(`hex dump offset ${m[1]} where ${b.bytes.length.toString(16).padStart(5, '0')} was expected`, ln);
      for (const h of hex) b.bytes.push(parseInt(h, 16));
      continue;
    }
    if (raw.startsWith(' * ')) {
      if (!cur) continue;
      const m = /^ \* (\d+) bytes in buffer \d+/.exec(raw);
      if (!m) throw new StraceError(`unexpected hex dump header: ${raw.trim()}`, ln);
      cur.buffers.push({ declared: Number(m[1]), bytes: [] });
      continue;
    }
    finish();
    const pm = PREFIX.exec(raw)!;
    const pidText = pm[1] ?? pm[2];
    const key = pidText ?? '';
    let body = pm[3]!;
    if (body.endsWith('<unfinished ...>')) {
      pending.set(key, body.slice(0, -'<unfinished ...>'.length));
      continue;
    }
    const res = /^<\.\.\. (\w+) resumed>(.*)$/.exec(body);
    if (res) {
      const head = pending.get(key);
      pending.delete(key);
      if (head === undefined) continue; // started before the trace did
      body = head + res[2];
    }
    const call = /^(\w+)\((.*)$/.exec(body);
    if (!call) continue; // "+++ exited with 0 +++", "--- SIGCHLD ...", strace's own notes
    const name = call[1]!;
    const retm = /\)\s+=\s+(-?\d+)(?:\s+\w+\s+\(.*?\))?(?:\s+<[\d.]+>)?\s*$/.exec(body);
    const ret = retm ? Number(retm[1]) : undefined;
    if (name === 'socket') {
      const sm = /^socket\((AF_\w+|PF_\w+), [^,]+, (\w+)\)\s+=\s+(\d+)/.exec(body);
      if (sm) sockets.set(`${key}:${sm[3]}`, /NETLINK/.test(sm[1]!) ? sm[2]!.replace(/^NETLINK_/, '') : sm[1]!);
      continue;
    }
    if (name === 'close') {
      const cm = /^close\((\d+)/.exec(body);
      if (cm) sockets.delete(`${key}:${cm[1]}`);
      continue;
    }
    if (!IO_CALLS.has(name)) continue;
    const fdm = /^(\d+)(?:<([^>]*)>)?/.exec(call[2]!);
    if (!fdm) throw new StraceError(`cannot read the file descriptor of ${name}`, ln);
    if (ret === undefined || ret < 0) {
      skipped.failed++;
      continue;
    }
    if (!isNetlinkSocket(protocol, fdm[2] ?? '', sockets.get(`${key}:${fdm[1]}`), body)) {
      skipped.otherSocket++;
      continue;
    }
    const dir = name.startsWith('send') ? 'send' : 'recv';
    // MSG_PEEK in the flags argument (msg_flags=... is what the kernel returned: left out).
    const args = body.replace(/msg_flags=[A-Z_|0-9x]+/g, '');
    if (dir === 'recv' && /MSG_PEEK/.test(args)) {
      skipped.peek++;
      continue;
    }
    const truncated = dir === 'recv' && /msg_flags=[A-Z_|0-9x]*MSG_TRUNC/.test(body);
    cur = { name, fd: Number(fdm[1]), line: ln, dir, ret, truncated, body, buffers: [] };
    if (pidText !== undefined) cur.pid = Number(pidText);
  }
  finish();
  return { datagrams, skipped };
}

/** True unless strace says the socket is something other than a netlink socket of `protocol`. */
function isNetlinkSocket(protocol: string, desc: string, fromSocket: string | undefined, body: string): boolean {
  const yy = /^NETLINK:\[([A-Z_0-9]+):/.exec(desc);
  if (yy) return yy[1] === protocol;
  if (desc !== '' && !desc.startsWith('NETLINK') && !/^socket:\[/.test(desc)) return false;
  if (fromSocket !== undefined) return fromSocket === protocol;
  const family = /sa_family=(AF_\w+)/.exec(body);
  return family === null || family[1] === 'AF_NETLINK';
}

/**
 * The data of a call without a hex dump, from the strings strace printed
 * inline (`iov_base="..."` for sendmsg/recvmsg, the buffer argument of
 * sendto/recvfrom); undefined when strace decoded the data into fields or
 * cut the string short.
 */
function inlineData(c: Call): Uint8Array | undefined {
  const args = c.body.slice(c.body.indexOf('(') + 1);
  const strings: string[] = [];
  if (c.name === 'sendmsg' || c.name === 'recvmsg') {
    const re = /iov_base=("(?:[^"\\]|\\.)*")(\.\.\.)?/g;
    for (let m; (m = re.exec(args)); ) {
      if (m[2]) return undefined;
      strings.push(m[1]!);
    }
    if (strings.length === 0) return undefined;
  } else {
    const m = /^\d+(?:<[^>]*>)?, ("(?:[^"\\]|\\.)*")(\.\.\.)?/.exec(args);
    if (!m || m[2]) return undefined;
    strings.push(m[1]!);
  }
  const bytes: number[] = [];
  for (const s of strings) bytes.push(...unescapeC(s.slice(1, -1)));
  if (bytes.length < c.ret && !c.truncated) return undefined;
  return Uint8Array.from(bytes.slice(0, c.ret));
}

/** Bytes of a C string literal's body as strace prints it (`\x64`, `\n`, `\177`, printable characters). */
function unescapeC(s: string): number[] {
  const out: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, v: 11, f: 12, a: 7, b: 8, '"': 34, '\\': 92, "'": 39 };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch !== '\\') {
      out.push(ch.charCodeAt(0) & 0xff);
      continue;
    }
    const n = s[i + 1] ?? '';
    if (n === 'x') {
      out.push(parseInt(s.substr(i + 2, 2), 16));
      i += 3;
    } else if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1))![0];
      out.push(parseInt(oct, 8) & 0xff);
      i += oct.length;
    } else {
      out.push(simple[n] ?? n.charCodeAt(0));
      i += 1;
    }
  }
  return out;
}
