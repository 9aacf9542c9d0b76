/**
 * The Suricata command-line options that suricata-verify tests and Suricata users pass
 * (`-k none`, `--set stream.midstream=true`, ...), mapped onto netsift's settings where netsift
 * has the setting. The others are reported as warnings, never as errors: a run is never refused
 * for an option that only tunes Suricata.
 */
import { ConfigError } from '../errors.js';
import type { EngineOptions, FlowConfig } from '../engine.js';

export interface SuricataSettings {
  engine: Partial<EngineOptions>;
  flowConfig: Partial<FlowConfig>;
  /** Checksum validation mode from -k (netsift counts bad checksums and never drops on them). */
  checksumMode: 'all' | 'none' | 'auto';
  warnings: string[];
}

function bool(key: string, v: string): boolean {
  if (/^(yes|true|on|1)$/i.test(v)) return true;
  if (/^(no|false|off|0)$/i.test(v)) return false;
  throw new ConfigError(`--set ${key}=${v}: expected yes/no/true/false`);
}

function size(key: string, v: string): number {
  const m = /^(\d+)\s*([kmg]?)(i?b)?$/i.exec(v.trim());
  if (!m) throw new ConfigError(`--set ${key}=${v}: expected a size like 1mb, 65536`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * unit;
}

const TIMEOUTS: Record<string, keyof FlowConfig> = {
  'flow-timeouts.tcp.new': 'tcpNewTimeoutS',
  'flow-timeouts.tcp.established': 'tcpEstablishedTimeoutS',
  'flow-timeouts.tcp.closed': 'tcpClosedTimeoutS',
  'flow-timeouts.udp.new': 'udpNewTimeoutS',
  'flow-timeouts.udp.established': 'udpEstablishedTimeoutS',
  'flow-timeouts.icmp.new': 'icmpNewTimeoutS',
  'flow-timeouts.icmp.established': 'icmpEstablishedTimeoutS',
};

/** app-layer.protocols.tls.encryption-handling values → FlowConfig.tlsEncryption. */
const TLS_ENCRYPTION: Record<string, number> = { default: 0, 'track-only': 0, bypass: 1, full: 2 };

export function parseSuricataOptions(
  checksum: string | undefined,
  sets: readonly string[],
): SuricataSettings {
  const out: SuricataSettings = { engine: {}, flowConfig: {}, checksumMode: 'auto', warnings: [] };
  if (checksum !== undefined) {
    if (checksum !== 'none' && checksum !== 'all' && checksum !== 'auto') {
      throw new ConfigError(`-k ${checksum}: expected none, all or auto`);
    }
    out.checksumMode = checksum;
  }
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new ConfigError(`--set ${s}: expected key=value`);
    const key = s.slice(0, eq).trim();
    const value = s.slice(eq + 1).trim();
    if (key in TIMEOUTS) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new ConfigError(`--set ${key}=${value}: expected seconds`);
      out.flowConfig[TIMEOUTS[key]!] = n;
    } else if (key === 'flow.memcap' || key === 'flow.hash-size') {
      out.warnings.push(
        `--set ${key}: netsift sizes the flow table by flow count (flowConfig.maxFlows); ignored`,
      );
    } else if (key === 'stream.reassembly.depth') {
      out.flowConfig.reassemblyDepth = size(key, value);
    } else if (key === 'stream.midstream') {
      // false: no app layer on flows picked up mid-stream (their packets and streams are still
      // matched by payload rules, which Suricata would inspect as packets only)
      out.flowConfig.midstream = bool(key, value) ? 1 : 0;
    } else if (key === 'app-layer.protocols.tls.encryption-handling') {
      const mode = TLS_ENCRYPTION[value.toLowerCase()];
      if (mode === undefined) {
        throw new ConfigError(`--set ${key}=${value}: expected default, track-only, bypass or full`);
      }
      if (value.toLowerCase() === 'bypass') {
        out.warnings.push(`--set ${key}=bypass: netsift never bypasses a flow; acts as track-only`);
      }
      out.flowConfig.tlsEncryption = mode;
    } else {
      out.warnings.push(`--set ${key}: no such netsift setting; ignored`);
    }
  }
  return out;
}
