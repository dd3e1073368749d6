/**
 * iproute2's link cache (its `ll_map`), for commands that print what ip
 * prints and ask what ip asks: links seen in a dump are remembered; a name
 * looked up (`dev X`, `master X`) or an ifindex named in output (`@peer`,
 * `master br0`) that is not remembered is asked for with RTM_GETLINK, as
 * ip asks for it, once.
 *
 * Formatters are synchronous, so lookups go in rounds: {@link LinkCache.context}
 * answers from the cache and notes what it could not answer,
 * {@link LinkCache.fill} asks the kernel for those, and the output is made
 * again (see {@link withLookups}). The requests go out in the order the
 * output needed them, as ip's do.
 */
import type { Handle } from '../api/handle.js';
import { DeviceNotFoundError, InvalidArgumentError } from '../api/errors.js';
import type { FormatContext } from '../format/context.js';
import type { Message } from '../netlink/message.js';
import { RTM } from '../rtnl/constants.js';

export class LinkCache {
  /** Link messages by ifindex; null: asked for, and missing. */
  private readonly links = new Map<number, Message | null>();
  /** Queue lengths, kept when a later message lacks IFLA_TXQLEN (the AF_INET6 link dump). */
  private readonly txqlen = new Map<number, number>();
  private misses: number[] = [];

  constructor(private readonly handle: Handle) {}

  /** Remembers links from messages (RTM_NEWLINK; RTM_DELLINK forgets). */
  remember(msgs: Iterable<Message>): void {
    for (const m of msgs) {
      const index: number | undefined = m.header?.index;
      if (index === undefined) continue;
      if (m.type === RTM.RTM_DELLINK) this.links.delete(index);
      if (m.type !== RTM.RTM_NEWLINK) continue;
      this.links.set(index, m);
      if (m.attrs?.txqlen !== undefined) this.txqlen.set(index, m.attrs.txqlen);
    }
  }

  /** Queue lengths only (from a dump whose links are not otherwise remembered). */
  rememberQueueLengths(msgs: Iterable<Message>): void {
    for (const m of msgs) if (m.attrs?.txqlen !== undefined) this.txqlen.set(m.header!.index, m.attrs.txqlen);
  }

  /** The remembered link message with this ifindex. */
  get(index: number): Message | undefined {
    return this.links.get(index) ?? undefined;
  }

  /** ifindex of a link by name, from the cache or asked for (ip's ll_name_to_index); 0 when there is none. */
  async indexOf(name: string): Promise<number> {
    for (const [i, m] of this.links) if (m?.attrs?.ifname === name) return i;
    try {
      const l = await this.handle.links.get(name);
      this.remember([l.message]);
      return l.index;
    } catch (e) {
      if (e instanceof DeviceNotFoundError || e instanceof InvalidArgumentError) return 0;
      throw e;
    }
  }

  /** A formatting context over the cache; ifindexes it cannot name are noted for {@link fill}. */
  context(nsidNames?: ReadonlyMap<number, string>): FormatContext {
    return {
      nameOf: (i) => {
        const m = this.links.get(i);
        if (m === undefined && !this.misses.includes(i)) this.misses.push(i);
        return m?.attrs?.ifname;
      },
      flagsOf: (i) => this.links.get(i)?.header?.flags,
      netnsName: (id) => nsidNames?.get(id),
      txqlenOf: (i) => this.txqlen.get(i),
    };
  }

  /** Asks for the links the last contexts could not name; true when there were any. */
  async fill(): Promise<boolean> {
    const wanted = this.misses;
    this.misses = [];
    for (const i of wanted) {
      if (this.links.has(i)) continue;
      try {
        this.remember([(await this.handle.links.get(i)).message]);
      } catch (e) {
        if (!(e instanceof DeviceNotFoundError) && !(e instanceof InvalidArgumentError)) throw e;
        this.links.set(i, null);
      }
    }
    return wanted.length > 0;
  }
}

/** Makes an output with the cache's context until every link it names has been looked up. */
export async function withLookups<T>(cache: LinkCache, make: (ctx: FormatContext) => T, nsidNames?: ReadonlyMap<number, string>): Promise<T> {
  for (let round = 0; round < 4; round++) {
    const out = make(cache.context(nsidNames));
    if (!(await cache.fill())) return out;
  }
  return make(cache.context(nsidNames));
}
