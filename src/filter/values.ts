/**
 * Values of filter primitives: IPv4 addresses (1 to 4 octets; fewer octets make a network, as in
 * libpcap: `net 10` = 10.0.0.0/8), IPv6 addresses, numbers (decimal or 0x hex), protocol names.
 * Each returns undefined when the text is not that kind of value; the parser words the error.
 */

/** `a.b.c.d` with 1..4 octets: the address (missing octets 0) and how many bits were given. */
export function parseIpv4(text: string): { addr: number; bits: number } | undefined {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  let addr = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    addr = addr * 256 + v;
  }
  addr *= 256 ** (4 - parts.length);
  return { addr: addr >>> 0, bits: 8 * parts.length };
}

/** An IPv6 address as four big-endian u32 words (embedded IPv4 tail allowed). */
export function parseIpv6(text: string): number[] | undefined {
  if (!text.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (!v4 || v4.bits !== 32) return undefined;
        out.push(v4.addr >>> 16, v4.addr & 0xffff);
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(p)) return undefined;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  let all: number[];
  if (halves.length === 2) {
    const fill = 8 - head.length - tail.length;
    if (fill < 1) return undefined;
    all = [...head, ...new Array<number>(fill).fill(0), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    all = head;
  }
  return [0, 1, 2, 3].map((i) => ((all[2 * i]! << 16) | all[2 * i + 1]!) >>> 0);
}

/** A mask of `bits` leading ones over `words` u32 words. */
export function prefixMask(bits: number, words: number): number[] {
  return Array.from({ length: words }, (_, i) => {
    const b = Math.max(0, Math.min(32, bits - 32 * i));
    return b === 0 ? 0 : (0xffffffff << (32 - b)) >>> 0;
  });
}

/** Decimal or 0x-hex whole number, or undefined. */
export function parseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  return undefined;
}

/** IP protocol names accepted after `proto` (escaped with a backslash when they are keywords). */
export const IP_PROTOCOL_NAMES: Readonly<Record<string, number>> = {
  icmp: 1,
  igmp: 2,
  tcp: 6,
  udp: 17,
  gre: 47,
  esp: 50,
  ah: 51,
  ospf: 89,
  pim: 103,
  vrrp: 112,
  sctp: 132,
};
