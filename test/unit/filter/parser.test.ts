/**
 * The --bpf parser: every primitive's expansion (the tests libpcap generates for it), precedence
 * and associativity, qualifier inheritance, VLAN offsets, and every error with its exact message.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { parseFilter, type FilterNode } from '../../../src/filter/index.js';
import * as O from '../../../src/filter/opcodes.js';

/** A compact rendering of the AST: tests as `OP(args)`, and/or/not as S-expressions. */
const OPS: Record<number, string> = {
  [O.OP_TRUE]: 'true',
  [O.OP_LINKPROTO]: 'link',
  [O.OP_IPPROTO4]: 'proto4',
  [O.OP_IPPROTO6]: 'proto6',
  [O.OP_HOST4]: 'host4',
  [O.OP_HOST6]: 'host6',
  [O.OP_PORT4]: 'port4',
  [O.OP_PORT6]: 'port6',
  [O.OP_VLAN]: 'vlan',
  [O.OP_LEN_LE]: 'lenle',
  [O.OP_LEN_GE]: 'lenge',
};

function show(n: FilterNode): string {
  switch (n.kind) {
    case 'test':
      return `${OPS[n.op]}(${n.args.map((a) => (a > 0xffff ? '0x' + a.toString(16) : String(a))).join(',')})`;
    case 'not':
      return `(not ${show(n.expr)})`;
    default:
      return `(${n.kind} ${show(n.left)} ${show(n.right)})`;
  }
}

const p = (e: string): string => show(parseFilter(e));

const ANY = 0xffffffff;
const SRC_OR_DST = O.DIR_SRC_OR_DST;

