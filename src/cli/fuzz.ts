/**
 * `tsip fuzz`: the kernel fuzzers (rtnetlink's, src/fuzz/kernel-fuzzer.ts;
 * generic netlink's, src/fuzz/genl-fuzzer.ts) from the command line, or
 * the codec properties alone with `--offline`.
 *
 * ```
 * tsip fuzz [--protocol route|generic] [--runs N] [--seed S] [--ops LIST]
 *           [--time SECONDS] [--check-every K] [--batch B] [--out DIR]
 * tsip fuzz --offline [--runs N] [--seed S] [--out DIR]
 * ```
 * Progress goes to stderr (one line, rewritten, on a terminal), the
 * summary to stdout (`-j`: JSON). Exit status: 0 nothing found, 1 usage
 * or setup error, 4 property violations, anomalies or leftovers found.
 */
import { CliError, EXIT } from './errors.js';
import type { GlobalOptions } from './options.js';
import { GENL_OP_FAMILIES, OP_FAMILIES } from '../fuzz/safety.js';
import { writeOut } from './out.js';

/** Exit status when the fuzzer found something. */
export const EXIT_FINDINGS = 4;

const USAGE = `Usage: tsip fuzz [--runs N] [--seed S] [--ops ${OP_FAMILIES.join(',')}] [--time SECONDS]
                 [--check-every K] [--batch B] [--out DIR]
       tsip fuzz --protocol generic [--runs N] [--seed S] [--ops ${GENL_OP_FAMILIES.join(',')}]
                 [--time SECONDS] [--check-every K] [--batch B] [--out DIR]
       tsip fuzz --offline [--runs N] [--seed S] [--out DIR]
Sends structure-aware rtnetlink requests (--protocol route, the default) or generic
netlink requests to every registered generic family (--protocol generic) in a throwaway
namespace (tsnl-fuzz-<pid>, tsnl-gfuzz-<pid>), checks every reply and notification,
and deletes the namespace at the end.
Needs root. --offline runs the codec properties only (no kernel, no root).
Exit status: 0 nothing found, 1 usage or setup error, 4 findings (see the summary).
`;

interface FuzzArgs {
  runs?: number;
  seed?: number;
  ops?: string[];
  time?: number;
  checkEvery?: number;
  batch?: number;
  out: string;
  offline: boolean;
  protocol: 'route' | 'generic';
}

function parseArgs(args: string[]): FuzzArgs | 'help' {
  const out: FuzzArgs = { out: 'fuzz-repro', offline: false, protocol: 'route' };
  let ops: string | undefined;
  const num = (a: string, v: string | undefined, min: number): number => {
    if (v === undefined || !/^-?\d+$/.test(v) || Number(v) < min) throw new CliError(`Error: ${a} expects an integer of at least ${min}, got "${v ?? ''}"`);
    return Number(v);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const val = () => inline ?? args[++i];
    switch (flag) {
      case '--runs':
      case '-r':
        out.runs = num(flag, val(), 1);
        break;
      case '--seed':
      case '-s':
        out.seed = num(flag, val(), -(2 ** 31)) | 0;
        break;
      case '--time':
      case '-t':
        out.time = num(flag, val(), 1);
        break;
      case '--check-every':
        out.checkEvery = num(flag, val(), 1);
        break;
      case '--batch':
        out.batch = num(flag, val(), 1);
        break;
      case '--out':
      case '-o': {
        const v = val();
        if (!v) throw new CliError(`Error: ${flag} expects a directory`);
        out.out = v;
        break;
      }
      case '--ops':
        ops = val() ?? '';
        break;
      case '--protocol': {
        const v = val();
        if (v !== 'route' && v !== 'generic') throw new CliError(`Error: --protocol expects route or generic, got "${v ?? ''}"`);
        out.protocol = v;
        break;
      }
      case '--offline':
        out.offline = true;
        break;
      case 'help':
      case '-h':
      case '--help':
        return 'help';
      default:
        throw new CliError(`Error: unknown argument "${a}" to fuzz, try "tsip fuzz help".`);
    }
  }
  if (ops !== undefined) {
    // Checked once the protocol is known: each has its own families.
    const known = out.protocol === 'generic' ? GENL_OP_FAMILIES : OP_FAMILIES;
    const list = ops.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = list.find((s) => !known.includes(s));
    if (bad !== undefined || list.length === 0) throw new CliError(`Error: --ops expects a list of ${known.join(', ')}, got "${ops}"`);
    out.ops = list;
  }
  return out;
}

