import cliProgress from "cli-progress";

export interface LoanProgress {
  update(loans: number): void;
  stop(): void;
}

/** A bar with loans/s and ETA on a terminal; a line every few seconds when stderr is a file or a pipe. */
export function createLoanProgress(label: string, total: number, enabled: boolean): LoanProgress {
  if (!enabled) return { update: () => {}, stop: () => {} };
  const started = Date.now();
  const rate = (loans: number) => Math.round(loans / Math.max((Date.now() - started) / 1000, 0.001));
  if (!process.stderr.isTTY) {
    let last = 0;
    return {
      update(loans) {
        if (Date.now() - last < 5000) return;
        last = Date.now();
        const r = rate(loans);
        const eta = r > 0 ? Math.round((total - loans) / r) : 0;
        process.stderr.write(`${label}: ${loans}/${total} loans, ${r} loans/s, ETA ${eta}s\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} loans | {rate} loans/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 20,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { rate: 0 });
  let running = true;
  return {
    update(loans) {
      if (running) bar.update(loans, { rate: rate(loans) });
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
