import { describe, expect, it } from 'vitest';
import { opts, parse } from './helpers.js';
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
    expect(
      appLayerGate({ buffers: ['http.uri', 'dns.query'], appProto: 'http', matches: [] }),
    ).toBeUndefined();
    expect(appLayerGate({ buffers: ['http.uri', 'sip.method'], appProto: 'http', matches: [] })).toBe(
      'app-layer buffer not supported yet: sip.method',
    );
    expect(appLayerGate({ buffers: [], appProto: 'imap', matches: [] })).toBe(
      'app-layer protocol not supported yet: imap',
    );
    expect(appLayerGate({ buffers: [], matches: [] })).toBeUndefined();
  });
  it('protocols detected but not parsed (smtp, ftp, smb, ssh): payload keywords only', () => {
    const content = opts('content:"MAIL FROM";').matches;
    expect(appLayerGate({ buffers: [], appProto: 'smtp', matches: content })).toBeUndefined();
    // without payload keywords too: a packet rule on flows of that app_proto
    expect(appLayerGate({ buffers: [], appProto: 'ssh', matches: [] })).toBeUndefined();
    expect(appLayerGate({ buffers: ['file.data'], appProto: 'smtp', matches: content })).toBe(
      'app-layer buffer not supported yet: file.data (smtp is detected, not parsed)',
    );
  });
  it('lets a rule through once its buffers and protocol are enabled', () => {
    const on = new Set(['http', 'http.uri']);
    expect(appLayerGate({ buffers: ['http.uri'], appProto: 'http', matches: [] }, on)).toBeUndefined();
    expect(appLayerGate({ buffers: ['http.uri', 'http.host'], appProto: 'http', matches: [] }, on)).toBe(
      'app-layer buffer not supported yet: http.host',
    );
  });
  it('maps legacy spellings to canonical buffers', () => {
    expect(stickyBuffer('file_data')).toBe('file.data');
    expect(stickyBuffer('dns_query')).toBe('dns.query');
    expect(stickyBuffer('pkt_data')).toBe('payload');
    expect(stickyBuffer('content')).toBeUndefined();
    expect(modifierBuffer('http_client_body')).toBe('http.request_body');
  });
  it('reads the legacy names Suricata registers as sticky-buffer aliases as sticky buffers', () => {
    // Suricata docs: "ja3.hash replaces the previous keyword name: ja3_hash"; http-keywords table
    // marks http_accept, http_content_type, http_start, ... (*) sticky buffer
    for (const [legacy, name] of [
      ['ja3_hash', 'ja3.hash'],
      ['ja3s_string', 'ja3s.string'],
      ['http_start', 'http.start'],
      ['http_header_names', 'http.header_names'],
      ['http_content_type', 'http.content_type'],
      ['http_accept', 'http.accept'],
      ['http_protocol', 'http.protocol'],
    ]) {
      expect(stickyBuffer(legacy as string), legacy).toBe(name);
      expect(modifierBuffer(legacy as string), legacy).toBeUndefined();
    }
    const r = parse(
      'alert tls any any -> any any (ja3_hash; content:"16f17c896273d1d098314a02e87dd4cb"; sid:1;)',
    ).rule;
    expect(r?.matches.map((m) => m.buffer)).toEqual(['ja3.hash']);
    expect(r?.buffers).toEqual(['ja3.hash']);
  });
});
