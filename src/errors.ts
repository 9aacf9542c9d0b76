/**
 * The error catalogue. Every error netsift raises for bad input or configuration is an
 * `EngineError` with a stable `code` (never reused, listed in README § Errors, enforced by
 * test/unit/errors.test.ts), a message that names the input and the offending value, and
 * plain-data `details`. Errors cross worker threads as `{code, message, details}` and are rebuilt
 * here with `errorFromPlain`, because a structured-cloned subclass loses its name and fields.
 */

export const ERROR_CODES = {
  ERR_CONFIG_INVALID: 'a configuration value or command-line option is invalid',
  ERR_RULE_SYNTAX: 'a rule cannot be parsed',
  ERR_RULE_UNKNOWN_KEYWORD: 'a rule uses a keyword netsift does not know',
  ERR_RULE_BAD_VALUE: 'a rule keyword has a value outside its grammar',
  ERR_RULE_DUPLICATE_SID: 'two rules share one gid:sid',
  ERR_PCAP_BAD_MAGIC: 'the input is not a pcap, pcapng or gzip-compressed capture',
  ERR_PCAP_UNSUPPORTED_VERSION: 'the capture file format version is not supported',
  ERR_PCAP_TRUNCATED_HEADER: 'the capture file ends inside its file header',
  ERR_PCAP_BAD_RECORD: 'a record header is corrupt (length beyond any sane snap length)',
  ERR_PCAP_IO: 'the capture file cannot be opened or read',
  ERR_WASM_ABI_MISMATCH: 'the WebAssembly module does not match this version of the TypeScript side',
  ERR_ENGINE_BUG: 'an internal invariant was broken (a bug in netsift)',
  ERR_WORKER_FAILED: 'a worker thread died or stopped answering',
  ERR_RULE_UNSUPPORTED: 'a rule uses a keyword, buffer or protocol netsift knows but does not support yet',
  ERR_RULE_IO: 'a rule, variable or config file cannot be read',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Process exit codes: 0 ok · 2 usage/config · 3 bad input (rules, capture) · 70 internal (EX_SOFTWARE). */
export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
export const EXIT_BAD_INPUT = 3;
export const EXIT_INTERNAL = 70;

export interface PlainError {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

export class EngineError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
  /** The exit code the CLI uses for this error. */
  get exitCode(): number {
    return EXIT_INTERNAL;
  }
  toPlain(): PlainError {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export class ConfigError extends EngineError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('ERR_CONFIG_INVALID', message, details);
  }
  override get exitCode(): number {
    return EXIT_USAGE;
  }
}

/** A capture file is unreadable. `offset` is the byte offset in the (decompressed) file. */
export type PcapErrorCode = Extract<ErrorCode, `ERR_PCAP_${string}`>;

export class PcapError extends EngineError {
  constructor(
    code: PcapErrorCode,
    readonly file: string,
    readonly offset: number,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(code, `${file}: at byte ${offset}: ${message}`, { file, offset, ...extra });
  }
  override get exitCode(): number {
    return EXIT_BAD_INPUT;
  }
}

/** One problem found in a rule file; `RuleError` collects all of them. */
export interface RuleIssue {
  code: Extract<ErrorCode, `ERR_RULE_${string}`>;
  file: string;
  line: number;
  col?: number;
  sid?: number;
  keyword?: string;
  message: string;
}

export function formatRuleIssue(i: RuleIssue): string {
  const where = `${i.file}:${i.line}${i.col !== undefined ? `:${i.col}` : ''}`;
  const sid = i.sid !== undefined ? ` (sid ${i.sid})` : '';
  return `${where}${sid}: ${i.message}`;
}

export class RuleError extends EngineError {
  constructor(readonly issues: RuleIssue[]) {
    super(
      issues[0]?.code ?? 'ERR_RULE_SYNTAX',
      issues.length === 1 && issues[0]
        ? formatRuleIssue(issues[0])
        : `${issues.length} rule problems:\n${issues.map(formatRuleIssue).join('\n')}`,
      { issues },
    );
  }
  override get exitCode(): number {
    return EXIT_BAD_INPUT;
  }
}

export class AbiMismatchError extends EngineError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('ERR_WASM_ABI_MISMATCH', message, details);
  }
}

/** An AssemblyScript `abort()` or an impossible state: always a netsift bug. */
export class EngineBugError extends EngineError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('ERR_ENGINE_BUG', message, details);
  }
}

export class WorkerFailedError extends EngineError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('ERR_WORKER_FAILED', message, details);
  }
}

/** Rebuild a typed error from the plain form it crossed a thread boundary in. */
export function errorFromPlain(p: PlainError): EngineError {
  switch (p.code) {
    case 'ERR_CONFIG_INVALID':
      return new ConfigError(p.message, p.details);
    case 'ERR_WASM_ABI_MISMATCH':
      return new AbiMismatchError(p.message, p.details);
    case 'ERR_ENGINE_BUG':
      return new EngineBugError(p.message, p.details);
    case 'ERR_WORKER_FAILED':
      return new WorkerFailedError(p.message, p.details);
    case 'ERR_PCAP_BAD_MAGIC':
    case 'ERR_PCAP_UNSUPPORTED_VERSION':
    case 'ERR_PCAP_TRUNCATED_HEADER':
    case 'ERR_PCAP_BAD_RECORD':
    case 'ERR_PCAP_IO': {
      const file = String(p.details.file ?? '?');
      const offset = Number(p.details.offset ?? 0);
      const err = new PcapError(p.code, file, offset, '', p.details);
      err.message = p.message;
      return err;
    }
    default:
      if (p.code.startsWith('ERR_RULE_')) return new RuleError((p.details.issues as RuleIssue[]) ?? []);
      return new EngineError(p.code, p.message, p.details);
  }
}
