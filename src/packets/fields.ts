/**
 * tshark-compatible display fields (`netsift decode -T fields -e NAME`). Each field reads the
 * FIRST layer of its protocol (tshark's `-E occurrence=f`), including layers quoted inside ICMP
 * errors, exactly as tshark's first occurrence does, and formats the value as tshark prints it.
 * An absent field is the empty string.
 */
import { ConfigError } from '../errors.js';
import { LAYER_MALFORMED, LAYER_QUOTED, LAYER_TRUNCATED, PROTO, PROTOCOLS } from '../wasm/protocols.js';
import type { DecodedPacket, Layer } from './packet.js';
import { formatEpochNs, formatIpv4, formatIpv6, formatMac } from './format.js';

type Extract = (p: DecodedPacket) => string;

interface FieldDef {
  readonly name: string;
  readonly description: string;
  readonly get: Extract;
}

/**
 * The first layer of `proto` whose fields tshark would show: a malformed layer (header present
 * but rejected, e.g. an IPv4 IHL below 5) is named in frame.protocols but shows no field.
 */
function fieldLayer(p: DecodedPacket, proto: number): Layer | undefined {
  const l = p.layer(proto, true);
  return l && (l.flags & LAYER_MALFORMED) === 0 ? l : undefined;
}

/** A fixed-width field of the first layer of `proto`, when captured. */
function at(proto: number, off: number, width: 1 | 2 | 4, fmt: (v: number) => string = String): Extract {
  return (p) => {
    const l = fieldLayer(p, proto);
    if (!l || !p.has(l.offset + off, width)) return '';
    const v =
      width === 1 ? p.u8(l.offset + off) : width === 2 ? p.u16(l.offset + off) : p.u32(l.offset + off);
    return fmt(v);
  };
}

function addr(proto: number, off: number, len: 4 | 6 | 16): Extract {
  return (p) => {
    const l = fieldLayer(p, proto);
    if (!l || !p.has(l.offset + off, len)) return '';
    if (len === 6) return formatMac(p.bytes, l.offset + off);
    return len === 4 ? formatIpv4(p.bytes, l.offset + off) : formatIpv6(p.bytes, l.offset + off);
  };
}

function tcpLen(p: DecodedPacket): string {
  const l = fieldLayer(p, PROTO.tcp);
  // a header cut short (options included), or one quoted in an ICMP error, shows no tcp.len in tshark
  if (!l || l.headerLength < 20 || (l.flags & (LAYER_TRUNCATED | LAYER_QUOTED)) !== 0) return '';
  return String(Math.max(0, l.declaredLength - l.headerLength));
}

/**
 * Layers whose type field tshark hands to its `ethertype` dissector, which then appears in
 * frame.protocols between the layer and what the type names (`eth:ethertype:ip`,
 * `sll:ethertype:ip`, `vlan:ethertype:arp`). An 802.3 length (LLC follows) has no ethertype.
 */
const ETHERTYPE_PARENTS: ReadonlySet<number> = new Set([
  PROTO.ethernet,
  PROTO.vlan,
  PROTO.qinq,
  PROTO.sll,
  PROTO.sll2,
  PROTO.avsp,
  PROTO.cmd,
]);

/** Link types tshark shows as a `raw` pseudo-layer before the IP header (LINKTYPE_RAW 101, 12, 14). */
const RAW_LINKTYPES: ReadonlySet<number> = new Set([101, 12, 14]);

const ARPHRD_IPGRE = 778;

/**
 * SLL/SLL2 frames whose protocol field tshark does not hand to `ethertype`: ARPHRD_IPGRE (the GRE
 * protocol table takes it) and protocol values below 0x0600 (Linux LINUX_SLL_P_* codes).
 */
function isSllNonEthertype(p: DecodedPacket, l: Layer): boolean {
  if (l.proto === PROTO.sll) return p.u16(l.offset + 2) === ARPHRD_IPGRE || p.u16(l.offset + 14) < 0x0600;
  if (l.proto === PROTO.sll2) return p.u16(l.offset + 8) === ARPHRD_IPGRE || p.u16(l.offset) < 0x0600;
  return false;
}

/** tcp.seq_raw: tshark leaves it out for a TCP header quoted in an ICMP error (no sequence analysis). */
function tcpSeqRaw(p: DecodedPacket): string {
  const l = fieldLayer(p, PROTO.tcp);
  if (!l || (l.flags & LAYER_QUOTED) !== 0 || !p.has(l.offset + 4, 4)) return '';
  return String(p.u32(l.offset + 4));
}

/** ip.len: the total-length field; a TSO capture's 0 shows the length decoding presumed, as tshark. */
function ipLen(p: DecodedPacket): string {
  const l = fieldLayer(p, PROTO.ipv4);
  if (!l || !p.has(l.offset + 2, 2)) return '';
  const v = p.u16(l.offset + 2);
  return String(v === 0 ? l.declaredLength : v);
}

/** tshark's frame.protocols: every layer's tshark name, outer to inner. */
export function protocolChain(p: DecodedPacket): string {
  const names: string[] = [];
  if (RAW_LINKTYPES.has(p.linkType)) names.push('raw');
  for (let i = 0; i < p.layers.length; i++) {
    const l = p.layers[i]!;
    const info = PROTOCOLS[l.proto];
    if (!info || !info.tshark) continue;
    names.push(info.tshark);
    if (!ETHERTYPE_PARENTS.has(l.proto) || isSllNonEthertype(p, l) || (l.flags & LAYER_MALFORMED) !== 0)
      continue;
    // Cisco MetaData hands its type to `ethertype` on Ethernet, but not inside GRE
    if (l.proto === PROTO.cmd && p.layers[i - 1]?.proto === PROTO.gre) continue;
    const next = p.layers[i + 1];
    // a type field followed by bytes is dissected by `ethertype` even when nothing decodes them
    if (next ? next.proto !== PROTO.llc : p.bytes.length > l.offset + l.headerLength) names.push('ethertype');
  }
  return names.join(':');
}

