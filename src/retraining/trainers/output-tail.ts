export const TAIL_LINES = 50;
const LINE_MAX = 500;

/** The last lines of a process's output, kept in a fixed budget however much it prints. */
export class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly onLine: (line: string) => boolean = () => true) {}

  /** Feeds a chunk; complete lines go to `onLine`, and are kept when it answers true. */
  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    if (this.partial.length > LINE_MAX * 4) {
      parts.push(this.partial);
      this.partial = '';
    }
    for (const line of parts) this.keep(line);
  }

  /** Takes in a last line that had no newline. */
  flush(): void {
    if (this.partial) this.keep(this.partial);
    this.partial = '';
  }

  snapshot(): string[] {
    return [...this.lines];
  }

  private keep(line: string): void {
    if (line.trim() === '' || !this.onLine(line)) return;
    this.lines.push(line.length > LINE_MAX ? `${line.slice(0, LINE_MAX)}…` : line);
    if (this.lines.length > TAIL_LINES) this.lines.shift();
  }
}

/** A progress line on a trainer's stderr: `{"progress": 0.4, "message": "epoch 4/10"}`. */
export function parseProgressLine(line: string): { progress: number; message: string | null } | null {
  if (!line.startsWith('{')) return null;
  try {
    const value = JSON.parse(line) as { progress?: unknown; message?: unknown };
    if (typeof value.progress !== 'number' || !(value.progress >= 0 && value.progress <= 1)) return null;
    return { progress: value.progress, message: typeof value.message === 'string' ? value.message.slice(0, 1000) : null };
  } catch {
    return null;
  }
}
