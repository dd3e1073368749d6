/**
 * `tsip ethtool DEV | -k DEV | -l DEV | -L DEV [rx N] [tx N] [other N]
 * [combined N] | -T DEV`, printing what ethtool 6.1 prints for the same
 * device, with its error words and exit codes:
 * - a refusal prints `netlink error: <ext-ack message> (offset N)` (when
 *   the kernel explained itself) and `netlink error: <strerror>` on
 *   stderr; `ethtool DEV` keeps quiet about operations the device does
 *   not support (EOPNOTSUPP) and prints the rest;
 * - `ethtool DEV` with nothing to show prints `No data available` and
 *   exits 75; the other commands exit 1 on a refusal;
 * - a missing device argument: `ethtool: bad command line argument(s)`,
 *   exit 1; a parameter too many: `ethtool: unexpected parameter 'X'`,
 *   exit 1 (`ethtool DEV X` ignores it, as ethtool does).
 */
import { cUnsigned } from '../../cli/args.js';
import type { Session } from '../../cli/session.js';
import { strerror } from '../../core/errno.js';
import type { Message } from '../../netlink/message.js';
import { KernelError } from '../../transport/errors.js';
import type { EthtoolFacet } from './api.js';
import { ETH_SS, ETHTOOL_FLAG, type ETHTOOL_MSG_USER } from './constants.js';
import { channelsText, featuresText, settingsText, tsinfoText } from './format.js';
import { stringsView } from './view.js';

/** ethtool's exit codes for what tsip ethtool does. */
const EXIT = { OK: 0, FAIL: 1, NO_DATA: 75 } as const;

type Request = keyof typeof ETHTOOL_MSG_USER;

/** A request's reply, or undefined when the kernel refused (its words printed unless `quiet` says so). */
async function ask(et: EthtoolFacet, cmd: Request, dev: string, flags = 0, quiet: (e: KernelError) => boolean = () => false): Promise<Message | undefined> {
  try {
    return await et.request(cmd, dev, {}, flags);
  } catch (e) {
    if (!(e instanceof KernelError)) throw e;
    if (!quiet(e)) netlinkError(e);
    return undefined;
  }
}

/** ethtool's words for a refusal: the ext-ack message (and where it points), then strerror. */
function netlinkError(e: KernelError): void {
  if (e.extMessage !== undefined) process.stderr.write(`netlink error: ${e.extMessage}${e.extOffset !== undefined ? ` (offset ${e.extOffset})` : ''}\n`);
  process.stderr.write(`netlink error: ${strerror(e.errno)}\n`);
}

function badArgs(): number {
  process.stderr.write('ethtool: bad command line argument(s)\nFor more information run ethtool -h\n');
  return EXIT.FAIL;
}

/** The commands taking exactly one device: option words and what they print. */
const COMMANDS: readonly { words: readonly string[]; run: (et: EthtoolFacet, dev: string, s: Session) => Promise<number> }[] = [
  { words: ['-k', '--show-features', '--show-offload'], run: showFeatures },
  { words: ['-l', '--show-channels'], run: (et, dev, s) => show(et, dev, s, 'ETHTOOL_MSG_CHANNELS_GET', channelsText) },
  { words: ['-T', '--show-time-stamping'], run: (et, dev, s) => show(et, dev, s, 'ETHTOOL_MSG_TSINFO_GET', tsinfoText) },
];

/** ethtool options whose output tsip does not reproduce (a veth refuses most of them, so it could not be checked here). */
const NOT_HERE = ['-g', '--show-ring', '-G', '--set-ring', '-a', '--show-pause', '-A', '--pause', '-c', '--show-coalesce', '-C', '--coalesce', '-K', '--features', '--offload', '-i', '--driver', '-S', '--statistics', '--show-eee', '--set-eee', '--show-fec', '--set-fec', '--show-priv-flags', '--set-priv-flags', '-s', '--change', '-m', '--dump-module-eeprom', '--module-info', '-x', '--show-rxfh-indir', '--show-rxfh', '-X', '--set-rxfh-indir', '--rxfh', '-P', '--show-permaddr', '--show-module', '--set-module', '-w', '--get-dump'];

