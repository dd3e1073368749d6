/**
 * Book-keeping of the request engine: one {@link Pending} record per request,
 * and the FIFO of requests waiting for a slot in the window.
 */
import type { Message } from '../netlink/message.js';

/** What a pending record is for. */
export type PendingKind =
  /** request(): NLM_F_ACK set; ends with NLMSG_ERROR (ACK or error). */
  | 'request'
  /** dump(): NLM_F_DUMP set; ends with NLMSG_DONE (or an NLMSG_ERROR). */
  | 'dump'
  /** send(): fire and forget; never waits for an answer. */
  | 'send';

/**
 * Where a record is:
 * `queued` waits for a window slot; `sent` is with the kernel; `draining`
 * was given up (timed out) but still holds its slot until its final
 * message arrives or a second time limit passes; `done` is over.
 */
export type PendingState = 'queued' | 'sent' | 'draining' | 'done';

/** One request the connection works on. */
export interface Pending {
  readonly kind: PendingKind;
  /**
   * Takes the kernel's one dump slot: a netlink socket runs one dump at a
   * time, and a second dump started while one runs fails with EBUSY.
   */
  readonly isDump: boolean;
  /** nlmsg_type and its kernel name, for errors. */
  readonly type: number;
  name: string;
  /** The encoded request, seq included. */
  bytes: Uint8Array;
  /** nlmsg_seq of the current attempt. */
  seq: number;
  state: PendingState;
  /** Non-control messages received for the current attempt. */
  replies: Message[];
  /** Some message of the current attempt carried NLM_F_DUMP_INTR. */
  intr: boolean;
  /** Times sent so far. */
  attempts: number;
  /** Retries allowed after NLM_F_DUMP_INTR (dumps only). */
  readonly retries: number;
  /** Time limit in ms (0: none). */
  readonly timeoutMs: number;
  /** A failure seen before the final message (undecodable or truncated reply); reported when the kernel is done. */
  error?: Error;
  timer?: ReturnType<typeof setTimeout>;
  resolve(replies: Message[]): void;
  reject(err: Error): void;
}

/** A first-in first-out queue with O(1) push and shift. */
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  /** Number of items queued. */
  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** The first item, without removing it. */
  peek(): T | undefined {
    return this.items[this.head];
  }

  /** Removes and returns the first item. */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Removes and returns every item. */
  drain(): T[] {
    const out = this.items.slice(this.head) as T[];
    this.items = [];
    this.head = 0;
    return out;
  }
}
