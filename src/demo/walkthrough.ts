/**
 * `npm run demo`: the classic "Linux network namespaces" walk-through, done
 * by tsnetlink, in throwaway namespaces. Each step prints the iproute2
 * command it replaces. Part one joins two namespaces with a veth pair and
 * pings across; part two builds what Docker builds: a bridge in a "host"
 * namespace, one veth per "container" (the container's end created
 * directly inside it, already up), addresses, default routes, and pings
 * container to container and container to gateway. Everything is deleted
 * at the end, on failure and on Ctrl-C.
 *
 * Options: `-x` shows every netlink message sent and received, one line
 * each, under the step that sent it, with the namespace of the socket that
 * carried it; `-xx` shows every byte of them instead (as `tsip -xx` does);
 * `--pcap FILE` writes them all to a netlink pcap (for `tsip decode --pcap`
 * or Wireshark).
 */
import { spawnSync } from 'node:child_process';
import { open, type Handle } from '../api/handle.js';
import { addNetns, deleteNetns, listNetns } from '../netns/registry.js';
import { tapText, whereLabel, type ExplainLevel } from '../explain/tap.js';
import { genericProtocol, rtnetlink } from '../families/registry.js';
import { PcapWriter } from '../pcap/writer.js';

const args = process.argv.slice(2);
const level: ExplainLevel | undefined = args.includes('-xx') ? 2 : args.includes('-x') || args.includes('--explain') ? 1 : undefined;
const pcapAt = args.indexOf('--pcap');
/** Generic netlink, should a step use it: family ids learned as the controller's answers pass. */
let genl: ReturnType<typeof genericProtocol> | undefined;
const pcap = pcapAt >= 0 && args[pcapAt + 1] !== undefined ? new PcapWriter(args[pcapAt + 1]!) : undefined;
const prefix = `tsnl-demo-${process.pid}`;
const made: string[] = [];
const handles: Handle[] = [];

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
function step(ip: string, what: string): void {
  console.log(`\n${bold('# ' + what)}\n$ ${ip}`);
}

/**
 * A handle on `netns`. Its datagrams are printed as they pass: each step
 * awaits its requests, and the tap runs before a reply is handed on, so a
 * step's messages land under its `$ ip ...` line, before the next one.
 */
function handle(netns: string): Handle {
  const h = open({
    netns,
    tap:
      level !== undefined || pcap
        ? (dir, d, info) => {
            pcap?.write(d, dir === 'out', undefined, info?.protocol ?? 0);
            if (level === undefined) return;
            const generic = info?.protocol === 16;
            const proto = generic ? (genl ??= genericProtocol()) : rtnetlink;
            if (generic) genl!.learnFrom([d]);
            process.stdout.write(tapText(level, dir === 'out', d, proto, whereLabel(info?.via ?? { netns }), { generic }) + '\n');
          }
        : undefined,
  });
  handles.push(h);
  return h;
}

async function netns(short: string): Promise<string> {
  const name = `${prefix}-${short}`;
  step(`ip netns add ${name}`, `create namespace ${short}`);
  await addNetns(name);
  made.push(name);
  return name;
}

