// A benchmark peer kept running in a child process (inside a namespace via
// `ip netns exec`), driven one request at a time, so that the parent can
// interleave the rounds of every peer (round-robin) without paying a
// process start and a fresh JIT per round.
//
// Protocol: the child prints one JSON line when ready ({readyEpoch}), then
// answers every line it reads on stdin ("COMMAND [ARG...]") with one JSON
// line; it exits at the end of its stdin. A line of its own {"error": ...}
// fails the request.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { nowMs } from './child.mjs';

export class ServedChild {
  /** Starts `cmd args...`, inside `ns` when given. */
  constructor(cmd, args, { ns } = {}) {
    this.what = `${cmd} ${args.join(' ')}`;
    this.t0 = nowMs();
    this.proc = spawn(ns ? 'ip' : cmd, ns ? ['netns', 'exec', ns, cmd, ...args] : args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.waiting = [];
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    this.exited.then(({ code, signal }) => {
      for (const w of this.waiting.splice(0)) w.reject(new Error(`${this.what} exited (${code ?? signal}) before answering: ${this.stderr.trim()}`));
    });
    createInterface({ input: this.proc.stdout }).on('line', (line) => {
      const w = this.waiting.shift();
      if (!w) return;
      let msg;
      try {
        msg = JSON.parse(line);
      } catch {
        w.reject(new Error(`${this.what} printed no JSON: ${line.slice(0, 300)}`));
        return;
      }
      if (msg.error) w.reject(new Error(`${this.what}: ${msg.error}`));
      else w.resolve(msg);
    });
  }

  next() {
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Waits for the ready line; resolves to the start-up in ms (spawn to ready). */
  async ready() {
    const msg = await this.next();
    return msg.readyEpoch - this.t0;
  }

  /** Sends one command line, resolves to the child's JSON answer. */
  request(line) {
    const p = this.next();
    this.proc.stdin.write(`${line}\n`);
    return p;
  }

  /** Ends the child's input and waits for it to exit; throws when it failed. */
  async close() {
    this.proc.stdin.end();
    const { code, signal } = await this.exited;
    if (code !== 0) throw new Error(`${this.what} failed (${code ?? signal}): ${this.stderr.trim()}`);
  }

  /** Kills the child (after a failure elsewhere). */
  kill() {
    this.proc.kill('SIGKILL');
  }
}

/**
 * The child's side of the protocol for a dump peer: after the ready line
 * (`ready`, printed here), answers every `dump N` with N timed calls of
 * `list()` ({times, links}: ms per call, links in the last).
 */
export async function serveDumps(ready, list) {
  console.log(JSON.stringify(ready));
  for await (const line of createInterface({ input: process.stdin })) {
    const [what, n] = line.trim().split(/\s+/);
    if (what !== 'dump') {
      console.log(JSON.stringify({ error: `unknown request ${line}` }));
      continue;
    }
    const times = [];
    let links = 0;
    for (let i = 0; i < Number(n); i++) {
      const t0 = performance.now();
      links = (await list()).length;
      times.push(performance.now() - t0);
    }
    console.log(JSON.stringify({ times, links }));
  }
}
