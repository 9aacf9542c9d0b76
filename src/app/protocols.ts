/**
 * The app protocols by name and by APP_PROTO_* code (src/wasm/layout.ts, mirroring
 * assembly/abi/layout.ts): one table for rule headers (`alert http ...`), the verifier and EVE's
 * `app_proto`.
 */
import * as L from '../wasm/layout.js';

/** EVE / rule name → APP_PROTO_* code. */
const APP_PROTOCOLS: readonly (readonly [string, number])[] = [
  ['http', L.APP_PROTO_HTTP],
  ['tls', L.APP_PROTO_TLS],
  ['dns', L.APP_PROTO_DNS],
  // detected, not parsed (assembly/app/detect-only.ts): no buffers, packet rules on their flows
  ['smtp', L.APP_PROTO_SMTP],
  ['ftp', L.APP_PROTO_FTP],
  ['smb', L.APP_PROTO_SMB],
  ['ssh', L.APP_PROTO_SSH],
];

/** APP_PROTO_* code of a rule's protocol (`http1` is Suricata's other name for http). */
export const APP_PROTO_CODE: Readonly<Record<string, number>> = {
  ...Object.fromEntries(APP_PROTOCOLS),
  http1: L.APP_PROTO_HTTP,
};

const NAMES = new Map<number, string>(APP_PROTOCOLS.map(([name, code]) => [code, name]));

/** EVE app_proto: the detected protocol, "failed" when detection found none (Suricata's words). */
export function appProtoName(p: number): string {
  return NAMES.get(p) ?? 'failed';
}
