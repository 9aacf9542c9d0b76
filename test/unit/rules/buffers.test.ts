import { describe, expect, it } from 'vitest';
import { APP_LAYER_ENABLED, appLayerGate, modifierBuffer, stickyBuffer } from '../../../src/rules/buffers.js';

describe('app-layer switch', () => {
  it('is off for now: every app-layer buffer and protocol is gated', () => {
    expect(APP_LAYER_ENABLED.size).toBe(0);
    expect(appLayerGate({ buffers: ['http.uri', 'dns.query'], appProto: 'http' })).toBe(
      'app-layer buffer not supported yet: http.uri',
    );
    expect(appLayerGate({ buffers: [], appProto: 'dns' })).toBe('app-layer protocol not supported yet: dns');
    expect(appLayerGate({ buffers: [] })).toBeUndefined();
  });
  it('lets a rule through once its buffers and protocol are enabled', () => {
    const on = new Set(['http', 'http.uri']);
    expect(appLayerGate({ buffers: ['http.uri'], appProto: 'http' }, on)).toBeUndefined();
    expect(appLayerGate({ buffers: ['http.uri', 'http.host'], appProto: 'http' }, on)).toBe(
      'app-layer buffer not supported yet: http.host',
    );
  });
  it('maps legacy spellings to canonical buffers', () => {
    expect(stickyBuffer('file_data')).toBe('file.data');
    expect(stickyBuffer('dns_query')).toBe('dns.query');
    expect(stickyBuffer('pkt_data')).toBe('payload');
    expect(stickyBuffer('content')).toBeUndefined();
    expect(modifierBuffer('http_client_body')).toBe('http.request_body');
    expect(modifierBuffer('ja3_hash')).toBe('ja3.hash');
  });
});
