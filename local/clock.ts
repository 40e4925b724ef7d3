/**
 * The local runtime's clock: real time plus an offset that can only move forward. The offset is kept in
 * the data folder, so a restart keeps the time the demo had reached.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '#functions/runtime';

export class ControllableClock implements Clock {
  private offsetMs = 0;

  constructor(
    private readonly file?: string,
    private readonly realNow: () => number = Date.now,
  ) {
    if (file && existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: number };
      this.offsetMs = Number(saved.offsetMs) || 0;
    }
  }

  static inFolder(dataDir: string | undefined): ControllableClock {
    return new ControllableClock(dataDir ? join(dataDir, 'clock.json') : undefined);
  }

  now(): Date {
    return new Date(this.realNow() + this.offsetMs);
  }

  /** Move to an instant (never backwards: timers and records already written would contradict it). */
  set(instant: Date) {
    const delta = instant.getTime() - this.now().getTime();
    if (delta < 0)
      throw new RangeError(
        `The clock cannot go back (asked for ${instant.toISOString()}, it is ${this.now().toISOString()})`,
      );
    this.offsetMs += delta;
    this.save();
  }

  /** For seeding demo history only: start the clock at an instant in the past. */
  rewindForSeeding(instant: Date) {
    this.offsetMs = instant.getTime() - this.realNow();
    this.save();
  }

  get offset(): number {
    return this.offsetMs;
  }

  private save() {
    if (!this.file) return;
    writeFileSync(`${this.file}.tmp`, JSON.stringify({ offsetMs: this.offsetMs }));
    renameSync(`${this.file}.tmp`, this.file);
  }
}