const FIELDS: FieldDef[] = [
  {
    name: 'frame.number',
    description: 'packet number, 1-based across all input files',
    get: (p) => String(p.number),
  },
  { name: 'frame.len', description: 'original (wire) length', get: (p) => String(p.originalLength) },
  { name: 'frame.cap_len', description: 'captured length', get: (p) => String(p.captureLength) },
  {
    name: 'frame.time_epoch',
    description: 'seconds since the epoch, nine decimals',
    get: (p) => formatEpochNs(p.tsNs),
  },
  { name: 'frame.protocols', description: 'layer names outer to inner, as tshark', get: protocolChain },
  { name: 'eth.src', description: 'Ethernet source address', get: addr(PROTO.ethernet, 6, 6) },
  { name: 'eth.dst', description: 'Ethernet destination address', get: addr(PROTO.ethernet, 0, 6) },
  {
    name: 'vlan.id',
    description: 'first 802.1Q VLAN id',
    get: at(PROTO.vlan, 0, 2, (v) => String(v & 0xfff)),
  },
  { name: 'ip.src', description: 'IPv4 source', get: addr(PROTO.ipv4, 12, 4) },
  { name: 'ip.dst', description: 'IPv4 destination', get: addr(PROTO.ipv4, 16, 4) },
  { name: 'ip.proto', description: 'IPv4 protocol', get: at(PROTO.ipv4, 9, 1) },
  { name: 'ip.ttl', description: 'IPv4 time to live', get: at(PROTO.ipv4, 8, 1) },
  { name: 'ip.len', description: 'IPv4 total length field (0 = TSO: the captured length)', get: ipLen },
  {
    name: 'ip.id',
    description: 'IPv4 identification',
    get: at(PROTO.ipv4, 4, 2, (v) => `0x${v.toString(16).padStart(4, '0')}`),
  },
  {
    name: 'ip.flags.mf',
    description: 'IPv4 more-fragments flag',
    get: at(PROTO.ipv4, 6, 1, (v) => String((v >> 5) & 1)),
  },
  {
    name: 'ip.flags.df',
    description: "IPv4 don't-fragment flag",
    get: at(PROTO.ipv4, 6, 1, (v) => String((v >> 6) & 1)),
  },
  {
    name: 'ip.frag_offset',
    description: 'IPv4 fragment offset (8-byte units)',
    get: at(PROTO.ipv4, 6, 2, (v) => String(v & 0x1fff)),
  },
  { name: 'ipv6.src', description: 'IPv6 source', get: addr(PROTO.ipv6, 8, 16) },
  { name: 'ipv6.dst', description: 'IPv6 destination', get: addr(PROTO.ipv6, 24, 16) },
  { name: 'ipv6.nxt', description: 'IPv6 next header', get: at(PROTO.ipv6, 6, 1) },
  { name: 'ipv6.hlim', description: 'IPv6 hop limit', get: at(PROTO.ipv6, 7, 1) },
  { name: 'ipv6.plen', description: 'IPv6 payload length', get: at(PROTO.ipv6, 4, 2) },
  { name: 'tcp.srcport', description: 'TCP source port', get: at(PROTO.tcp, 0, 2) },
  { name: 'tcp.dstport', description: 'TCP destination port', get: at(PROTO.tcp, 2, 2) },
  { name: 'tcp.seq_raw', description: 'TCP sequence number (absolute)', get: tcpSeqRaw },
  { name: 'tcp.ack_raw', description: 'TCP acknowledgment number (absolute)', get: at(PROTO.tcp, 8, 4) },
  {
    name: 'tcp.flags',
    description: 'TCP flags, 12 bits, hex',
    get: at(PROTO.tcp, 12, 2, (v) => `0x${(v & 0xfff).toString(16).padStart(4, '0')}`),
  },
  { name: 'tcp.window_size_value', description: 'TCP window field', get: at(PROTO.tcp, 14, 2) },
  { name: 'tcp.len', description: 'TCP payload length from the IP length', get: tcpLen },
  { name: 'udp.srcport', description: 'UDP source port', get: at(PROTO.udp, 0, 2) },
  { name: 'udp.dstport', description: 'UDP destination port', get: at(PROTO.udp, 2, 2) },
  { name: 'udp.length', description: 'UDP length field', get: at(PROTO.udp, 4, 2) },
  { name: 'icmp.type', description: 'ICMP type', get: at(PROTO.icmp, 0, 1) },
  { name: 'icmp.code', description: 'ICMP code', get: at(PROTO.icmp, 1, 1) },
  { name: 'icmpv6.type', description: 'ICMPv6 type', get: at(PROTO.icmpv6, 0, 1) },
  { name: 'icmpv6.code', description: 'ICMPv6 code', get: at(PROTO.icmpv6, 1, 1) },
  { name: 'arp.opcode', description: 'ARP operation', get: at(PROTO.arp, 6, 2) },
];

export const FIELD_REGISTRY: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((f) => [f.name, f]));

export function listFields(): readonly FieldDef[] {
  return FIELDS;
}

/** Resolve field names to extractors; an unknown name is a ConfigError naming it. */
export function resolveFields(names: readonly string[]): Extract[] {
  return names.map((n) => {
    const f = FIELD_REGISTRY.get(n);
    if (!f) {
      throw new ConfigError(
        `unknown field "${n}"; \`netsift decode --list-fields\` lists the ${FIELDS.length} fields`,
        {
          field: n,
        },
      );
    }
    return f.get;
  });
}
