/**
 * The filter evaluated in WASM (assembly/filter/eval.ts) on hand-made records whose expected
 * selection was checked against tcpdump 4.99 / libpcap 1.10: link types, VLAN offsets, loads past
 * the captured bytes, the accounting invariant, and program validation at load.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, fromFile } from '../../../src/engine.js';
import { EngineBugError } from '../../../src/errors.js';
import { compileFilter } from '../../../src/filter/index.js';
import { EngineInstance } from '../../../src/wasm/instance.js';
import { ethernet, ipv4Udp, pcapFile, type PcapRecord } from '../../helpers/capture-builder.js';
import { decodeFiles, tempFile } from '../../helpers/engine.js';

const udp = ipv4Udp('10.0.0.1', '10.0.0.2', 1234, 53, Buffer.from('hello'));

function vlanTag(id: number, tpid = 0x8100): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt16BE(tpid, 0);
  b.writeUInt16BE(id, 2);
  return b;
}

/** Ethernet with 802.1Q tags before the IPv4 packet. */
function tagged(ids: number[], payload: Buffer): Buffer {
  const h = Buffer.from('020000000002020000000001', 'hex');
  const tags = ids.map((id, i) => {
    const t = vlanTag(id, i === 0 && ids.length > 1 ? 0x88a8 : 0x8100);
    return t;
  });
  // each tag's TPID sits where the previous EtherType was; the last EtherType is IPv4
  const parts: Buffer[] = [h];
  for (const t of tags) parts.push(t);
  parts.push(Buffer.from([0x08, 0x00]), payload);
  return Buffer.concat(parts);
}

async function select(
  expr: string,
  records: PcapRecord[],
  linkType = 1,
  bigEndian = false,
): Promise<number[]> {
  const file = tempFile(pcapFile(records, { linkType, bigEndian }));
  const { packets, stats } = await decodeFiles([file], { filter: compileFilter(expr) });
  expect(stats.decoded + stats.invalid + stats.filtered).toBe(stats.packets);
  expect(stats.packets).toBe(records.length);
  expect(stats.filtered).toBe(records.length - packets.length);
  return packets.map((p) => p.number);
}

const rec = (data: Buffer, origLen?: number): PcapRecord => ({ tsNs: 1n, data, origLen });

describe('link types', () => {
  it('Ethernet: `ip` is false on an 802.1Q frame unless `vlan` comes first', async () => {
    const recs = [rec(ethernet(udp)), rec(tagged([7], udp))];
    expect(await select('ip', recs)).toEqual([1]);
    expect(await select('vlan and ip', recs)).toEqual([2]);
    expect(await select('vlan 7 and udp port 53', recs)).toEqual([2]);
    expect(await select('vlan 8', recs)).toEqual([]);
    expect(await select('udp port 53', recs)).toEqual([1]);
  });

  it('QinQ: each vlan keyword moves the offsets by 4', async () => {
    const recs = [rec(tagged([100, 200], udp))];
    expect(await select('vlan 100 and vlan 200 and ip', recs)).toEqual([1]);
    expect(await select('vlan 200', recs)).toEqual([]);
    expect(await select('vlan and ip', recs)).toEqual([]);
  });

  it('raw IP (101), IPv4 (228), Linux SLL (113), BSD loopback (0) with the family in file order', async () => {
    expect(await select('udp port 53', [rec(udp)], 101)).toEqual([1]);
    expect(await select('ip6', [rec(udp)], 101)).toEqual([]);
    expect(await select('host 10.0.0.2', [rec(udp)], 228)).toEqual([1]);
    const sll = Buffer.concat([
      Buffer.from('0000000100060200000000010000', 'hex'),
      Buffer.from([0x08, 0x00]),
      udp,
    ]);
    expect(await select('src host 10.0.0.1 and udp', [rec(sll)], 113)).toEqual([1]);
    const le = Buffer.concat([Buffer.from([2, 0, 0, 0]), udp]);
    const be = Buffer.concat([Buffer.from([0, 0, 0, 2]), udp]);
    expect(await select('ip and port 53', [rec(le), rec(be)], 0)).toEqual([1]);
    expect(await select('ip and port 53', [rec(le), rec(be)], 0, true)).toEqual([2]);
    expect(await select('ip6', [rec(le), rec(be)], 0)).toEqual([]);
  });
});

