import cliProgress from "cli-progress";

export interface ImportProgress {
  update(bytes: number, rows: number): void;
  stop(): void;
}

/** A terminal progress bar (rows, rows/s, ETA by bytes read) when stderr is a terminal, periodic lines otherwise. */
export function createImportProgress(label: string, totalBytes: number, enabled: boolean): ImportProgress {
  if (!enabled) return { update: () => {}, stop: () => {} };
  const started = Date.now();
  const rate = (rows: number) => Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001));
  if (!process.stderr.isTTY) {
    let lastPrint = 0;
    return {
      update(bytes, rows) {
        if (Date.now() - lastPrint < 5000) return;
        lastPrint = Date.now();
        const pct = totalBytes > 0 ? Math.min(100, Math.round((bytes / totalBytes) * 100)) : 0;
        process.stderr.write(`${label}: ${rows} rows (${pct}%), ${rate(rows)} rows/s\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(totalBytes, 1), 0, { rows: 0, rate: 0 });
  return {
    update(bytes, rows) {
      bar.update(Math.min(bytes, totalBytes), { rows, rate: rate(rows) });
    },
    stop() {
      bar.update(totalBytes);
      bar.stop();
    },
  };
}
