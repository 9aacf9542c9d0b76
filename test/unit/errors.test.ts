/** The error catalogue: every code is documented in README § Errors, and errors survive a thread hop. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  errorFromPlain,
  PcapError,
  RuleError,
  ConfigError,
  EXIT_BAD_INPUT,
  EXIT_USAGE,
} from '../../src/errors.js';

describe('errors', () => {
  it('every error code has a README row with its meaning', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    for (const [code, meaning] of Object.entries(ERROR_CODES)) {
      expect(readme, code).toContain(`| \`${code}\` | ${meaning} |`);
    }
  });

  it('rebuilds typed errors from their plain form (as they cross worker threads)', () => {
    const e = new PcapError('ERR_PCAP_BAD_MAGIC', 'x.pcap', 12, 'not a capture file');
    const back = errorFromPlain(structuredClone(e.toPlain()));
    expect(back).toBeInstanceOf(PcapError);
    expect(back).toMatchObject({
      code: 'ERR_PCAP_BAD_MAGIC',
      file: 'x.pcap',
      offset: 12,
      message: e.message,
    });
    expect(back.exitCode).toBe(EXIT_BAD_INPUT);

    const r = new RuleError([
      {
        code: 'ERR_RULE_UNKNOWN_KEYWORD',
        file: 'l.rules',
        line: 3,
        col: 9,
        message: 'unknown keyword "contnet"',
      },
    ]);
    const rb = errorFromPlain(structuredClone(r.toPlain()));
    expect(rb).toBeInstanceOf(RuleError);
    expect(rb.message).toBe('l.rules:3:9: unknown keyword "contnet"');
    expect(errorFromPlain(new ConfigError('bad').toPlain()).exitCode).toBe(EXIT_USAGE);
  });
});
