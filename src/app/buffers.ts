/**
 * The named app-layer buffers (sticky buffers) and their ids: the mirror of the BUFFER-ID TABLE in
 * assembly/app/buffers.ts, which is the contract with the rule compiler (src/rules/compile): a
 * rule's `http.uri; content:"x"` scans buffer APP_BUFFERS['http.uri']. Legacy content modifiers
 * (`http_uri`, `file_data`, ...) map to the same ids through BUFFER_ALIASES. Append only; a test
 * (test/unit/app/buffers.test.ts) checks this table against the AssemblyScript one.
 */

export const APP_BUFFERS = {
  'http.uri': 1,
  'http.uri.raw': 2,
  'http.method': 3,
  'http.host': 4,
  'http.user_agent': 5,
  'http.header': 6,
  'http.header_names': 7,
  'http.cookie': 8,
  'http.request_body': 9,
  'http.stat_code': 10,
  'http.stat_msg': 11,
  'http.content_type': 12,
  'http.request_line': 13,
  'http.start': 14,
  'http.referer': 15,
  'http.response_body': 16,
  'dns.query': 17,
  'tls.sni': 18,
  'tls.cert_subject': 19,
  'tls.cert_issuer': 20,
  'tls.certs': 21,
  'ja3.hash': 22,
  'ja3.string': 23,
  'ja4.hash': 24,
  'http.protocol': 25,
  'http.response_line': 26,
  'ja3s.hash': 27,
  'ja3s.string': 28,
  'tls.cert_serial': 29,
  'http.location': 30,
  'http.server': 31,
  'http.header.raw': 32,
  /** Internal: the Certificate message's certificate_list (tls.cert_chain_len counts it); no rule names it. */
  'tls.cert_chain': 33,
  'tls.cert_fingerprint': 34,
  'dns.response.rrname': 35,
} as const;

export type AppBufferName = keyof typeof APP_BUFFERS;

/** Number of buffer ids (ids run 1..APP_BUFFER_COUNT-1; 0 = none). */
export const APP_BUFFER_COUNT = 36;

/** Legacy modifier and alias forms → the buffer they name (Suricata's keyword aliases). */
export const BUFFER_ALIASES: Readonly<Record<string, AppBufferName>> = {
  http_uri: 'http.uri',
  http_raw_uri: 'http.uri.raw',
  http_method: 'http.method',
  http_host: 'http.host',
  http_user_agent: 'http.user_agent',
  http_header: 'http.header',
  http_raw_header: 'http.header.raw',
  http_header_names: 'http.header_names',
  http_cookie: 'http.cookie',
  http_client_body: 'http.request_body',
  http_stat_code: 'http.stat_code',
  http_stat_msg: 'http.stat_msg',
  http_content_type: 'http.content_type',
  http_request_line: 'http.request_line',
  http_start: 'http.start',
  http_referer: 'http.referer',
  http_server_body: 'http.response_body',
  file_data: 'http.response_body',
  'file.data': 'http.response_body',
  http_protocol: 'http.protocol',
  http_response_line: 'http.response_line',
  http_location: 'http.location',
  http_server: 'http.server',
  dns_query: 'dns.query',
  tls_sni: 'tls.sni',
  'tls.cert_subject': 'tls.cert_subject',
  tls_cert_subject: 'tls.cert_subject',
  tls_cert_issuer: 'tls.cert_issuer',
  tls_cert_serial: 'tls.cert_serial',
  tls_cert_fingerprint: 'tls.cert_fingerprint',
  ja3_hash: 'ja3.hash',
  ja3_string: 'ja3.string',
  ja3s_hash: 'ja3s.hash',
  ja3s_string: 'ja3s.string',
  'ja4.hash': 'ja4.hash',
  ja4_hash: 'ja4.hash',
};

/**
 * Buffers the verifier cuts from a parser buffer (src/app/derived.ts) instead of having an id of
 * their own: name → the buffer they are cut from. That buffer's id groups the rule: each value of
 * the derived buffer is a substring of it, so its fast pattern is a valid prefilter there.
 */
export const DERIVED_BUFFERS: Readonly<Record<string, AppBufferName>> = {
  'http.request_header': 'http.header.raw',
  'http.response_header': 'http.header.raw',
  'http.accept': 'http.header.raw',
  'http.accept_enc': 'http.header.raw',
  'http.accept_lang': 'http.header.raw',
  'http.connection': 'http.header.raw',
  'http.content_len': 'http.header.raw',
  'http.host.raw': 'http.header.raw',
};

/**
 * Buffers with no parser buffer behind them, id 0 (the group of app-layer rules checked on every
 * inspected transaction; never a fast pattern's buffer): the pseudo buffers of keywords that
 * compare a transaction field (src/app/fields.ts), and base64_data (what base64_decode decoded).
 */
export const TRANSACTION_FIELDS: ReadonlySet<string> = new Set([
  'dns.opcode',
  'tls_cert_notbefore',
  'tls_cert_notafter',
  'tls_cert_expired',
  'tls_cert_valid',
  'dns.rrtype',
  'tls.cert_chain_len',
  'tls.version',
  'base64_data',
]);

/** Buffer id of a sticky-buffer name, legacy modifier, derived buffer or transaction field, or undefined. */
export function appBufferId(name: string): number | undefined {
  if (name in APP_BUFFERS) return APP_BUFFERS[name as AppBufferName];
  if (TRANSACTION_FIELDS.has(name)) return 0;
  const alias = BUFFER_ALIASES[name] ?? DERIVED_BUFFERS[name];
  return alias ? APP_BUFFERS[alias] : undefined;
}
