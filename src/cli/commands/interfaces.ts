/**
 * `netsift interfaces`: the devices live capture can open (libpcap's list through `cap`), with
 * their addresses and flags. Without `cap`, the kernel's interfaces (os.networkInterfaces) and
 * what to install.
 */
import type { Command } from 'commander';
import { networkInterfaces } from 'node:os';
import { CAP_INSTALL_HINT, listDevices, loadCap, type CapDevice } from '../../capture/live.js';
import { ConfigError } from '../../errors.js';
import { LineWriter } from '../output.js';

export function formatDevices(devices: readonly CapDevice[]): string[] {
  const w = Math.max(4, ...devices.map((d) => d.name.length));
  return devices.map((d) => {
    const addrs = d.addresses.map((a) => a.addr).join(', ');
    const extra = [d.flags, d.description].filter(Boolean).join('; ');
    return `${d.name.padEnd(w)}  ${addrs || '-'}${extra ? `  (${extra})` : ''}`;
  });
}

export function registerInterfaces(program: Command): void {
  program
    .command('interfaces')
    .description('list the interfaces `netsift live -i` can capture on')
    .action(async () => {
      const out = new LineWriter();
      try {
        const cap = await loadCap();
        for (const l of formatDevices(listDevices(cap))) out.line(l);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        const os = Object.entries(networkInterfaces()).map(([name, addrs]) => ({
          name,
          addresses: (addrs ?? []).map((a) => ({ addr: a.address })),
        }));
        for (const l of formatDevices(os)) out.line(l);
        process.stderr.write(
          `netsift: live capture is not available: install it with: ${CAP_INSTALL_HINT}\n`,
        );
      }
      await out.flush();
    });
}
