/**
 * `tsip decode [--json] [HEX | -]`: decode NETLINK_ROUTE messages given as
 * hex (argument or stdin) and print the explain layout or JSON with kernel
 * names.
 */
import { readFileSync } from 'node:fs';
import { HexError, parseHex } from '../bytes/hex.js';
import { DecodeError } from '../core/errors.js';
import { explainMessages } from '../netlink/explain.js';
import { jsonReplacer, messageToJSON } from '../netlink/json.js';
import { decodeMessages } from '../netlink/message.js';
import { rtnetlink } from '../rtnl/messages.js';
import { renderRows } from '../explain/text.js';
import { CliError, EXIT } from './errors.js';
import type { GlobalOptions } from './options.js';

export async function runDecode(args: string[], g: GlobalOptions): Promise<number> {
  let json = g.json;
  const rest: string[] = [];
  for (const a of args) {
    if (a === '--json' || a === '-j') json = true;
    else if (a === '-h' || a === '--help' || a === 'help') {
      process.stdout.write('Usage: tsip decode [--json] [HEX | -]\n');
      return EXIT.OK;
    } else rest.push(a);
  }
  const text = rest.length === 0 || (rest.length === 1 && rest[0] === '-') ? readFileSync(0, 'utf8') : rest.join(' ');
  let bytes: Uint8Array;
  try {
    bytes = parseHex(text);
  } catch (e) {
    if (e instanceof HexError) throw new CliError(`Error: ${e.message}`);
    throw e;
  }
  if (bytes.length === 0) throw new CliError('Error: no bytes to decode');
  try {
    if (json) {
      const msgs = decodeMessages(bytes, rtnetlink).map((m) => messageToJSON(m, rtnetlink));
      process.stdout.write(JSON.stringify(msgs, jsonReplacer, g.pretty ? 2 : undefined) + '\n');
    } else {
      const rows = explainMessages(bytes, rtnetlink);
      process.stdout.write(renderRows(rows, bytes, { color: !!process.stdout.isTTY && !process.env.NO_COLOR }) + '\n');
    }
  } catch (e) {
    if (e instanceof DecodeError) throw new CliError(`Error: cannot decode: ${e.message}`);
    throw e;
  }
  return EXIT.OK;
}
