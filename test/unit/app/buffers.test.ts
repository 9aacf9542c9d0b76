// The buffer-id table is a contract with the rule compiler: the AssemblyScript table
// (assembly/app/buffers.ts, BUF_* constants and the header comment) and the TypeScript mirror
// (src/app/buffers.ts) must agree id for id.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_BUFFER_COUNT, APP_BUFFERS, appBufferId, BUFFER_ALIASES } from '../../../src/app/buffers.js';

const src = readFileSync('assembly/app/buffers.ts', 'utf8');

describe('app buffer ids', () => {
  it('the header table in assembly/app/buffers.ts names every buffer with its id', () => {
    const rows = [...src.matchAll(/^\/\/\s+(\d+)\s+([a-z0-9_.]+)\s/gm)].map((m) => [m[2], Number(m[1])]);
    expect(Object.fromEntries(rows)).toEqual(APP_BUFFERS);
  });

  it('the BUF_* constants carry the same ids', () => {
    const consts = Object.fromEntries(
      [...src.matchAll(/export const BUF_([A-Z0-9_]+): u32 = (\d+);/g)].map((m) => [m[1], Number(m[2])]),
    );
    expect(consts.COUNT).toBe(APP_BUFFER_COUNT);
    for (const [name, id] of Object.entries(APP_BUFFERS)) {
      const c = name.toUpperCase().replace(/\./g, '_');
      expect(consts[c], name).toBe(id);
    }
  });

  it('legacy modifiers resolve to their sticky buffer', () => {
    expect(appBufferId('http_uri')).toBe(APP_BUFFERS['http.uri']);
    expect(appBufferId('file_data')).toBe(APP_BUFFERS['http.response_body']);
    expect(appBufferId('http_client_body')).toBe(APP_BUFFERS['http.request_body']);
    expect(appBufferId('dns_query')).toBe(APP_BUFFERS['dns.query']);
    expect(appBufferId('nope')).toBeUndefined();
    for (const target of Object.values(BUFFER_ALIASES)) expect(APP_BUFFERS[target]).toBeGreaterThan(0);
  });
});
