/**
 * A progress line on stderr for long runs (counts, rate, ETA). Only on a
 * terminal: in CI and tests stderr is not a TTY and nothing is written, so
 * logs stay clean and stdout stays machine readable either way.
 */

/** Where progress goes: stderr in the commands, a fake in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(chunk: string): unknown;
}

export interface ProgressOptions {
  /** How many units of work there are. */
  readonly total: number;
  /** What is counted, e.g. 'accounts and regions'. */
  readonly label: string;
  /** @default process.stderr */
  readonly stream?: ProgressStream;
  /** Milliseconds since some fixed point. @default Date.now */
  readonly now?: () => number;
}

export interface Progress {
  /** `n` more units done. @default 1 */
  tick(n?: number): void;
  /** The final line, and the terminal's line back to the caller. */
  done(): void;
}

// Redrawing more often than this only costs the terminal.
const REDRAW_MS = 100;

const duration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s < 60
    ? `${s}s`
    : s < 3600
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
};

/** The progress line: `label 3/10 (30%) 1.5/s ETA 5s`. Pure, for tests. */
export const progressLine = (label: string, done: number, total: number, elapsedMs: number): string => {
  const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0;
  const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
  const eta = done >= total ? 'done' : rate > 0 ? `ETA ${duration((total - done) / rate)}` : 'ETA ?';
  return `${label} ${done}/${total} (${percent}%) ${rate.toFixed(1)}/s ${eta}`;
};

const SILENT: Progress = { tick: () => undefined, done: () => undefined };

export const progress = ({ total, label, stream = process.stderr, now = Date.now }: ProgressOptions): Progress => {
  if (!stream.isTTY) return SILENT;
  const start = now();
  let count = 0;
  let drawn = -Infinity;
  let finished = false;
  // \r back to the line's start, ESC[K clears what a longer earlier line left.
  const draw = () => {
    drawn = now();
    stream.write(`\r${progressLine(label, count, total, drawn - start)}\x1b[K`);
  };
  draw();
  return {
    tick(n = 1) {
      count = Math.min(total, count + n);
      if (now() - drawn >= REDRAW_MS || count === total) draw();
    },
    done() {
      if (finished) return;
      finished = true;
      draw();
      stream.write('\n');
    },
  };
};
