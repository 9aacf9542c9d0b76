/**
 * Sticky buffers, legacy buffer modifiers and application protocols, and THE switch that says
 * which of them the engine can inspect. Rules are parsed in full whatever the switch says (each
 * content records its buffer); `appLayerGate` then rejects a rule whose buffers or protocol are not
 * enabled, with reason `app-layer buffer not supported yet: http.uri`. When the app-layer parsers
 * land, add their names to APP_LAYER_ENABLED and nothing else changes.
 *
 * Spec: Suricata 7 "Rules" chapter (HTTP, DNS, TLS, File, ... keywords); sticky buffers stay in
 * force for the following keywords until another buffer is named; `pkt_data` returns to the payload.
 */
import { PAYLOAD_BUFFER, type Rule } from './types.js';

/**
 * Protocols the app layer detects but does not parse (assembly/app/detect-only.ts): rules naming
 * them load as packet rules on flows of that app_proto; none of their buffers exists.
 */
export const DETECTED_ONLY: readonly string[] = ['smtp', 'ftp', 'smb', 'ssh'];

/**
 * Enabled app-layer buffers and protocols: those the parsers in assembly/app fill (ids in
 * src/app/buffers.ts) and the protocols they serve. The one switch.
 */
export const APP_LAYER_ENABLED: ReadonlySet<string> = new Set<string>([
  'http.uri',
  'http.uri.raw',
  'http.method',
  'http.host',
  'http.user_agent',
  'http.header',
  'http.header_names',
  'http.cookie',
  'http.request_body',
  'http.stat_code',
  'http.stat_msg',
  'http.content_type',
  'http.request_line',
  'http.start',
  'http.referer',
  'http.response_body',
  'file.data',
  'dns.query',
  'tls.sni',
  'tls.cert_subject',
  'tls.cert_issuer',
  'tls.certs',
  'ja3.hash',
  'ja3.string',
  'ja4.hash',
  'http.protocol',
  'http.response_line',
  'ja3s.hash',
  'ja3s.string',
  'tls.cert_serial',
  'tls.cert_fingerprint',
  'dns.response.rrname',
  'http.location',
  'http.server',
  'http.header.raw',
  'http.request_header',
  'http.response_header',
  'http.accept',
  'http.accept_enc',
  'http.accept_lang',
  'http.connection',
  'http.content_len',
  'http.host.raw',
  'dns.opcode',
  'dns.rrtype',
  'tls_cert_notbefore',
  'tls_cert_notafter',
  'tls_cert_expired',
  'tls_cert_valid',
  'tls.cert_chain_len',
  'tls.version',
  'base64_data',
  'http',
  'http1',
  'dns',
  'tls',
  ...DETECTED_ONLY,
]);

/**
 * Sticky buffers over the packet's own headers (src/alerts/header-buffers.ts): no app layer
 * behind them, inspected on packets only.
 */
export const PACKET_HEADER_BUFFERS: ReadonlySet<string> = new Set([
  'ipv4.hdr',
  'ipv6.hdr',
  'tcp.hdr',
  'udp.hdr',
  'icmpv4.hdr',
  'icmpv6.hdr',
]);

/** A buffer the app layer fills (not the payload, not a packet header). */
export function isAppLayerBuffer(b: string): boolean {
  return b !== PAYLOAD_BUFFER && !PACKET_HEADER_BUFFERS.has(b);
}

const STICKY = [
  'http.uri',
  'http.uri.raw',
  'http.method',
  'http.request_line',
  'http.request_body',
  'http.header',
  'http.header.raw',
  'http.cookie',
  'http.user_agent',
  'http.host',
  'http.host.raw',
  'http.accept',
  'http.accept_lang',
  'http.accept_enc',
  'http.referer',
  'http.connection',
  'http.content_type',
  'http.content_len',
  'http.start',
  'http.protocol',
  'http.header_names',
  'http.stat_code',
  'http.stat_msg',
  'http.response_line',
  'http.response_body',
  'http.server',
  'http.location',
  'http.request_header',
  'http.response_header',
  'http2.header_name',
  'file.data',
  'file.name',
  'dns.query',
  'dns.answer.name',
  'dns.query.name',
  'dns.queries.rrname',
  'dns.answers.rrname',
  'dns.authorities.rrname',
  'dns.additionals.rrname',
  'dns.response.rrname',
  'tls.sni',
  'tls.cert_subject',
  'tls.cert_issuer',
  'tls.cert_serial',
  'tls.cert_fingerprint',
  'tls.certs',
  'tls.subjectaltname',
  'tls.random',
  'tls.random_time',
  'tls.random_bytes',
  'ja3.hash',
  'ja3.string',
  'ja3s.hash',
  'ja3s.string',
  'ja4.hash',
  'ssh.proto',
  'ssh.software',
  'ssh.hassh',
  'ssh.hassh.string',
  'ssh.hassh.server',
  'ssh.hassh.server.string',
  'smb.named_pipe',
  'smb.share',
  'smb.ntlmssp_user',
  'smb.ntlmssp_domain',
  'krb5.cname',
  'krb5.sname',
  'sip.method',
  'sip.uri',
  'sip.protocol',
  'sip.stat_code',
  'sip.stat_msg',
  'sip.request_line',
  'sip.response_line',
  'smtp.helo',
  'smtp.mail_from',
  'smtp.rcpt_to',
  'email.from',
  'email.subject',
  'email.to',
  'email.cc',
  'ftp.command',
  'ftp.command_data',
  'mqtt.connect.clientid',
  'mqtt.publish.topic',
  'mqtt.publish.message',
  'quic.sni',
  'quic.ua',
  'quic.version',
  'snmp.community',
  'rfb.name',
  'dce_stub_data',
  'base64_data',
  'enip.product_name',
  'ike.vendor',
  'tcp.hdr',
  'udp.hdr',
  'ipv4.hdr',
  'ipv6.hdr',
  'icmpv4.hdr',
  'icmpv6.hdr',
] as const;

