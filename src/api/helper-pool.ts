/**
 * The process-wide pool of namespace helper processes (helper mode only):
 * at most {@link setMaxHelpers} live at once; a handle takes a slot when it
 * first needs a helper and gives it back when the helper goes idle or the
 * handle closes; operations beyond the limit wait in order.
 */
import { InvalidArgumentError } from './errors.js';

/** Default most helper processes live at once, process-wide ({@link setMaxHelpers}). */
export const DEFAULT_MAX_HELPERS = 32;

/** The slots: handles wait in order for a free one. */
export const helperPool = {
  max: DEFAULT_MAX_HELPERS,
  used: 0,
  waiting: [] as (() => void)[],
  /** Resolves once the caller holds a slot. */
  acquire(): Promise<void> {
    if (this.used < this.max) {
      this.used++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  },
  /** Gives a slot back (to the next waiter, if any). */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.used--;
  },
};

/**
 * Sets how many namespace helpers handles may keep alive at once (default
 * {@link DEFAULT_MAX_HELPERS}); beyond that, operations that need one wait
 * until another handle's helper goes idle or its handle is closed.
 */
export function setMaxHelpers(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`maxHelpers must be a positive integer, got ${n}`);
  helperPool.max = n;
  while (helperPool.used < helperPool.max && helperPool.waiting.length) {
    helperPool.used++;
    helperPool.waiting.shift()!();
  }
}
