/** One app-layer event → its EVE event (http, dns or tls). */
import type { AppEvent } from '../app/records.js';
import { eveDnsEvent } from './eve-dns.js';
import { eveHttpEvent } from './eve-http.js';
import { eveTlsEvent } from './eve-tls.js';

export function eveAppEvent(e: AppEvent): Record<string, unknown> {
  return e.kind === 'http' ? eveHttpEvent(e) : e.kind === 'dns' ? eveDnsEvent(e) : eveTlsEvent(e);
}
