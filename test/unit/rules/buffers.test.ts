import { describe, expect, it } from 'vitest';
import { APP_LAYER_ENABLED, appLayerGate, modifierBuffer, stickyBuffer } from '../../../src/rules/buffers.js';

describe('app-layer switch', () => {
  it('enables the buffers the app-layer parsers fill and http/dns/tls; gates the rest', () => {
    for (const b of [
      'http.uri',
      'http.host',
      'file.data',
      'dns.query',
      'tls.sni',
      'ja3.hash',
      'http',
      'dns',
      'tls',
    ])
      expect(APP_LAYER_ENABLED.has(b)).toBe(true);
    expect(appLayerGate({ buffers: ['http.uri', 'dns.query'], appProto: 'http' })).toBeUndefined();
    expect(appLayerGate({ buffers: ['http.uri', 'http.accept'], appProto: 'http' })).toBe(
      'app-layer buffer not supported yet: http.accept',
    );
    expect(appLayerGate({ buffers: [], appProto: 'smtp' })).toBe(
      'app-layer protocol not supported yet: smtp',
    );
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
