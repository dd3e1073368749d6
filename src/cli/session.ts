/**
 * What every kernel-talking command shares: the handle on the namespace
 * chosen with `-n`, explain output (`-x`: a line per message; `-xx`: every
 * byte, see `explain/tap.ts`) and packet capture (`--pcap`) of every
 * datagram, and printing JSON or text.
 */
import { open, type Handle } from '../api/handle.js';
import type { DatagramInfo, SocketLabel } from '../transport/port.js';
import type { GlobalOptions } from './options.js';
import { formatJSON } from './json.js';
import { writeOut } from './out.js';

export class Session {
  readonly handle: Handle;
  private pcap?: { write(d: Uint8Array, out: boolean, timeMs?: number, protocol?: number): void; close(): void };
  private explainer?: (d: Uint8Array, out: boolean, via?: SocketLabel, protocol?: number) => void;

  constructor(readonly opts: GlobalOptions) {
    this.handle = open({
      netns: opts.netns,
      tap: opts.explain || opts.pcap ? (dir: 'out' | 'in', d: Uint8Array, info?: DatagramInfo) => this.tap(dir === 'out', d, info?.via, info?.protocol) : undefined,
    });
  }

  /** Loads the explain and pcap modules only when asked for. */
  async init(): Promise<void> {
    if (this.opts.pcap) {
      const { PcapWriter } = await import('../pcap/writer.js');
      this.pcap = new PcapWriter(this.opts.pcap);
    }
    if (this.opts.explain) {
      const level = this.opts.explain;
      const [{ tapText, whereLabel }, { rtnetlink, genericProtocol }] = await Promise.all([import('../explain/tap.js'), import('../families/registry.js')]);
      const color = !!process.stderr.isTTY && !process.env.NO_COLOR;
      // Generic netlink: family ids learned from the controller's answers as they pass.
      const generic = genericProtocol();
      this.explainer = (d, out, via, protocol) => {
        const isGeneric = protocol === 16;
        if (isGeneric) generic.learnFrom([d]);
        const text = tapText(level, out, d, isGeneric ? generic : rtnetlink, whereLabel(via), { color, generic: isGeneric });
        if (text !== '') process.stderr.write(text + '\n');
      };
    }
  }

  private tap(out: boolean, d: Uint8Array, via?: SocketLabel, protocol?: number): void {
    this.pcap?.write(d, out, undefined, protocol ?? 0);
    this.explainer?.(d, out, via, protocol);
  }

  /** Prints a JSON value as `ip -j` does (`-p`: in iproute2's pretty layout, see {@link formatJSON}). */
  printJSON(v: unknown): void {
    writeOut(formatJSON(v, this.opts.pretty) + '\n');
  }

  /** Prints text as it is (its newlines included). */
  printText(text: string): void {
    writeOut(text);
  }

  printLines(lines: readonly string[]): void {
    if (lines.length) writeOut(lines.join('\n') + '\n');
  }

  close(): void {
    this.handle.close();
    this.pcap?.close();
  }
}
