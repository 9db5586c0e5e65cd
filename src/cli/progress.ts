/**
 * A counter for long work, on standard error so standard output stays the result: rewritten in
 * place on a terminal, one line every few seconds otherwise (logs, CI).
 */
export class Progress {
  private done = 0;
  private lastLine = 0;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(
    private readonly label: string,
    private readonly unit: 'rows' | 'bytes' | 'steps',
    private readonly total?: number,
  ) {}

  add(amount = 1): void {
    this.set(this.done + amount);
  }

  set(done: number): void {
    this.done = done;
    const now = Date.now();
    if (now - this.lastLine < (this.tty ? 100 : 5000)) return;
    this.lastLine = now;
    this.write(false);
  }

  finish(): void {
    this.write(true);
  }

  private format(value: number): string {
    if (this.unit !== 'bytes') return value.toLocaleString('en');
    return value < 1024 * 1024
      ? `${(value / 1024).toFixed(0)} KiB`
      : `${(value / 1024 / 1024).toFixed(1)} MiB`;
  }

  private write(last: boolean): void {
    const of = this.total ? ` of ${this.format(this.total)}` : '';
    const unit = this.unit === 'bytes' ? '' : ` ${this.unit}`;
    const line = `  ${this.label}: ${this.format(this.done)}${of}${unit}`;
    if (this.tty) process.stderr.write(`\r${line}\x1b[K${last ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  }
}
