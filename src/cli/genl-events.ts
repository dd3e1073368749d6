/**
 * The monitor commands of generic netlink families (`genl ctrl monitor`,
 * `ip mptcp monitor`): each event of the family's groups printed as the
 * family's command words it, until SIGINT or SIGTERM.
 */
import type { Message } from '../netlink/message.js';
import { EXIT } from './errors.js';
import { writeOut } from './out.js';
import type { Session } from './session.js';

/** Prints `text(message)` for every event of `family` (on `groups`, or all of them) in the session's namespace. */
export async function printGenericEvents(s: Session, family: string, groups: readonly string[] | undefined, text: (m: Message) => string): Promise<number> {
  const { monitorGeneric } = await import('../api/genl-monitor.js');
  const mon = monitorGeneric({ family, ...(groups !== undefined ? { groups } : {}), ...(s.opts.netns !== undefined ? { netns: s.opts.netns } : {}) });
  const stop = () => mon.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await mon.ready;
    for await (const e of mon) if (e.type === 'genl') writeOut(text(e.message));
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return EXIT.OK;
}
