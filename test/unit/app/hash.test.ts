// MD5 (JA3), SHA-1 (tls.cert_fingerprint) and SHA-256 (JA4) in AssemblyScript against node:crypto, on every length around the
// block and padding boundaries and on random bytes.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppParser } from './harness.js';

describe('app hashes vs node:crypto', () => {
  const p = new AppParser();
  it('md5, sha1 and sha256 agree for lengths 0..200 and large inputs', () => {
    const lens = [...Array.from({ length: 201 }, (_, i) => i), 1000, 4095, 4096, 65537];
    for (const n of lens) {
      const b = randomBytes(n);
      expect(p.md5(b), `md5 len ${n}`).toBe(createHash('md5').update(b).digest('hex'));
      expect(p.sha1(b), `sha1 len ${n}`).toBe(createHash('sha1').update(b).digest('hex'));
      expect(p.sha256(b), `sha256 len ${n}`).toBe(createHash('sha256').update(b).digest('hex'));
    }
  });
  it('known vectors', () => {
    expect(p.md5(Buffer.from('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    // FIPS 180-4 example "abc"
    expect(p.sha1(Buffer.from('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(p.sha256(Buffer.from(''))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});
