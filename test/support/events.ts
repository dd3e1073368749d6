/** Waiting for a subscription's events in tests. */

/** The next event of `it` that `pick` accepts, within `ms` (rejects when none comes, or the iterator ends). */
export async function nextEvent<E>(it: AsyncIterator<E>, pick: (e: E) => boolean, ms = 5000): Promise<E> {
  const deadline = Date.now() + ms;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error('no such event in time');
    let timer: NodeJS.Timeout | undefined;
    const r = await Promise.race([it.next(), new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error('no event in time')), left)))]).finally(() => clearTimeout(timer));
    if (r.done) throw new Error('the monitor ended');
    if (pick(r.value)) return r.value;
  }
}
