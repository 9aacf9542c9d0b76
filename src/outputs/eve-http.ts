/**
 * EVE `http` events shaped as Suricata writes them (event_type "http"): one per transaction,
 * with hostname, http_port, url, http_user_agent, http_content_type, http_refer, http_method,
 * protocol, status, redirect, length (response body bytes), xff.
 */
import type { AppEvent } from '../app/records.js';
import { eveAppHeader } from './eve-app-common.js';

export const meta = {
  name: 'eve-http',
  summary: 'EVE http events: one per HTTP transaction (request and response)',
};

export function eveHttpEvent(e: AppEvent): Record<string, unknown> {
  const ev = eveAppHeader(e, 'http', false);
  ev.tx_id = e.txId;
  ev.http = httpObject(e);
  return ev;
}

/** The `http` object of http events and of alert events on HTTP flows. */
export function httpObject(e: AppEvent): Record<string, unknown> {
  const h = e.http;
  const http: Record<string, unknown> = {};
  if (h) {
    if (h.hostname !== undefined) http.hostname = h.hostname;
    if (h.hostPort) http.http_port = h.hostPort;
    if (h.url !== undefined) http.url = h.url;
    if (h.userAgent !== undefined) http.http_user_agent = h.userAgent;
    if (h.xff !== undefined) http.xff = h.xff;
    if (h.contentType !== undefined) http.http_content_type = h.contentType;
    if (h.referer !== undefined) http.http_refer = h.referer;
    if (h.method !== undefined) http.http_method = h.method;
    if (h.protocol !== undefined) http.protocol = h.protocol;
    if (h.status !== undefined) http.status = h.status;
    if (h.location !== undefined) http.redirect = h.location;
    http.length = h.length;
  }
  return http;
}