export async function run(argv: string[], s: Session): Promise<number> {
  const et = s.handle.ethtool;
  const [first, ...rest] = argv;
  if (first === undefined || first === '') return badArgs();
  if (!first.startsWith('-')) return showSettings(et, first, s);
  if (first === '-L' || first === '--set-channels') return rest[0] === undefined ? badArgs() : setChannels(et, rest[0], rest.slice(1));
  const cmd = COMMANDS.find((c) => c.words.includes(first));
  if (cmd === undefined && NOT_HERE.includes(first)) {
    // An ethtool option tsip does not print yet: say so, rather than call it a bad argument.
    process.stderr.write(`tsip ethtool: ${first} is not supported here (the library's handle.ethtool answers it); supported: DEV, -k, -l, -L, -T\n`);
    return EXIT.FAIL;
  }
  if (cmd === undefined) return badArgs();
  const [dev, extra] = rest;
  if (dev === undefined) return badArgs();
  if (extra !== undefined) {
    process.stderr.write(`ethtool: unexpected parameter '${extra}'\n`);
    return EXIT.FAIL;
  }
  return cmd.run(et, dev, s);
}

/** `ethtool DEV`: link modes, link info, Wake-on-LAN, message level, link state, each as far as the device answers. */
async function showSettings(et: EthtoolFacet, dev: string, s: Session): Promise<number> {
  const quiet = (e: KernelError) => e.code === 'EOPNOTSUPP';
  const linkModes = await ask(et, 'ETHTOOL_MSG_LINKMODES_GET', dev, 0, quiet);
  const linkInfo = await ask(et, 'ETHTOOL_MSG_LINKINFO_GET', dev, 0, quiet);
  const wol = await ask(et, 'ETHTOOL_MSG_WOL_GET', dev, 0, quiet);
  const debug = await ask(et, 'ETHTOOL_MSG_DEBUG_GET', dev, 0, quiet);
  const linkState = await ask(et, 'ETHTOOL_MSG_LINKSTATE_GET', dev, 0, quiet);
  // The banner names the device as the kernel's replies do (an altname asked for gives the name).
  const name = [linkModes, linkInfo, wol, debug, linkState].map((m) => m?.attrs?.header?.devName).find((n) => typeof n === 'string') ?? dev;
  const text = settingsText(name, { linkModes, linkInfo, wol, debug, linkState });
  if (text === '') {
    s.printText('No data available\n');
    return EXIT.NO_DATA;
  }
  s.printText(text);
  return EXIT.OK;
}

/** `ethtool -k DEV`: the features (compact bitsets) named by the kernel's ETH_SS_FEATURES. */
async function showFeatures(et: EthtoolFacet, dev: string, s: Session): Promise<number> {
  const m = await ask(et, 'ETHTOOL_MSG_FEATURES_GET', dev, ETHTOOL_FLAG.ETHTOOL_FLAG_COMPACT_BITSETS);
  if (m === undefined) return EXIT.FAIL;
  const strings = await et.request('ETHTOOL_MSG_STRSET_GET', undefined, { stringsets: { stringset: [{ id: ETH_SS.ETH_SS_FEATURES }] } });
  s.printText(featuresText(m.attrs?.header?.devName ?? dev, m, strings === undefined ? [] : stringsView(strings)));
  return EXIT.OK;
}

/** `ethtool -L DEV [rx N] [tx N] [other N] [combined N]`: silent on success. */
async function setChannels(et: EthtoolFacet, dev: string, args: string[]): Promise<number> {
  const attrs: Record<string, number> = {};
  const fail = (msg: string) => (process.stderr.write(`ethtool (-L): ${msg}\n`), EXIT.FAIL);
  for (let i = 0; i < args.length; i += 2) {
    const word = args[i]!;
    if (!['rx', 'tx', 'other', 'combined'].includes(word)) return fail(`unknown parameter '${word}'`);
    const key = `${word}Count`;
    if (key in attrs) return fail(`duplicate parameter '${word}'`);
    const v = args[i + 1];
    if (v === undefined) return fail(`no value for parameter '${word}'`);
    const n = cUnsigned(v, 0xffffffff);
    if (n === undefined) return fail(`invalid value '${v}' for parameter '${word}'`);
    attrs[key] = n;
  }
  try {
    await et.request('ETHTOOL_MSG_CHANNELS_SET', dev, attrs);
    return EXIT.OK;
  } catch (e) {
    if (!(e instanceof KernelError)) throw e;
    netlinkError(e);
    return EXIT.FAIL;
  }
}

async function show(et: EthtoolFacet, dev: string, s: Session, cmd: Request, text: (dev: string, m: Message) => string): Promise<number> {
  const m = await ask(et, cmd, dev);
  if (m === undefined) return EXIT.FAIL;
  s.printText(text(m.attrs?.header?.devName ?? dev, m));
  return EXIT.OK;
}
