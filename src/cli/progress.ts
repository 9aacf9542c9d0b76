/**
 * The progress bar of `netsift read` on stderr: bytes read of the total, packets/s, MB/s,
 * alerts so far, ETA. Silent when stderr is not a TTY (logs and pipes get nothing).
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(p: { bytes: number; packets: number; alerts: number }): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

/** `stream` undefined: no progress bar. */
export function createProgress(
  totalBytes: number | undefined,
  stream: NodeJS.WriteStream | undefined,
): Progress {
  if (!stream?.isTTY) return SILENT;
  const total = Math.max(1, totalBytes ?? 0);
  const t0 = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: totalBytes
        ? ' {bar} {percentage}% | {mb}/{totalMb} MB | {pps} pkts/s | {mbps} MB/s | alerts {alerts} | ETA {eta_formatted}'
        : ' {mb} MB | {pps} pkts/s | {mbps} MB/s | alerts {alerts}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { mb: '0', totalMb: (total / 1e6).toFixed(0), pps: 0, mbps: '0', alerts: 0 });
  return {
    update({ bytes, packets, alerts }) {
      const s = Math.max(0.001, (Date.now() - t0) / 1000);
      bar.update(Math.min(bytes, total), {
        mb: (bytes / 1e6).toFixed(1),
        pps: Math.round(packets / s).toLocaleString('en-US'),
        mbps: (bytes / 1e6 / s).toFixed(1),
        alerts,
      });
    },
    stop() {
      bar.stop();
    },
  };
}
