/**
 * Shared state of one generator run: the seeded RNG, the simulated network, content pools
 * (HTML-like text, random bytes) that bodies are sliced from, the generator clock, and flow
 * construction (IPv6 for ~15% of flows, 802.1Q tags on ~5%).
 */
import { PROTO_TCP, type Flow } from './frame.js';
import { buildNetwork, randomWord, type Host, type Network, type Server } from './hosts.js';
import { Rng } from './rng.js';

export const IPV6_FLOW_P = 0.15;
export const VLAN_FLOW_P = 0.05;
const VLAN_IDS = [10, 20, 30, 100, 200, 310];
const TEXT_POOL_LEN = 1 << 20;
const BIN_POOL_LEN = 2 << 20;

export class GenContext {
  readonly rng: Rng;
  readonly net: Network;
  /** HTML-ish text that text bodies are sliced from. */
  readonly textPool: Buffer;
  /** Random bytes for encrypted records and binary downloads. */
  readonly binPool: Uint8Array;
  /** Generator clock: timestamp (µs since the epoch) of the last packet written. */
  nowUs: number;

  constructor(seed: number) {
    this.rng = new Rng(seed);
    this.net = buildNetwork(this.rng);
    this.textPool = buildTextPool(this.rng);
    this.binPool = this.rng.bytes(BIN_POOL_LEN);
    // 2024-03-04T08:00:00Z plus up to ~a year, by seed
    this.nowUs = (1709539200 + this.rng.int(365 * 86400)) * 1e6;
  }

  text(len: number): Buffer {
    const start = this.rng.int(this.textPool.length - len);
    return this.textPool.subarray(start, start + len);
  }

  bin(len: number): Uint8Array {
    if (len > this.binPool.length) return this.rng.bytes(len);
    const start = this.rng.int(this.binPool.length - len + 1);
    return this.binPool.subarray(start, start + len);
  }

  client(): Host {
    return this.rng.pick(this.net.clients);
  }

  server(): Server {
    return this.rng.pick(this.net.servers);
  }

  /** A flow from `client` to `server` port `dport`; v6/vlan drawn unless forced. */
  flow(
    client: Host,
    server: Server,
    proto: number,
    dport: number,
    opts: { v6?: boolean; vlan?: number } = {},
  ): Flow {
    const rng = this.rng;
    const v6 = opts.v6 ?? rng.chance(IPV6_FLOW_P);
    const vlan = opts.vlan ?? (rng.chance(VLAN_FLOW_P) ? rng.pick(VLAN_IDS) : 0);
    const tsOpt = proto === PROTO_TCP && client.ttl === 64 ? rng.chance(0.95) : rng.chance(0.3);
    const sport = client.ttl === 128 ? rng.range(49152, 65535) : rng.range(32768, 60999);
    return {
      v6,
      vlan,
      proto,
      mac: [client.mac, server.mac],
      ip: v6 ? [client.v6, server.v6] : [client.v4, server.v4],
      port: [sport, dport],
      ttl: [client.ttl, Math.max(1, server.ttl - server.hops)],
      ipId: [rng.int(65536), rng.int(65536)],
      flowLabel: rng.u32() & 0xfffff,
      win: [rng.range(200, 2048), rng.range(200, 4096)],
      mss: (v6 ? 1440 : 1460) - (tsOpt ? 12 : 0),
      tsOpt,
      tsBase: [rng.u32(), rng.u32()],
      lastTsVal: [0, 0],
    };
  }
}

function buildTextPool(rng: Rng): Buffer {
  const parts: string[] = [];
  let len = 0;
  const tags = ['p', 'div', 'span', 'li', 'h2', 'a', 'td'];
  while (len < TEXT_POOL_LEN) {
    const n = rng.range(4, 18);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(randomWord(rng));
    const tag = rng.pick(tags);
    const line = rng.chance(0.2)
      ? `  var ${randomWord(rng)} = document.getElementById("${randomWord(rng)}-${rng.int(100)}");\n`
      : tag === 'a'
        ? `<a href="/${words[0]}/${words[1]}.html" class="${words[2]}">${words.join(' ')}</a>\n`
        : `<${tag} class="${words[0]}">${words.join(' ')}.</${tag}>\n`;
    parts.push(line);
    len += line.length;
  }
  return Buffer.from(parts.join(''), 'latin1');
}