describe('primitives', () => {
  it.each([
    ['ip', 'link(0,2048)'],
    ['ip6', 'link(0,34525)'],
    ['arp', 'link(0,2054)'],
    ['rarp', 'link(0,32821)'],
    ['tcp', '(or proto4(0,6) proto6(0,6))'],
    ['udp', '(or proto4(0,17) proto6(0,17))'],
    ['sctp', '(or proto4(0,132) proto6(0,132))'],
    ['icmp', 'proto4(0,1)'],
    ['icmp6', 'proto6(0,58)'],
    ['igmp', 'proto4(0,2)'],
    ['esp', '(or proto4(0,50) proto6(0,50))'],
    ['ah', '(or proto4(0,51) proto6(0,51))'],
    ['less 100', 'lenle(100)'],
    ['greater 0x10', 'lenge(16)'],
    ['vlan', `vlan(0,0x${ANY.toString(16)})`],
    ['vlan 100', 'vlan(0,100)'],
    ['ip proto 47', 'proto4(0,47)'],
    ['ip6 proto 17', 'proto6(0,17)'],
    ['proto 6', '(or proto4(0,6) proto6(0,6))'],
    ['proto \\udp', '(or proto4(0,17) proto6(0,17))'],
    ['ip proto gre', 'proto4(0,47)'],
  ])('%s', (expr, want) => {
    expect(p(expr)).toBe(want);
  });

  it('host: IPv4 over IP, ARP and RARP (libpcap), or one of them with a qualifier', () => {
    const a = 0x0a000001;
    const m = 0xffffffff;
    expect(p('host 10.0.0.1')).toBe(
      `(or (or host4(0,0,${SRC_OR_DST},0x${a.toString(16)},0x${m.toString(16)}) host4(0,1,2,0xa000001,0xffffffff)) host4(0,2,2,0xa000001,0xffffffff))`,
    );
    expect(p('ip host 10.0.0.1')).toBe('host4(0,0,2,0xa000001,0xffffffff)');
    expect(p('arp src host 10.0.0.1')).toBe('host4(0,1,0,0xa000001,0xffffffff)');
    expect(p('rarp dst host 10.0.0.1')).toBe('host4(0,2,1,0xa000001,0xffffffff)');
    expect(p('ip src and dst host 10.0.0.1')).toBe('host4(0,0,3,0xa000001,0xffffffff)');
    expect(p('ip src or dst 10.0.0.1')).toBe('host4(0,0,2,0xa000001,0xffffffff)');
    expect(p('ip dst 10.0.0.1')).toBe('host4(0,0,1,0xa000001,0xffffffff)');
    // a partial address is a network, as in libpcap (`host 10.1` = 10.1.0.0/16)
    expect(p('ip host 10.1')).toBe('host4(0,0,2,0xa010000,0xffff0000)');
    // a plain number is a 32-bit address (`host 80` = 0.0.0.80)
    expect(p('ip src 80')).toBe('host4(0,0,0,80,0xffffffff)');
    expect(p('ip host 167772161')).toBe('host4(0,0,2,0xa000001,0xffffffff)');
  });

  it('net: CIDR, mask, partial addresses', () => {
    expect(p('ip net 10.0.0.0/8')).toBe('host4(0,0,2,0xa000000,0xff000000)');
    expect(p('ip net 10.0.0.0 mask 255.255.0.0')).toBe('host4(0,0,2,0xa000000,0xffff0000)');
    expect(p('ip src net 172.16')).toBe('host4(0,0,0,0xac100000,0xffff0000)');
    expect(p('ip net 0.0.0.0/0')).toBe('host4(0,0,2,0,0)');
    expect(p('net 192.168.1.0/24')).toMatch(/^\(or \(or host4\(0,0,2,0xc0a80100,0xffffff00\)/);
  });

  it('IPv6 host and net', () => {
    expect(p('host ::1')).toBe('host6(0,2,0,0,0,1,0xffffffff,0xffffffff,0xffffffff,0xffffffff)');
    expect(p('ip6 src host fe80::1:2')).toBe(
      'host6(0,0,0xfe800000,0,0,0x10002,0xffffffff,0xffffffff,0xffffffff,0xffffffff)',
    );
    expect(p('dst net fe80::/10')).toBe('host6(0,1,0xfe800000,0,0,0,0xffc00000,0,0,0)');
    expect(p('host ::ffff:10.0.0.1')).toBe(
      'host6(0,2,0,0,65535,0xa000001,0xffffffff,0xffffffff,0xffffffff,0xffffffff)',
    );
    expect(p('net 2001:db8::/32')).toBe('host6(0,2,0x20010db8,0,0,0,0xffffffff,0,0,0)');
  });

  it('port and portrange: TCP, UDP and SCTP over IPv4 (first fragment) and IPv6', () => {
    const all = O.PROTO_BIT_TCP | O.PROTO_BIT_UDP | O.PROTO_BIT_SCTP;
    expect(p('port 80')).toBe(`(or port4(0,${all},2,80,80) port6(0,${all},2,80,80))`);
    expect(p('tcp port 80')).toBe('(or port4(0,1,2,80,80) port6(0,1,2,80,80))');
    expect(p('udp src port 53')).toBe('(or port4(0,2,0,53,53) port6(0,2,0,53,53))');
    expect(p('sctp dst port 9')).toBe('(or port4(0,4,1,9,9) port6(0,4,1,9,9))');
    expect(p('ip port 80')).toBe(`port4(0,${all},2,80,80)`);
    expect(p('ip6 port 80')).toBe(`port6(0,${all},2,80,80)`);
    expect(p('tcp portrange 1-1023')).toBe('(or port4(0,1,2,1,1023) port6(0,1,2,1,1023))');
    expect(p('tcp portrange 1023-1')).toBe('(or port4(0,1,2,1,1023) port6(0,1,2,1,1023))');
    expect(p('tcp src and dst port 0x50')).toBe('(or port4(0,1,3,80,80) port6(0,1,3,80,80))');
  });
});

describe('operators', () => {
  it('and/or have equal precedence and associate to the left (pcap-filter(7))', () => {
    expect(p('ip or arp and less 10')).toBe('(and (or link(0,2048) link(0,2054)) lenle(10))');
    expect(p('ip and arp or less 10')).toBe('(or (and link(0,2048) link(0,2054)) lenle(10))');
    expect(p('ip or (arp and less 10)')).toBe('(or link(0,2048) (and link(0,2054) lenle(10)))');
  });

  it('not binds tighter than and/or; symbols equal words', () => {
    expect(p('not ip and arp')).toBe('(and (not link(0,2048)) link(0,2054))');
    expect(p('!ip && arp || ! ! ip6')).toBe(p('not ip and arp or not not ip6'));
    expect(p('not (ip or arp)')).toBe('(not (or link(0,2048) link(0,2054)))');
  });
});

describe('qualifier inheritance', () => {
  it('a bare id takes the qualifiers of the primitive before it', () => {
    expect(p('port 80 or 443')).toBe(p('port 80 or port 443'));
    expect(p('tcp dst port 80 or 443')).toBe(p('tcp dst port 80 or tcp dst port 443'));
    expect(p('ip host 10.0.0.1 or 10.0.0.2')).toBe(p('ip host 10.0.0.1 or ip host 10.0.0.2'));
    expect(p('ip src 10.0.0.1 and not 10.0.0.2')).toBe(p('ip src 10.0.0.1 and not ip src 10.0.0.2'));
    expect(p('not ip host 10.0.0.1 and 10.0.0.2')).toBe(p('not ip host 10.0.0.1 and ip host 10.0.0.2'));
    expect(p('udp port (53 or 67)')).toBe(p('(udp port 53 or udp port 67)'));
  });

  it('a bare address alone is a host; after a parenthesis the outer qualifiers apply again', () => {
    expect(p('10.0.0.1')).toBe(p('host 10.0.0.1'));
    expect(p('fe80::1')).toBe(p('host fe80::1'));
    expect(p('(tcp port 80) or 10.0.0.1')).toBe(p('(tcp port 80) or host 10.0.0.1'));
  });
});

describe('vlan moves the offsets of everything parsed after it', () => {
  it('by 4 bytes per vlan keyword, whatever the nesting', () => {
    expect(p('vlan and ip')).toBe('(and vlan(0,0xffffffff) link(4,2048))');
    expect(p('vlan 10 and vlan 20 and tcp')).toBe(
      '(and (and vlan(0,10) vlan(4,20)) (or proto4(8,6) proto6(8,6)))',
    );
    expect(p('ip or vlan and ip')).toBe('(and (or link(0,2048) vlan(0,0xffffffff)) link(4,2048))');
    expect(p('vlan or port 80')).toBe('(or vlan(0,0xffffffff) (or port4(4,7,2,80,80) port6(4,7,2,80,80)))');
  });
});

describe('errors name the column and the token', () => {
  const cases: [string, string][] = [
    ['port eighty', 'at 6: expected a port number, got "eighty" (service names are not supported)'],
    ['port 65536', 'at 6: a port must be at most 65535, got 65536'],
    ['portrange 1', 'at 11: expected a port range (low-high), got "1"'],
    ['portrange 1-x', 'at 11: expected a port range, got "1-x" (service names are not supported)'],
    ['port 80-90', 'at 6: expected a port number, got "80-90"'],
    ['host', 'at 5: expected an IPv4 or IPv6 address, got end of expression'],
    [
      'host example.com',
      'at 6: expected an IPv4 or IPv6 address, got "example.com" (host names are not resolved)',
    ],
    ['host 10.0.0.256', 'at 6: expected an IPv4 or IPv6 address, got "10.0.0.256"'],
    ['host 10.0.0.0/8', 'at 6: a /len mask is for networks only (say net 10.0.0.0/8)'],
    ['net 10.0.0.1/8', 'at 5: non-network bits set in "10.0.0.1/8"'],
    ['net 10.0.0.0/33', 'at 5: an IPv4 prefix length must be at most 32, got 33'],
    ['net fe80::1/10', 'at 5: non-network bits set in "fe80::1/10"'],
    ['net 10.0.0.0 mask 255.0', 'at 19: expected a netmask (a.b.c.d), got "255.0"'],
    ['tcp host 10.0.0.1', 'at 10: "tcp" does not apply to host'],
    ['ip host ::1', 'at 9: "ip" does not apply to an ip6 host'],
    ['ip6 host 10.0.0.1', 'at 10: "ip6" does not apply to an ip host'],
    ['arp port 80', 'at 10: "arp" does not apply to port (tcp, udp, sctp, ip, ip6 do)'],
    [
      'proto \\nosuch',
      'at 7: expected a protocol number or name (\\tcp, \\udp, \\icmp, ...), got "\\nosuch"',
    ],
    ['proto 256', 'at 7: a protocol number must be at most 255, got 256'],
    ['vlan 4096', 'at 6: a VLAN id must be at most 4095, got 4096'],
    ['less', 'at 5: expected a length in bytes, got end of expression'],
    ['tcp or 80', 'at 8: "80" has no qualifier (say host, net, port, ...)'],
    ['tcp 80', 'at 5: expected "and" or "or", got "80"'],
    ['(tcp', 'at 5: expected ")" to close the "(" at 1, got end of expression'],
    ['tcp)', 'at 4: unexpected ")" (no "(" to close)'],
    [
      'tcp and',
      'at 8: expected a primitive (host, net, port, portrange, proto, tcp, udp, ip, vlan, ...), got end of expression',
    ],
    [
      'and tcp',
      'at 1: expected a primitive (host, net, port, portrange, proto, tcp, udp, ip, vlan, ...), got "and"',
    ],
    ['()', 'at 2: unexpected ")"'],
    ['tcp[13] & 2 != 0', 'at 4: unsupported operator "[" (byte offsets and comparisons are not supported)'],
    ['len < 100', 'at 1: unsupported primitive "len"'],
    ['ether host 00:11:22:33:44:55', 'at 1: unsupported primitive "ether"'],
    ['gateway foo', 'at 1: unsupported primitive "gateway"'],
    ['', 'at 1: empty expression (give a filter, or omit the option)'],
    ['80', 'at 1: expected an IPv4 or IPv6 address, got "80"'],
  ];
  it.each(cases)('%s', (expr, message) => {
    let err: unknown;
    try {
      parseFilter(expr);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toBe(`--bpf "${expr}": ${message}`);
    expect((err as ConfigError).code).toBe('ERR_CONFIG_INVALID');
  });

  it('names the option the expression came from', () => {
    expect(() => parseFilter('port x', { option: 'live --bpf' })).toThrow('live --bpf "port x": at 6:');
  });

  it('caps nesting', () => {
    expect(() => parseFilter('('.repeat(150) + 'ip' + ')'.repeat(150))).toThrow(
      /nested deeper than 100 levels/,
    );
  });
});
