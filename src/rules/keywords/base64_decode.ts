/**
 * base64_decode: decode base64 from the buffer in force, from `offset` (from its start, or from
 * the previous match with `relative`), at most `bytes` characters (default: to the end); the
 * decoded bytes are the `base64_data` buffer for the keywords after it (Suricata "Base64
 * keywords", detect-base64-decode.c: RFC 4648 decoding that stops at the first byte outside the
 * alphabet). It always matches; an empty decode leaves base64_data empty.
 */
import { badValue } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { PAYLOAD_BUFFER, type Base64DecodeSpec } from '../types.js';
import { parseInteger } from '../values/number.js';
import { splitArgs } from './util.js';

export const meta: KeywordMeta = {
  name: 'base64_decode',
  summary: 'decode base64 into the base64_data buffer',
  syntax: 'base64_decode[:[bytes N][, offset N][, relative]];',
  example: 'base64_decode:bytes 300, offset 0, relative; base64_data; content:"<!DOCTYPE";',
};

export const keyword = defineKeyword({
  meta,
  parse(value, rule): Base64DecodeSpec {
    let bytes = 0;
    let offset = 0;
    let relative = false;
    for (const a of value === undefined || value.trim() === '' ? [] : splitArgs(value)) {
      const [k, v, ...rest] = a.split(/\s+/);
      if (k === 'relative' && v === undefined) relative = true;
      else if ((k === 'bytes' || k === 'offset') && v !== undefined && rest.length === 0) {
        const n = parseInteger('base64_decode', v, 0, 0xffffffff);
        if (k === 'bytes') bytes = n;
        else offset = n;
      } else badValue('base64_decode', `"${a}" is not bytes N, offset N or relative`);
    }
    if (bytes === 0 && value?.includes('bytes')) badValue('base64_decode', 'bytes must be above 0');
    // Suricata attaches it to the sticky buffer in force, else to the list of the previous content
    // (`content:"x"; http_client_body; base64_decode:relative;` decodes the request body)
    const buffer =
      rule.currentBuffer !== PAYLOAD_BUFFER
        ? rule.currentBuffer
        : (rule.lastContent?.buffer ?? PAYLOAD_BUFFER);
    return { kind: 'base64_decode', bytes, offset, relative, buffer };
  },
  apply(rule, spec: Base64DecodeSpec) {
    rule.matches.push(spec);
  },
});