describe('BPF semantics', () => {
  it('a load past the captured bytes rejects the packet, even under `not`', async () => {
    const short = ethernet(udp).subarray(0, 30); // ends inside the IPv4 source address
    expect(await select('not host 9.9.9.9', [rec(short)])).toEqual([]);
    expect(await select('ip', [rec(short)])).toEqual([1]);
    // short-circuit: the right side of a true `or` is not evaluated, so its load cannot fail
    expect(await select('ip or host 9.9.9.9', [rec(short)])).toEqual([1]);
  });

  it('ports only on the first fragment; less/greater on the wire length', async () => {
    const frag = Buffer.from(ethernet(udp));
    frag.writeUInt16BE(0x0001, 14 + 6); // fragment offset 8
    expect(await select('port 53', [rec(ethernet(udp)), rec(frag)])).toEqual([1]);
    expect(await select('udp', [rec(frag)])).toEqual([1]);
    const f = ethernet(udp);
    expect(await select('greater 100', [rec(f, 200), rec(f)])).toEqual([1]);
    expect(await select(`less ${f.length}`, [rec(f, 200), rec(f)])).toEqual([2]);
  });

  it('host covers ARP; net masks', async () => {
    const arp = Buffer.from('0001080006040001020000000001' + '0a000001' + '000000000000' + '0a000002', 'hex');
    const recs = [rec(ethernet(arp, 0x0806)), rec(ethernet(udp))];
    expect(await select('host 10.0.0.2', recs)).toEqual([1, 2]);
    expect(await select('ip host 10.0.0.2', recs)).toEqual([2]);
    expect(await select('arp src host 10.0.0.1', recs)).toEqual([1]);
    expect(await select('net 10.0.0.0/30 and not arp', recs)).toEqual([2]);
    expect(await select('dst net 10.0.0.0 mask 255.255.255.254', recs)).toEqual([]);
  });
});

describe('loading', () => {
  it('rejects a program that is not the compiler output', () => {
    const inst = new EngineInstance();
    const good = compileFilter('tcp or udp');
    const badMagic = good.slice();
    badMagic[0] = badMagic[0]! ^ 1;
    expect(() => inst.setFilter(badMagic)).toThrow(EngineBugError);
    const badJump = good.slice();
    // the first JT's target (word 2 + 3 + 1 = operand of the jump) pointed backwards
    new DataView(badJump.buffer).setUint32(6 * 4, 0, true);
    expect(() => inst.setFilter(badJump)).toThrow(EngineBugError);
    inst.setFilter(good);
    inst.setFilter(undefined); // clears
  });
});

describe('on the worker pool', () => {
  it('every worker count selects the same packets and counts each filtered packet once', async () => {
    const frames = Array.from({ length: 60 }, (_, i) =>
      ethernet(ipv4Udp(`10.0.${i % 7}.1`, '10.0.0.2', 1000 + i, i % 3 === 0 ? 53 : 123, Buffer.from('x'))),
    );
    const file = tempFile(pcapFile(frames.map((data, i) => ({ tsNs: BigInt(i + 1), data }))));
    const filter = compileFilter('udp dst port 53 and not src net 10.0.6.0/24');
    const want = frames.filter((_, i) => i % 3 === 0 && i % 7 !== 6).length;
    for (const workers of [1, 2, 3]) {
      const engine = createEngine({ workers, flows: true, filter });
      let flows = 0;
      engine.flows$.subscribe(() => flows++);
      const stats = await engine.run(fromFile(file));
      await engine.close();
      expect({
        workers,
        packets: stats.packets,
        decoded: stats.decoded,
        filtered: stats.filtered,
        flows,
      }).toEqual({
        workers,
        packets: 60,
        decoded: want,
        filtered: 60 - want,
        flows: want,
      });
    }
  });
});
