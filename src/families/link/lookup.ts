/** RTM_GETLINK of one link, which the handle (indexOf) and the link facet share. */
import { DeviceNotFoundError, notFound } from '../../api/errors.js';
import type { Message } from '../../netlink/message.js';
import type { Connection } from '../../transport/connection.js';
import { linkGet } from './requests.js';

/** RTM_GETLINK of one link (`by` already checked) on `conn`; ENODEV or no answer: DeviceNotFoundError. */
export async function lookupLink(conn: Connection, by: { index?: number; name?: string }, target?: number): Promise<Message> {
  const what = String(by.name ?? by.index);
  const [m] = await conn.request(linkGet(by, target)).catch((e) => notFound(e, what));
  if (!m) throw new DeviceNotFoundError(what);
  return m;
}