/** Runs ping inside a namespace (tsip netns exec NS ping ...); true when it got a reply. */
function ping(ns: string, addr: string): boolean {
  step(`ip netns exec ${ns} ping -c 1 -W 2 ${addr}`, `ping ${addr} from ${ns}`);
  const r = spawnSync('ip', ['netns', 'exec', ns, 'ping', '-c', '1', '-W', '2', addr], { encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  if (r.error) console.log(`(cannot run ping: ${r.error.message})`);
  return r.status === 0;
}

async function partOne(): Promise<boolean> {
  console.log(bold('\n== Part one: two namespaces and a veth pair =='));
  const red = await netns('red');
  const blue = await netns('blue');
  step('ip netns list', 'list namespaces');
  console.log((await listNetns()).filter((n) => n.startsWith(prefix)).join('\n'));
  const r = handle(red);
  const b = handle(blue);
  step(`ip -n ${red} link`, `links in ${red}`);
  for (const l of await r.links.list()) console.log(`${l.index}: ${l.name} ${l.up ? 'UP' : 'DOWN'}`);
  step(`ip -n ${red} link set lo up; ip -n ${blue} link set lo up`, 'bring lo up in both');
  await Promise.all([r.links.set('lo', { up: true }), b.links.set('lo', { up: true })]);
  step(`ip -n ${red} link add veth-red type veth peer name veth-blue`, 'create a veth pair (in red)');
  await r.links.add({ name: 'veth-red', kind: 'veth', peer: { name: 'veth-blue' } });
  step(`ip -n ${red} link set veth-blue netns ${blue}`, 'move one end into blue');
  await r.links.set('veth-blue', { netns: blue });
  step(`ip -n ${red} addr add 198.18.0.1/24 dev veth-red; ip -n ${blue} addr add 198.18.0.2/24 dev veth-blue`, 'add /24 addresses');
  await Promise.all([r.addresses.add('198.18.0.1/24', 'veth-red'), b.addresses.add('198.18.0.2/24', 'veth-blue')]);
  step(`ip -n ${red} link set veth-red up; ip -n ${blue} link set veth-blue up`, 'bring the links up');
  await Promise.all([r.links.set('veth-red', { up: true }), b.links.set('veth-blue', { up: true })]);
  return ping(red, '198.18.0.2');
}

async function partTwo(): Promise<boolean> {
  console.log(bold('\n== Part two: a bridge and two "containers", as Docker does =='));
  const host = await netns('host');
  const h = handle(host);
  step(`ip -n ${host} link set lo up`, 'lo up in the host');
  await h.links.set('lo', { up: true });
  step(`ip -n ${host} link add br0 type bridge && ip -n ${host} link set br0 up`, 'a bridge, created up');
  await h.links.add({ name: 'br0', kind: 'bridge', up: true });
  step(`ip -n ${host} addr add 198.18.1.1/24 dev br0`, 'the bridge is the gateway');
  await h.addresses.add('198.18.1.1/24', 'br0');
  const containers: string[] = [];
  for (const [i, short] of ['c1', 'c2'].entries()) {
    const c = await netns(short);
    containers.push(c);
    const inside = handle(c);
    step(
      `ip -n ${host} link add eth0 netns ${c} mtu 1450 up type veth peer name veth-${short}   # eth0 created inside ${short}, already up`,
      `join ${short} to the host with a veth`,
    );
    await h.links.add({ name: 'eth0', kind: 'veth', netns: c, up: true, mtu: 1450, peer: { name: `veth-${short}`, mtu: 1450 } });
    step(`ip -n ${host} link set veth-${short} master br0 up`, `attach the host end to br0`);
    await h.links.set(`veth-${short}`, { master: 'br0', up: true });
    step(`ip -n ${c} link set lo up; ip -n ${c} addr add 198.18.1.${10 + i}/24 dev eth0; ip -n ${c} route add default via 198.18.1.1`, `configure ${short}`);
    await inside.links.set('lo', { up: true });
    await inside.addresses.add(`198.18.1.${10 + i}/24`, 'eth0');
    await inside.routes.add({ dst: 'default', via: '198.18.1.1' });
  }
  const ok1 = ping(containers[0]!, '198.18.1.11');
  const ok2 = ping(containers[0]!, '198.18.1.1');
  const ok3 = ping(containers[1]!, '198.18.1.10');
  return ok1 && ok2 && ok3;
}

async function cleanup(): Promise<void> {
  for (const h of handles) h.close();
  pcap?.close();
  for (const n of made.splice(0)) {
    try {
      await deleteNetns(n);
    } catch (e) {
      console.error(`could not delete ${n}: ${(e as Error).message}`);
    }
  }
}

async function main(): Promise<number> {
  if (process.getuid?.() !== 0) {
    console.error('The walk-through creates network namespaces: run it as root.');
    return 1;
  }
  const onSignal = () => {
    void cleanup().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const one = await partOne();
    const two = await partTwo();
    console.log(bold(`\n${one && two ? 'All pings answered.' : 'Some pings were not answered.'}`));
    return one && two ? 0 : 1;
  } catch (e) {
    console.error(`\nThe walk-through failed: ${(e as Error).message}`);
    return 1;
  } finally {
    console.log(bold('\n# clean up'));
    console.log(`$ ip netns del ${made.join('; ip netns del ')}`);
    await cleanup();
  }
}

main().then((code) => {
  process.exitCode = code;
});