/** Legacy (Suricata 4/5, Snort) sticky-buffer spellings → canonical name. */
const STICKY_ALIASES: Record<string, string> = {
  file_data: 'file.data',
  dns_query: 'dns.query',
  tls_sni: 'tls.sni',
  tls_cert_subject: 'tls.cert_subject',
  tls_cert_issuer: 'tls.cert_issuer',
  tls_cert_serial: 'tls.cert_serial',
  tls_cert_fingerprint: 'tls.cert_fingerprint',
  ssh_proto: 'ssh.proto',
  ssh_software: 'ssh.software',
  http_request_line: 'http.request_line',
  http_response_line: 'http.response_line',
  krb5_cname: 'krb5.cname',
  krb5_sname: 'krb5.sname',
  smb_named_pipe: 'smb.named_pipe',
  smb_share: 'smb.share',
  // legacy names that Suricata registers as aliases of the sticky buffer (SIGMATCH_INFO_STICKY_BUFFER),
  // not as content modifiers: `ja3_hash; content:"..."` (the http ones are marked (*) in Suricata's
  // http-keywords table)
  http_accept: 'http.accept',
  http_accept_lang: 'http.accept_lang',
  http_accept_enc: 'http.accept_enc',
  http_connection: 'http.connection',
  http_content_type: 'http.content_type',
  http_content_len: 'http.content_len',
  http_referer: 'http.referer',
  http_start: 'http.start',
  http_protocol: 'http.protocol',
  http_header_names: 'http.header_names',
  http_server: 'http.server',
  http_location: 'http.location',
  ja3_hash: 'ja3.hash',
  ja3_string: 'ja3.string',
  ja3s_hash: 'ja3s.hash',
  ja3s_string: 'ja3s.string',
};

/** Legacy content modifiers that move the preceding content into a buffer (`content:"x"; http_uri;`). */
const MODIFIER_BUFFERS: Record<string, string> = {
  http_uri: 'http.uri',
  http_raw_uri: 'http.uri.raw',
  http_method: 'http.method',
  http_header: 'http.header',
  http_raw_header: 'http.header.raw',
  http_cookie: 'http.cookie',
  http_raw_cookie: 'http.cookie',
  http_user_agent: 'http.user_agent',
  http_host: 'http.host',
  http_raw_host: 'http.host.raw',
  http_client_body: 'http.request_body',
  http_server_body: 'http.response_body',
  http_stat_code: 'http.stat_code',
  http_stat_msg: 'http.stat_msg',
};

/** Application protocols accepted in the header (`alert http ...`), recorded as `appProto`. */
export const APP_PROTOCOLS: ReadonlySet<string> = new Set([
  'http',
  'http1',
  'http2',
  'dns',
  'tls',
  'ssl',
  'smtp',
  'ftp',
  'ftp-data',
  'smb',
  'dcerpc',
  'ssh',
  'imap',
  'pop3',
  'krb5',
  'dhcp',
  'snmp',
  'sip',
  'rdp',
  'mqtt',
  'nfs',
  'ntp',
  'tftp',
  'ike',
  'modbus',
  'dnp3',
  'enip',
  'rfb',
  'pgsql',
  'quic',
  'websocket',
  'bittorrent-dht',
  'telnet',
  'irc',
  'ldap',
  'template',
  'failed',
  'nntp',
  'msn',
  'jabber',
]);

const STICKY_SET: ReadonlySet<string> = new Set(STICKY);

/** Canonical sticky buffer named by keyword `name`, `payload` for pkt_data, else undefined. */
export function stickyBuffer(name: string): string | undefined {
  if (name === 'pkt_data') return PAYLOAD_BUFFER;
  if (STICKY_SET.has(name)) return name;
  return STICKY_ALIASES[name];
}

/** Canonical buffer of a legacy content modifier (`http_uri` → `http.uri`), else undefined. */
export function modifierBuffer(name: string): string | undefined {
  return MODIFIER_BUFFERS[name];
}

/** Every buffer keyword spelling (for "did you mean"). */
export function bufferKeywordNames(): string[] {
  return ['pkt_data', ...STICKY, ...Object.keys(STICKY_ALIASES), ...Object.keys(MODIFIER_BUFFERS)];
}

/** Why the engine cannot run this rule yet, or undefined when it can. */
export function appLayerGate(
  rule: Pick<Rule, 'buffers' | 'appProto' | 'matches'>,
  enabled: ReadonlySet<string> = APP_LAYER_ENABLED,
): string | undefined {
  for (const b of rule.buffers) {
    if (!enabled.has(b) && !PACKET_HEADER_BUFFERS.has(b)) return `app-layer buffer not supported yet: ${b}`;
  }
  if (rule.appProto !== undefined && !enabled.has(rule.appProto)) {
    return `app-layer protocol not supported yet: ${rule.appProto}`;
  }
  if (rule.appProto !== undefined && DETECTED_ONLY.includes(rule.appProto)) {
    const b = rule.buffers.find(isAppLayerBuffer);
    if (b !== undefined)
      return `app-layer buffer not supported yet: ${b} (${rule.appProto} is detected, not parsed)`;
  }
  return undefined;
}
