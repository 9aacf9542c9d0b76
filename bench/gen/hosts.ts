/**
 * The simulated network: thousands of clients inside HOME_NET (10.0.0.0/8 and 192.168.0.0/16,
 * plus a ULA IPv6 prefix), external servers with generated domain names, public and internal
 * DNS resolvers, and the routers that answer traceroutes. Everything derives from the seed.
 */
import type { Rng } from './rng.js';

export interface Host {
  readonly v4: Uint8Array;
  readonly v6: Uint8Array;
  readonly mac: Uint8Array;
  /** Initial TTL of the host's stack (64 Linux/macOS, 128 Windows). */
  readonly ttl: number;
}

export interface Server extends Host {
  readonly name: string;
  /** Router hops between the capture point and the server. */
  readonly hops: number;
}

export interface Network {
  readonly clients: readonly Host[];
  readonly servers: readonly Server[];
  readonly resolvers: readonly Server[];
  readonly routers: readonly Uint8Array[];
  readonly gatewayMac: Uint8Array;
}

const WORDS = (
  'alpha amber apex arc atlas aurora beacon birch blue bolt brook canyon cedar cloud cobalt comet coral ' +
  'crest delta dune echo ember falcon fern flint forge frost galaxy garnet glade granite harbor hazel ' +
  'horizon indigo iris jade juniper kestrel lagoon lark lumen maple marble meadow mesa nimbus north ' +
  'nova oak onyx orbit pebble pine pixel polar prairie quartz quill raven reef ridge river rowan sage ' +
  'sierra silver solar spruce stone summit swift tango terra thistle tide timber topaz tundra umber ' +
  'vale vector velvet willow wren yarrow zenith zephyr'
).split(' ');
const PREFIXES = ['www', 'www', 'www', 'api', 'cdn', 'static', 'img', 'login', 'mail', 'news', 'shop', 'app'];
const TLDS = ['com', 'com', 'com', 'net', 'org', 'io', 'de', 'co.uk', 'fr', 'info'];

export function randomWord(rng: Rng): string {
  return rng.pick(WORDS);
}

function mac(rng: Rng, oui: readonly number[]): Uint8Array {
  const m = new Uint8Array(6);
  m.set(oui);
  rng.fill(m, 3, 3);
  return m;
}

const OUIS = [
  [0x00, 0x1b, 0x21],
  [0x3c, 0x22, 0xfb],
  [0xf0, 0x18, 0x98],
  [0x00, 0x50, 0x56],
  [0xa4, 0x83, 0xe7],
  [0xdc, 0xa6, 0x32],
];

function clientV4(rng: Rng): Uint8Array {
  return rng.chance(0.6)
    ? Uint8Array.of(10, rng.int(256), rng.int(256), rng.range(2, 254))
    : Uint8Array.of(192, 168, rng.int(256), rng.range(2, 254));
}

/** A public unicast IPv4 address (no private, loopback, link-local, CGN, multicast or test nets). */
function publicV4(rng: Rng): Uint8Array {
  for (;;) {
    const a = rng.range(1, 223);
    const b = rng.int(256);
    if (a === 10 || a === 127 || a === 0 || a === 100 || a === 169 || a === 198 || a === 203) continue;
    if ((a === 172 && b >= 16 && b < 32) || (a === 192 && (b === 168 || b === 0))) continue;
    return Uint8Array.of(a, b, rng.int(256), rng.range(1, 254));
  }
}

function v6(rng: Rng, prefix: readonly number[]): Uint8Array {
  const a = rng.bytes(16);
  a.set(prefix);
  return a;
}

function domain(rng: Rng, used: Set<string>): string {
  for (;;) {
    const w = rng.chance(0.5) ? randomWord(rng) + randomWord(rng) : randomWord(rng) + '-' + randomWord(rng);
    const name = `${rng.pick(PREFIXES)}.${w}.${rng.pick(TLDS)}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

export function buildNetwork(rng: Rng, nClients = 4000, nServers = 2000): Network {
  const gatewayMac = mac(rng, [0x00, 0x0c, 0x29]);
  const clientPrefix = [0xfd, 0x4e, rng.int(256), rng.int(256), 0, 0, 0, rng.int(256)];
  const clients: Host[] = [];
  for (let i = 0; i < nClients; i++) {
    clients.push({
      v4: clientV4(rng),
      v6: v6(rng, clientPrefix),
      mac: mac(rng, rng.pick(OUIS)),
      ttl: rng.chance(0.3) ? 128 : 64,
    });
  }
  const used = new Set<string>();
  const servers: Server[] = [];
  for (let i = 0; i < nServers; i++) {
    servers.push({
      name: domain(rng, used),
      v4: publicV4(rng),
      v6: v6(rng, [0x2a, rng.range(0, 15), rng.int(256), rng.int(256)]),
      mac: gatewayMac,
      ttl: rng.pick([64, 64, 128, 255]),
      hops: rng.range(4, 20),
    });
  }
  const resolver = (name: string, v4: number[], v6a: number[], internal: boolean): Server => ({
    name,
    v4: Uint8Array.from(v4),
    v6: Uint8Array.from(v6a),
    mac: internal ? mac(rng, [0x00, 0x16, 0x3e]) : gatewayMac,
    ttl: 64,
    hops: internal ? 0 : rng.range(3, 8),
  });
  const resolvers = [
    resolver(
      'ns1.corp.internal',
      [10, 0, 0, 53],
      [0xfd, 0x4e, ...clientPrefix.slice(2), 0, 0, 0, 0, 0, 0, 0, 0x53],
      true,
    ),
    resolver(
      'router.lan',
      [192, 168, 1, 1],
      [0xfd, 0x4e, ...clientPrefix.slice(2), 0, 0, 0, 0, 0, 0, 0, 1],
      true,
    ),
    resolver(
      'dns.google',
      [8, 8, 8, 8],
      [0x20, 0x01, 0x48, 0x60, 0x48, 0x60, 0, 0, 0, 0, 0, 0, 0, 0, 0x88, 0x88],
      false,
    ),
    resolver(
      'one.one.one.one',
      [1, 1, 1, 1],
      [0x26, 0x06, 0x47, 0, 0x47, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x11, 0x11],
      false,
    ),
  ];
  const routers: Uint8Array[] = [];
  for (let i = 0; i < 32; i++) routers.push(i < 2 ? Uint8Array.of(10, 0, 0, 1 + i) : publicV4(rng));
  return { clients, servers, resolvers, routers, gatewayMac };
}

export function formatIp(ip: Uint8Array): string {
  if (ip.length === 4) return ip.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((ip[i] ?? 0) << 8) | (ip[i + 1] ?? 0)).toString(16));
  // compress the longest run of zero groups, as in RFC 5952
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}
