import type { Writable } from 'node:stream';

/**
 * A one-line progress bar on stderr: redrawn in place on a terminal, a line per 10 % step otherwise (logs, CI).
 */
export class ProgressBar {
  private done = 0;
  private lastStep = -1;
  private readonly tty: boolean;

  constructor(
    private readonly out: Writable,
    private readonly label: string,
    private readonly total: number,
  ) {
    this.tty = Boolean((out as Writable & { isTTY?: boolean }).isTTY);
  }

  tick(n = 1, extra = ''): void {
    this.done = Math.min(this.total, this.done + n);
    this.draw(extra);
  }

  private draw(extra: string): void {
    const share = this.total === 0 ? 1 : this.done / this.total;
    const width = 28;
    const filled = Math.round(share * width);
    const line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total}${extra ? `  ${extra}` : ''}`;
    if (this.tty) {
      this.out.write(`\r${line.padEnd(100)}`);
      if (this.done === this.total) this.out.write('\n');
      return;
    }
    const step = Math.floor(share * 10);
    if (step !== this.lastStep || this.done === this.total) {
      this.lastStep = step;
      this.out.write(line + '\n');
    }
  }
}
