/**
 * Framing of every capture format the engine reads, fed through the real chunked path:
 * classic pcap in µs/ns and both byte orders, pcapng with several sections, interfaces, link
 * types and timestamp resolutions, gzip, several files as one stream, a last record cut short,
 * and chunk boundaries falling anywhere inside records.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PcapError } from '../../../src/errors.js';
import { block, epb, idb, pb, pcapFile, shb, spb, udpFrame, ipv4Udp } from '../../helpers/capture-builder.js';
import { decodeFiles, statsOf, tempFile } from '../../helpers/engine.js';

const T0 = 1_700_000_000_123_456_789n;
const frames = [0, 1, 2, 3, 4].map(udpFrame);

function recs(nanos: boolean) {
  return frames.map((data, i) => ({
    tsNs: nanos ? T0 + BigInt(i) : T0 - (T0 % 1000n) + BigInt(i) * 1000n,
    data,
  }));
}

describe('classic pcap', () => {
  for (const bigEndian of [false, true]) {
    for (const nanos of [false, true]) {
      it(`reads ${nanos ? 'ns' : 'µs'} ${bigEndian ? 'big' : 'little'}-endian files`, async () => {
        const { packets, stats } = await decodeFiles([tempFile(pcapFile(recs(nanos), { bigEndian, nanos }))]);
        expect(packets.map((p) => p.number)).toEqual([1, 2, 3, 4, 5]);
        expect(packets.map((p) => p.tsNs)).toEqual(recs(nanos).map((r) => r.tsNs));
        expect(packets.every((p) => p.layers.map((l) => l.name).join(',') === 'ethernet,ipv4,udp,data')).toBe(
          true,
        );
        expect(stats).toMatchObject({ packets: 5, decoded: 5, invalid: 0 });
      });
    }
  }

  it('counts a last record cut short as frame.truncated_record, and the others as decoded', async () => {
    const file = pcapFile(recs(false));
    const cut = file.subarray(0, file.length - 5);
    const stats = await statsOf([tempFile(cut)]);
    expect(stats).toMatchObject({ packets: 5, decoded: 4, invalid: 1 });
    expect(stats.anomalies['frame.truncated_record']).toBe(1);
  });

  it('counts a file that ends inside a record header', async () => {
    const file = pcapFile(recs(false));
    const stats = await statsOf([tempFile(file.subarray(0, 24 + 16 + frames[0]!.length + 7))]);
    expect(stats).toMatchObject({ packets: 2, decoded: 1, invalid: 1 });
  });

  it('keeps the capture length below the original length (snaplen) without an anomaly', async () => {
    const data = frames[0]!.subarray(0, 30);
    const { packets, stats } = await decodeFiles([
      tempFile(pcapFile([{ tsNs: T0, data, origLen: 200 }], { snaplen: 30 })),
    ]);
    expect(packets[0]).toMatchObject({ captureLength: 30, originalLength: 200 });
    expect(stats.packets).toBe(1);
  });

  it('frames correctly whatever the chunk size (records split across reads)', async () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ tsNs: T0 + BigInt(i) * 1000n, data: udpFrame(i) }));
    const path = tempFile(pcapFile(many));
    for (const chunkSize of [1, 7, 61, 4096]) {
      const { packets, stats } = await decodeFiles([path], { chunkSize });
      expect(stats).toMatchObject({ packets: 300, decoded: 300 });
      expect(packets[299]!.number).toBe(300);
      expect(Buffer.from(packets[123]!.bytes).toString('latin1')).toContain('packet 123');
    }
  });

  it('drains the packet record region when one chunk holds more records than it (OUTPUT_FULL)', async () => {
    const tiny = Array.from({ length: 20000 }, (_, i) => ({ tsNs: T0 + BigInt(i), data: udpFrame(i % 10) }));
    const { packets } = await decodeFiles([tempFile(pcapFile(tiny))]);
    expect(packets.length).toBe(20000);
    expect(packets.map((p) => p.number).every((n, i) => n === i + 1)).toBe(true);
  });
});

describe('capture file errors', () => {
  it('rejects a file that is not a capture, naming the file and offset', async () => {
    const path = tempFile(Buffer.from('this is a text file, not a capture\n'));
    await expect(statsOf([path])).rejects.toMatchObject({
      code: 'ERR_PCAP_BAD_MAGIC',
      offset: 0,
      file: path,
    });
  });

  it('rejects a truncated global header', async () => {
    const path = tempFile(pcapFile([]).subarray(0, 10));
    const err = await statsOf([path]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PcapError);
    expect(err).toMatchObject({ code: 'ERR_PCAP_TRUNCATED_HEADER' });
    expect((err as Error).message).toContain(path);
  });

  it('rejects an unsupported version', async () => {
    const path = tempFile(pcapFile([], { versionMajor: 3 }));
    await expect(statsOf([path])).rejects.toMatchObject({ code: 'ERR_PCAP_UNSUPPORTED_VERSION', offset: 4 });
  });

  it('rejects an absurd record length with the offset of the record header field', async () => {
    const file = pcapFile(recs(false));
    const bad = Buffer.from(file);
    const second = 24 + 16 + frames[0]!.length;
    bad.writeUInt32LE(0x7fffffff, second + 8);
    await expect(statsOf([tempFile(bad)])).rejects.toMatchObject({
      code: 'ERR_PCAP_BAD_RECORD',
      offset: second + 8,
    });
  });

  it('rejects a missing file with ERR_PCAP_IO', async () => {
    await expect(statsOf(['/nonexistent/x.pcap'])).rejects.toMatchObject({ code: 'ERR_PCAP_IO' });
  });
});

describe('pcapng', () => {
  it('reads several sections, byte orders, interfaces, link types and timestamp resolutions', async () => {
    const raw = ipv4Udp('192.168.1.1', '192.168.1.2', 5000, 6000, Buffer.from('raw'));
    const file = Buffer.concat([
      shb(false),
      idb(1, { tsresol: 6 }), // iface 0: Ethernet, µs
      idb(101, { tsresol: 9 }), // iface 1: raw IP, ns
      epb(0, 1_700_000_000_000_001n, frames[0]!),
      epb(1, 1_700_000_000_000_000_002n, raw),
      block(5, Buffer.alloc(16)), // interface statistics: skipped, counted
      block(0x12345678, Buffer.alloc(8)), // unknown: skipped, counted as an anomaly
      spb(frames[1]!),
      pb(0, 1_700_000_000_000_003n, frames[2]!),
      shb(true), // a new section, big-endian: interfaces restart
      idb(1, { be: true, tsresol: 0x80 | 20 }), // 2^-20 s units
      epb(0, (1_700_000_000n << 20n) + (1n << 19n), frames[3]!, { be: true }),
    ]);
    const { packets, stats } = await decodeFiles([tempFile(file, 'x.pcapng')]);
    expect(packets.map((p) => p.linkType)).toEqual([1, 101, 1, 1, 1]);
    expect(packets.map((p) => p.interfaceId)).toEqual([0, 1, 0, 0, 0]);
    expect(packets[0]!.tsNs).toBe(1_700_000_000_000_001_000n);
    expect(packets[1]!.tsNs).toBe(1_700_000_000_000_000_002n);
    expect(packets[3]!.tsNs).toBe(1_700_000_000_000_003_000n);
    expect(packets[4]!.tsNs).toBe(1_700_000_000_500_000_000n);
    expect(packets[1]!.layers.map((l) => l.name)).toEqual(['ipv4', 'udp', 'data']);
    expect(stats).toMatchObject({ packets: 5, decoded: 5, blocksSkipped: 1 });
    expect(stats.anomalies['pcapng.unknown_block']).toBe(1);
  });

  it('applies if_tsoffset and keeps post-2106 timestamps', async () => {
    const file = Buffer.concat([
      shb(),
      idb(1, { tsresol: 9, tsoffset: 10n }),
      epb(0, 4_400_000_000n * 1_000_000_000n, frames[0]!),
    ]);
    const { packets } = await decodeFiles([tempFile(file, 'late.pcapng')]);
    expect(packets[0]!.tsNs).toBe((4_400_000_000n + 10n) * 1_000_000_000n);
  });

  it('counts a packet on an undeclared interface instead of guessing its link type', async () => {
    const file = Buffer.concat([shb(), idb(1), epb(3, 1n, frames[0]!)]);
    const stats = await statsOf([tempFile(file, 'badif.pcapng')]);
    expect(stats).toMatchObject({ packets: 1, invalid: 1 });
    expect(stats.anomalies['pcapng.bad_interface']).toBe(1);
  });

  it('rejects a corrupt block length', async () => {
    const file = Buffer.concat([shb(), idb(1), epb(0, 1n, frames[0]!)]);
    const bad = Buffer.from(file);
    const epbAt = shb().length + idb(1).length;
    bad.writeUInt32LE(13, epbAt + 4);
    await expect(statsOf([tempFile(bad, 'bad.pcapng')])).rejects.toMatchObject({
      code: 'ERR_PCAP_BAD_RECORD',
      offset: epbAt + 4,
    });
  });
});

describe('gzip and several files', () => {
  it('inflates gzip-compressed captures recognised by magic', async () => {
    const gz = gzipSync(pcapFile(recs(true), { nanos: true }));
    const { packets } = await decodeFiles([tempFile(gz, 'c.pcap.gz')]);
    expect(packets.map((p) => p.tsNs)).toEqual(recs(true).map((r) => r.tsNs));
  });

  it('numbers packets continuously across files of different formats', async () => {
    const a = tempFile(pcapFile(recs(false)));
    const b = tempFile(Buffer.concat([shb(), idb(1), epb(0, 5n, frames[0]!)]), 'b.pcapng');
    const c = tempFile(gzipSync(pcapFile(recs(false), { bigEndian: true })), 'c.pcap.gz');
    const { packets, stats } = await decodeFiles([a, b, c]);
    expect(packets.map((p) => p.number)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(stats.packets).toBe(11);
  });

  it('reports corrupt gzip data as an I/O error naming the file', async () => {
    const gz = Buffer.from(gzipSync(pcapFile(recs(false))));
    gz.writeUInt16LE(gz.readUInt16LE(20) ^ 0xffff, 20);
    await expect(statsOf([tempFile(gz, 'bad.pcap.gz')])).rejects.toMatchObject({ code: 'ERR_PCAP_IO' });
  });
});
