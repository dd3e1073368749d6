/**
 * What a family's API facet gets from the handle it belongs to: the
 * handle's sockets and its namespace machinery (setns or helper mode).
 * Facets are made once per handle from the registry
 * (`src/families/registry.ts`) and keep no socket of their own, so that a
 * family's folder never reaches into the handle.
 */
import type { Connection } from '../transport/connection.js';
import type { GenlClient } from '../transport/genl-client.js';

/** Namespace fds for one request: opened once per namespace, closed together. */
export interface FdScope {
  open(name: string): Promise<number>;
  close(): void;
}

export interface HandleContext {
  /** The /run/netns name of the handle's namespace; undefined for this process's own (or one given by path, pid or fd). */
  readonly netns: string | undefined;
  /** Helper mode: a helper process carries the requests that must come from inside the namespace. */
  readonly viaHelper: boolean;
  /** The socket requests go through first: this process's own, or (setns mode) the one inside the namespace. */
  local(): Connection;
  /** The namespace's own socket: the setns one, or a helper's (started on demand). */
  inside(): Promise<Connection>;
  /** Helper mode: the NSID this process's namespace gives the handle's (assigned if it has none); otherwise undefined. */
  target(): Promise<number | undefined>;
  /** ifindex of the link `name` (DeviceNotFoundError when missing). */
  indexOf(name: string): Promise<number>;
  /** Every link's name by ifindex (one dump), for views that name the links they point at. */
  linkNames(): Promise<Map<number, string>>;
  /**
   * Namespace fds for one request: opened in this process, or (`inside`,
   * helper mode) by the helper, where the request is sent from.
   */
  fdScope(inside: boolean): FdScope;
  /** The handle's generic netlink client (a NETLINK_GENERIC socket in its namespace, made on first use). */
  genl(): GenlClient;
}
