/**
 * The async iterator under a subscription: events pushed as they come,
 * taken with `for await`; a failure ends the iteration with its error
 * once the events before it are taken, closing ends it quietly.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting?: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void };
  private failure?: Error;
  private ended = false;

  constructor(private readonly onClose: () => void = () => {}) {}

  /** True once closed (by the consumer or the owner). */
  get closed(): boolean {
    return this.ended;
  }

  push(ev: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.resolve({ value: ev, done: false });
    } else this.queue.push(ev);
  }

  /** Ends the iteration with `e` (after the events already queued). */
  fail(e: Error): void {
    this.failure = e;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.reject(e);
    }
  }

  next(): Promise<IteratorResult<T>> {
    const ev = this.queue.shift();
    if (ev !== undefined) return Promise.resolve({ value: ev, done: false });
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Ends the iteration (idempotent); the owner's `onClose` runs once. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.onClose();
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.resolve({ value: undefined, done: true });
    }
  }
}
