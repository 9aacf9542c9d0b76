/** The human-readable report of `netsift stats`. */
import type { EngineStats } from '../stats/engine-stats.js';
import { eveTimestamp } from './eve-time.js';

const num = (n: number): string => n.toLocaleString('en-US');

function rate(n: number, seconds: number): string {
  return seconds > 0 ? num(Math.round(n / seconds)) : '-';
}

export function formatStatsText(
  s: EngineStats,
  run: { files: readonly string[]; elapsedNs: number; fileBytes: number },
): string {
  const lines: string[] = [];
  const spanS = s.packets > 1 ? Number(s.lastTsNs - s.firstTsNs) / 1e9 : 0;
  const elapsedS = run.elapsedNs / 1e9;
  lines.push(`files:        ${run.files.join(', ')}`);
  lines.push(
    `packets:      ${num(s.packets)} (decoded ${num(s.decoded)}, invalid ${num(s.invalid)}${s.filtered ? `, filtered ${num(s.filtered)}` : ''})`,
  );
  lines.push(`bytes:        ${num(s.bytes)} captured, ${num(s.wireBytes)} on the wire`);
  if (s.packets) {
    lines.push(`first packet: ${eveTimestamp(s.firstTsNs)}`);
    lines.push(`last packet:  ${eveTimestamp(s.lastTsNs)}`);
    lines.push(`time span:    ${spanS.toFixed(6)} s`);
    if (spanS > 0) {
      lines.push(
        `capture rate: ${rate(s.packets, spanS)} packets/s, ${((s.wireBytes * 8) / spanS / 1e6).toFixed(3)} Mbit/s`,
      );
    }
  }
  if (s.blocksSkipped) lines.push(`pcapng blocks skipped: ${num(s.blocksSkipped)}`);
  if (s.anomalyEventsDropped)
    lines.push(`anomaly events dropped (counts exact): ${num(s.anomalyEventsDropped)}`);
  lines.push(
    `processing:   ${elapsedS.toFixed(3)} s, ${elapsedS > 0 ? (run.fileBytes / elapsedS / 1e6).toFixed(1) : '-'} MB/s, ${rate(s.packets, elapsedS)} packets/s`,
  );
  const protos = Object.entries(s.protocols).sort((a, b) => b[1] - a[1]);
  if (protos.length) {
    lines.push('protocols (headers decoded):');
    const w = Math.max(...protos.map(([k]) => k.length));
    for (const [k, v] of protos) {
      lines.push(
        `  ${k.padEnd(w)}  ${num(v).padStart(12)}  ${((100 * v) / Math.max(1, s.packets)).toFixed(1).padStart(5)}%`,
      );
    }
  }
  const appFlows = Object.entries(s.appLayer.flow);
  if (appFlows.length) {
    const tx = s.appLayer.tx;
    lines.push('app layer (flows, transactions):');
    for (const [k, v] of appFlows.sort((a, b) => b[1] - a[1])) {
      // transactions are counted for HTTP and DNS (dns_udp / dns_tcp), as Suricata counts them
      lines.push(`  ${k.padEnd(10)}  ${num(v).padStart(12)}${tx[k] ? `  ${num(tx[k])} tx` : ''}`);
    }
  }
  const anomalies = Object.entries(s.anomalies).sort((a, b) => b[1] - a[1]);
  lines.push(anomalies.length ? 'anomalies:' : 'anomalies:    none');
  if (anomalies.length) {
    const w = Math.max(...anomalies.map(([k]) => k.length));
    for (const [k, v] of anomalies) lines.push(`  ${k.padEnd(w)}  ${num(v).padStart(12)}`);
  }
  return lines.join('\n') + '\n';
}
