/**
 * Process-wide bookkeeping of live helper processes, so none outlives this
 * process: they are killed when it exits normally, on SIGINT, SIGTERM and
 * SIGHUP, and on an uncaught exception.
 *
 * Handlers are installed with the first live helper and removed with the
 * last, and none of them changes how the process ends:
 * - `exit` and `uncaughtExceptionMonitor` only observe (the latter acts only
 *   when no `uncaughtException` listener will keep the process alive).
 * - A signal handler acts only when it is the sole listener for that signal
 *   (when the application listens too, the signal is the application's
 *   business, and its helpers may still be needed for its own cleanup; they
 *   are then killed at `exit`). As the sole listener it kills the helpers,
 *   removes itself and raises the signal again, so the process dies of it
 *   as it would have without us (exit status 128 + signal number).
 *
 * A helper also exits on its own when this process dies in a way no handler
 * sees (SIGKILL, abort): its stdin reaches end of file.
 */
import { createRequire } from 'node:module';

// Loaded when first needed (start-up time of the CLI): worker_threads, os.
const load = createRequire(import.meta.url);
const isMainThread = (): boolean => (load('node:worker_threads') as typeof import('node:worker_threads')).isMainThread;
const signalNumber = (sig: NodeJS.Signals): number => (load('node:os') as typeof import('node:os')).constants.signals[sig];

/** Something to kill at exit. */
export interface Reapable {
  /** Kills the process now (synchronously sends the signal). */
  kill(): void;
}

const live = new Set<Reapable>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Sig = (typeof SIGNALS)[number];
let installed = false;

function killAll(): void {
  for (const h of live) {
    try {
      h.kill();
    } catch {
      // Already gone.
    }
  }
  live.clear();
}

const onExit = (): void => killAll();
// Only when the exception will end the process; an application that
// handles it keeps running, and keeps its helpers.
const onUncaught = (): void => {
  if (process.listenerCount('uncaughtException') === 0) killAll();
};
const onSignal: Record<Sig, () => void> = {
  SIGINT: () => signalled('SIGINT'),
  SIGTERM: () => signalled('SIGTERM'),
  SIGHUP: () => signalled('SIGHUP'),
};

function signalled(sig: Sig): void {
  if (process.listenerCount(sig) > 1) return; // The application handles it.
  killAll();
  uninstall();
  // No listener is left, so the default action (death by the signal) applies.
  process.kill(process.pid, sig);
  // Should the signal be blocked or ignored, still end as it would have.
  setTimeout(() => process.exit(128 + signalNumber(sig)), 50).unref();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', onExit);
  process.on('uncaughtExceptionMonitor', onUncaught);
  // Worker threads do not receive signals.
  if (isMainThread()) for (const s of SIGNALS) process.on(s, onSignal[s]);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', onExit);
  process.off('uncaughtExceptionMonitor', onUncaught);
  if (isMainThread()) for (const s of SIGNALS) process.off(s, onSignal[s]);
}

/** Registers a live helper; installs the handlers with the first one. */
export function track(h: Reapable): void {
  live.add(h);
  install();
}

/** Forgets a helper that has exited; removes the handlers with the last one. */
export function untrack(h: Reapable): void {
  live.delete(h);
  if (live.size === 0) uninstall();
}

/** Number of live helpers known (for tests and diagnostics). */
export function liveHelpers(): number {
  return live.size;
}
