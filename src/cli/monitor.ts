/**
 * `tsip monitor [link | address | route | all]`: one line (or JSON object
 * with -j) per event, in iproute2's style, until interrupted. Lost events
 * are said plainly, and the monitor goes on.
 */
import { monitor, type MonitorEvent, type MonitorObject } from '../api/monitor.js';
import { addrInfoText, addrInfoJSON } from '../families/address/format.js';
import { linkJSON, linkText } from '../families/link/format.js';
import { routeJSON, routeText } from '../families/route/format.js';
import type { FormatContext } from '../format/context.js';
import type { Message } from '../netlink/message.js';
import { matches } from './args.js';
import { CliError, EXIT } from './errors.js';
import type { Session } from './session.js';

export async function runMonitor(argv: string[], s: Session): Promise<number> {
  const objects = new Set<MonitorObject>();
  for (const a of argv) {
    if (a === 'all') ['link', 'address', 'route'].forEach((o) => objects.add(o as MonitorObject));
    else if (matches(a, 'link')) objects.add('link');
    else if (matches(a, 'address')) objects.add('address');
    else if (matches(a, 'route')) objects.add('route');
    else throw new CliError(`Argument "${a}" is unknown, try "tsip monitor help".`, EXIT.INVARG);
  }
  // Link names for `dev X` and `@peer`, kept current from the events.
  const links = new Map<number, Message>();
  for (const l of await s.handle.links.list()) links.set(l.index, l.message);
  const ctx: FormatContext = {
    nameOf: (i) => links.get(i)?.attrs?.ifname,
    flagsOf: (i) => links.get(i)?.header?.flags,
  };
  const mon = monitor({ netns: s.opts.netns, objects: [...objects] });
  const stop = () => mon.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await mon.ready;
  if (process.env.TSIP_MONITOR_READY) process.stderr.write('monitor ready\n');
  for await (const ev of mon) print(ev, s, ctx, links);
  return EXIT.OK;
}

function print(ev: MonitorEvent, s: Session, ctx: FormatContext, links: Map<number, Message>): void {
  const json = s.opts.json;
  const out = (lines: string[], obj: unknown) => {
    if (json) process.stdout.write(JSON.stringify(obj, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)) + '\n');
    else process.stdout.write(lines.join('\n') + '\n');
  };
  switch (ev.type) {
    case 'overrun':
      if (json) out([], { event: 'overrun', reason: ev.reason, restarts: ev.restarts });
      else process.stderr.write(`Events were lost (${ev.reason}); resynchronising.\n`);
      return;
    case 'resync':
      for (const l of ev.links) links.set(l.index, l.message);
      if (json) out([], { event: 'resync', links: ev.links.length, addresses: ev.addresses.length, routes: ev.routes.length });
      else process.stderr.write(`Resynchronised: ${ev.links.length} links, ${ev.addresses.length} addresses, ${ev.routes.length} routes.\n`);
      return;
    case 'link': {
      // The formatters print `Deleted ` for RTM_DEL* themselves.
      if (ev.action === 'new') links.set(ev.link.index, ev.message);
      const lines = linkText(ev.message, ctx);
      if (ev.action === 'del') links.delete(ev.link.index);
      out(lines, ev.action === 'del' ? { deleted: true, ...linkJSON(ev.message, ctx) } : linkJSON(ev.message, ctx));
      return;
    }
    case 'address': {
      const name = links.get(ev.address.index)?.attrs?.ifname ?? `if${ev.address.index}`;
      const info = addrInfoText(ev.message);
      let first = (info[0] ?? '').trim();
      const deleted = first.startsWith('Deleted ');
      if (deleted) first = first.slice('Deleted '.length).trim();
      const lines = [`${deleted ? 'Deleted ' : ''}${ev.address.index}: ${name}    ${first}`, ...info.slice(1)];
      out(lines, { ifindex: ev.address.index, ifname: name, ...(ev.action === 'del' ? { deleted: true } : {}), addr_info: [addrInfoJSON(ev.message)] });
      return;
    }
    case 'route': {
      const json = routeJSON(ev.message, ctx, { table: 'all' });
      out(routeText(ev.message, ctx, { table: 'all' }), ev.action === 'del' ? { deleted: true, ...json } : json);
      return;
    }
  }
}
