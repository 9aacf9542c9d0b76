/**
 * dns.opcode: the OPCODE of the DNS header flags (RFC 1035 § 4.1.1; Suricata "DNS keywords" §
 * dns.opcode, an unsigned 8-bit integer: `N`, `!N`, `N-M` exclusive), in requests and responses.
 * Read from the DNS message of the inspected transaction direction (src/app/fields.ts).
 */
import type { KeywordMeta } from '../keyword.js';
import { rangeKeyword } from './range-keyword.js';

export const meta: KeywordMeta & { name: 'dns.opcode' } = {
  name: 'dns.opcode',
  summary: 'DNS header opcode',
  syntax: 'dns.opcode:[!]N | N-M;',
  example: 'dns.opcode:!0;',
};

export const keyword = rangeKeyword(meta, 255, undefined, 'dns.opcode');
