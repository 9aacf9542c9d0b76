/**
 * Multi-value buffers the verifier derives from a parser buffer (DERIVED_BUFFERS in buffers.ts):
 *
 * - http.request_header / http.response_header (Suricata 7, detect-http-header.c): one value per
 *   header line of the request / the response, "Name: Value" (value without leading or trailing
 *   blanks, folded continuation lines joined by one space), cut from http.header.raw. Each value is
 *   inspected on its own; the rule's keywords for the buffer must all hold in one of them. A
 *   request header exists only when the request direction is inspected, a response header only in
 *   the response direction.
 *
 * - http.accept, http.accept_enc, http.accept_lang, http.connection, http.host.raw (request) and
 *   http.content_len (request or response; Suricata's http-keywords table): the value of that
 *   header, trimmed; several headers of the name joined by ", " as libhtp joins them. Absent when
 *   the message has no such header.
 *
 * Every other buffer is one value: the parser buffer itself (absent = not filled).
 */
import type { Candidate } from '../alerts/verify.js';

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HT = 0x09;
const COLON = 0x3a;
const COMMA = 0x2c;

const isBlank = (b: number | undefined): boolean => b === SP || b === HT;

/** Header buffers cut from one header's value: buffer → [lowercase header name, request only]. */
const HEADER_VALUE_BUFFERS: Readonly<Record<string, readonly [string, boolean]>> = {
  'http.accept': ['accept', true],
  'http.accept_enc': ['accept-encoding', true],
  'http.accept_lang': ['accept-language', true],
  'http.connection': ['connection', true],
  'http.content_len': ['content-length', false],
  // the Host header as sent (case and port kept); http.host is its normalised form
  'http.host.raw': ['host', true],
};

/** The header lines of a raw header block as "Name: Value" values (lines without a colon skipped). */
export function headerValues(block: Uint8Array): Uint8Array[] {
  return headerFields(block).map(([n, v]) => {
    const out = new Uint8Array(n.length + 2 + v.length);
    out.set(n);
    out[n.length] = COLON;
    out[n.length + 1] = SP;
    out.set(v, n.length + 2);
    return out;
  });
}

/** The value of header `name` (lowercase) in a raw header block, several joined by ", ", or undefined. */
export function headerValue(block: Uint8Array, name: string): Uint8Array | undefined {
  const vs = headerFields(block)
    .filter(([n]) => isName(n, name))
    .map(([, v]) => v);
  if (vs.length <= 1) return vs[0];
  const out = new Uint8Array(vs.reduce((a, v) => a + v.length, 2 * (vs.length - 1)));
  let o = 0;
  vs.forEach((v, i) => {
    if (i) {
      out[o++] = COMMA;
      out[o++] = SP;
    }
    out.set(v, o);
    o += v.length;
  });
  return out;
}

/** Is `n` the header name `lower` (lowercase ASCII), in any case? */
function isName(n: Uint8Array, lower: string): boolean {
  if (n.length !== lower.length) return false;
  for (let i = 0; i < n.length; i++) {
    const b = n[i] as number;
    if ((b >= 0x41 && b <= 0x5a ? b | 0x20 : b) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * [name, value] of the header lines of a raw block (folded lines joined, blanks trimmed): views
 * into the block, a copy only where a folded line was joined.
 */
function headerFields(block: Uint8Array): [Uint8Array, Uint8Array][] {
  const lines: Uint8Array[] = [];
  let start = 0;
  while (start < block.length) {
    let end = block.indexOf(LF, start);
    if (end < 0) end = block.length;
    let e = end;
    if (e > start && block[e - 1] === CR) e--;
    const line = block.subarray(start, e);
    const prev = lines[lines.length - 1];
    if (prev && isBlank(line[0])) {
      // obsolete line folding (RFC 7230 § 3.2.4): the continuation joins the previous value
      const more = trim(line, true, false);
      const kept = trim(prev, false, true);
      const joined = new Uint8Array(kept.length + 1 + more.length);
      joined.set(kept);
      joined[kept.length] = SP;
      joined.set(more, kept.length + 1);
      lines[lines.length - 1] = joined;
    } else if (line.length) lines.push(line);
    start = end + 1;
  }
  const out: [Uint8Array, Uint8Array][] = [];
  for (const line of lines) {
    const colon = line.indexOf(COLON);
    if (colon <= 0) continue;
    out.push([trim(line.subarray(0, colon), false, true), trim(line.subarray(colon + 1), true, true)]);
  }
  return out;
}

/** `b` without its leading (`lead`) and/or trailing (`tail`) blanks: a view. */
function trim(b: Uint8Array, lead: boolean, tail: boolean): Uint8Array {
  let s = 0;
  let e = b.length;
  if (lead) while (s < e && isBlank(b[s])) s++;
  if (tail) while (e > s && isBlank(b[e - 1])) e--;
  return b.subarray(s, e);
}

export function appBufferValues(c: Candidate, name: string): Uint8Array[] {
  const get = c.appBuffer;
  if (!get) return [];
  if (name === 'http.request_header' || name === 'http.response_header') {
    if ((name === 'http.request_header') !== c.toServer) return [];
    const raw = get('http.header.raw');
    return raw ? headerValues(raw) : [];
  }
  const header = HEADER_VALUE_BUFFERS[name];
  if (header) {
    const raw = header[1] && !c.toServer ? undefined : get('http.header.raw');
    const v = raw && headerValue(raw, header[0]);
    return v ? [v] : [];
  }
  const b = get(name);
  return b ? [b] : [];
}
