/**
 * One idle timeout, for whatever holds a costly resource between requests
 * (a handle's socket in another namespace, a helper process): after `ms`
 * without {@link IdleTimer.touch}, `quiet()` is asked whether the resource
 * may go (nothing in flight); if so `onIdle` runs, else it is asked again
 * later. The timer never keeps the process alive.
 */
export class IdleTimer {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;

  constructor(
    /** Milliseconds of quiet before `onIdle`; 0 or less: never. */
    private readonly ms: number,
    /** True when nothing depends on the resource right now; `gone` when there is nothing left to watch. */
    private readonly quiet: () => boolean | 'gone',
    /** Lets the resource go (it is made again on the next use). */
    private readonly onIdle: () => void,
  ) {}

  /** Notes a use: the quiet period starts again. */
  touch(): void {
    if (this.ms <= 0) return;
    this.last = performance.now();
    if (this.timer === undefined) this.arm(this.ms);
  }

  /** Stops watching (until the next {@link touch}). */
  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.check(), ms);
    this.timer.unref();
  }

  private check(): void {
    this.timer = undefined;
    const quietFor = performance.now() - this.last;
    if (quietFor < this.ms) {
      this.arm(Math.max(1, this.ms - quietFor));
      return;
    }
    const q = this.quiet();
    if (q === 'gone') return;
    if (q) this.onIdle();
    // Busy (a request longer than the idle period): look again a period later.
    else this.arm(this.ms);
  }
}
