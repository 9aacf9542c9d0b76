/** `netsift interfaces` formatting, and `netsift live` without a usable interface. */
import { describe, expect, it } from 'vitest';
import { formatDevices } from '../../../src/cli/commands/interfaces.js';
import { runCli } from '../../helpers/cli.js';

describe('netsift interfaces', () => {
  it('one line per device: name, addresses, flags and description', () => {
    expect(
      formatDevices([
        { name: 'lo', addresses: [{ addr: '127.0.0.1' }, { addr: '::1' }], flags: 'PCAP_IF_LOOPBACK' },
        { name: 'any', description: 'Pseudo-device', addresses: [] },
      ]),
    ).toEqual(['lo    127.0.0.1, ::1  (PCAP_IF_LOOPBACK)', 'any   -  (Pseudo-device)']);
  });

  it('lists interfaces with or without cap', async () => {
    const res = await runCli(['interfaces']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^lo +/m);
  });
});

describe('netsift live', () => {
  it('rejects bad options before opening anything', async () => {
    expect((await runCli(['live', '-i', 'lo', '--snaplen', '0'])).stderr).toBe(
      'netsift: --snaplen expects a whole number in 1..65535, got "0"\n',
    );
    expect((await runCli(['live', '-i', 'lo', '-c', 'x'])).code).toBe(2);
    const noIface = await runCli(['live']);
    expect(noIface.code).toBe(2);
  });
});
