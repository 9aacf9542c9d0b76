/** Tests of flow: typed specs from good values, located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import { opts, reason } from '../helpers.js';

describe('flow', () => {
  it('flow', () => {
    expect(opts('flow:established,to_server;').flow).toMatchObject({
      established: true,
      direction: 'server',
    });
    expect(opts('flow:from_server,only_stream;').flow).toMatchObject({
      direction: 'client',
      onlyStream: true,
    });
    expect(opts('flow:stateless,no_stream;').flow).toMatchObject({ stateless: true, noStream: true });
    expect(opts('flow:not_established;').flow?.notEstablished).toBe(true);
    expect(reason('flow:to_server,to_client;')).toMatch(/contradicts/);
    expect(reason('flow:established,not_established;')).toMatch(/together/);
    expect(reason('flow:sideways;')).toMatch(/unknown option "sideways"/);
  });
});