function top(rec: Record<string, number>, n: number): string {
  return Object.entries(rec)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** Runs `tsip fuzz ARGS`; resolves to the exit status. */
export async function runFuzz(args: string[], opts: GlobalOptions): Promise<number> {
  const a = parseArgs(args);
  if (a === 'help') {
    writeOut(USAGE);
    return EXIT.OK;
  }
  if (opts.netns !== undefined) throw new CliError('Error: tsip fuzz makes its own namespace; -n is not accepted');
  const tty = !!process.stderr.isTTY;
  const line = (s: string) => {
    if (tty) process.stderr.write(`\r\x1b[K${s}`);
  };
  let lastPlain = 0;
  const plain = (s: string) => {
    // Off a terminal, a progress line every 10 seconds.
    if (tty || performance.now() - lastPlain < 10_000) return;
    lastPlain = performance.now();
    process.stderr.write(s + '\n');
  };

  if (a.offline) {
    const { runOfflineFuzz } = await import('../fuzz/offline.js');
    const r = await runOfflineFuzz({
      cases: a.runs ?? 100_000,
      seed: a.seed,
      reproDir: a.out,
      onProgress: (p) => {
        const s = `cases ${p.cases}/${p.total}  ${Math.round(p.rate)}/s  violations ${p.violations}`;
        line(s);
        plain(s);
      },
    });
    if (tty) process.stderr.write('\n');
    if (opts.json) writeOut(JSON.stringify(r, null, opts.pretty ? 2 : undefined) + '\n');
    else {
      writeOut(`offline fuzz, seed ${r.seed}: ${r.cases} cases in ${(r.elapsedMs / 1000).toFixed(1)} s (${Math.round(r.rate)} cases/s)\n`);
      for (const [k, v] of Object.entries(r.byCategory)) writeOut(`  ${k.padEnd(22)} ${String(v.cases).padStart(9)} cases  ${v.violations} violations\n`);
      for (const v of r.violations) writeOut(`  ${v}\n`);
      for (const p of r.repros) writeOut(`  reproducer: ${p}\n`);
    }
    return r.violations.length ? EXIT_FINDINGS : EXIT.OK;
  }

  if (process.getuid?.() !== 0) throw new CliError('tsip fuzz: needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN) to create its namespace; try --offline for the codec alone');
  const run = a.protocol === 'generic' ? (await import('../fuzz/genl-fuzzer.js')).runGenlFuzzer : (await import('../fuzz/kernel-fuzzer.js')).runKernelFuzzer;
  const abort = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write('\ninterrupted: finishing the current operations and cleaning up (^C again to quit now)\n');
      abort.abort();
    } else process.exit(130);
  };
  process.on('SIGINT', onSigint);
  let result;
  try {
    const runs = a.runs ?? (a.time !== undefined ? Number.MAX_SAFE_INTEGER : 1000);
    result = await run({
      runs,
      ...(a.seed !== undefined ? { seed: a.seed } : {}),
      ...(a.ops ? { ops: a.ops } : {}),
      ...(a.time !== undefined ? { timeSeconds: a.time } : {}),
      ...(a.checkEvery !== undefined ? { checkEvery: a.checkEvery } : {}),
      ...(a.batch !== undefined ? { batch: a.batch } : {}),
      reproDir: a.out,
      signal: abort.signal,
      log: (s) => {
        if (tty) process.stderr.write('\r\x1b[K');
        process.stderr.write(s + '\n');
      },
      onProgress: (s) => {
        const total = runs === Number.MAX_SAFE_INTEGER ? '' : `/${runs}`;
        const bad = Object.values(s.anomalies).reduce((x, y) => x + y, 0);
        const vio = Object.values(s.violations).reduce((x, y) => x + y, 0);
        const msg = `ops ${s.ops}${total}  ${Math.round(s.rate)}/s  acks ${s.acks}  errors ${s.errors} (${top(s.errnos, 4)})  notifications ${s.notifications}  anomalies ${bad}  violations ${vio}`;
        line(msg.length > 200 ? msg.slice(0, 199) + '…' : msg);
        plain(msg);
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (tty) process.stderr.write('\r\x1b[K');
  const s = result.stats;
  const anomalies = Object.values(s.anomalies).reduce((x, y) => x + y, 0);
  const violations = Object.values(s.violations).reduce((x, y) => x + y, 0);
  const leftovers = result.cleanup.netnsLeft || result.cleanup.helpersLeft > 0 || result.cleanup.helperProcesses.length > 0 || result.cleanup.rootLinksAdded.length > 0;
  if (opts.json) writeOut(JSON.stringify(result, null, opts.pretty ? 2 : undefined) + '\n');
  else {
    const w = (x: string) => writeOut(x + '\n');
    w(`tsip fuzz: seed ${s.seed}, namespace ${s.netns}`);
    w(`  operations   ${s.ops} in ${(s.elapsedMs / 1000).toFixed(1)} s (${Math.round(s.rate)} ops/s); ${s.sent} requests and dumps sent`);
    w(`  answers      ${s.acks} ACKs, ${s.errors} kernel errors: ${top(s.errnos, 12) || 'none'}`);
    if (a.protocol === 'generic') w(`  dumps        ${s.dumps} (${s.dumpMessages} messages, ${s.dumpsInterrupted} interrupted), ${s.modelChecks} checks (family ids, the namespace's devices)`);
    else w(`  dumps        ${s.dumps} (${s.dumpMessages} messages, ${s.dumpsInterrupted} interrupted), ${s.modelChecks} model checks (${s.modelExplained} objects gone for a known reason, ${s.modelExtra} unexpected ones)`);
    if (Object.keys(s.opKinds).length) w(`  variants     ${top(s.opKinds, 5)}`);
    const extAcks = Object.entries(s.extAcks).sort((x, y) => y[1] - x[1]);
    if (extAcks.length) w(`  ext-acks     ${extAcks.length} distinct kernel messages: ${extAcks.slice(0, 12).map(([m, n]) => `"${m}" ${n}`).join('; ')}`);
    if (s.extAckOffAttr) w(`  ext-ack offsets at no attribute as tsnetlink decodes the request: ${s.extAckOffAttr}`);
    w(`  notifications ${s.notifications}: ${top(s.notificationTypes, 8) || 'none'}`);
    w(`  received     ${s.datagramsIn} datagrams, ${s.bytesIn} bytes, each decoded and re-encoded`);
    w(`  anomalies    ${anomalies ? top(s.anomalies, 20) : 'none'}`);
    w(`  violations   ${violations ? top(s.violations, 20) : 'none'}`);
    if (s.unsafeSkipped) w(`  not sent     ${s.unsafeSkipped} operations failed the safety check`);
    const byOp = Object.entries(s.byOp).sort((x, y) => y[1].sent - x[1].sent);
    w(`  by operation ${byOp.slice(0, 40).map(([k, v]) => `${k} ${v.sent} (${v.ack} ok)`).join(', ')}${byOp.length > 40 ? ` (+${byOp.length - 40} more; -j lists them all)` : ''}`);
    for (const n of result.notes.slice(0, 20)) w(`  note: ${n}`);
    for (const p of result.repros) w(`  reproducer: ${p}`);
    w(`  cleanup      namespace ${result.cleanup.netnsLeft ? 'LEFT BEHIND' : 'deleted'}, helpers alive ${result.cleanup.helpersLeft}, helper processes ${result.cleanup.helperProcesses.length}, new root links ${result.cleanup.rootLinksAdded.length ? result.cleanup.rootLinksAdded.join(' ') : 'none'}`);
    if (result.fatal) w(`  stopped early: ${result.fatal}`);
  }
  if (result.fatal && s.ops === 0) return EXIT.USAGE;
  return anomalies || violations || leftovers || result.fatal ? EXIT_FINDINGS : EXIT.OK;
}
