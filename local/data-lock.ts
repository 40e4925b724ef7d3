/**
 * One platform per data folder. The running platform holds `platform.lock` in the folder: its pid and that
 * process's start time (a pid alone may have been reused by an unrelated process). A second start on the
 * same folder refuses, naming the folder and the holder; a lock left by a process that was killed (kill -9)
 * is stale and is taken over.
 *
 * The lock file is created whole and atomically (written aside, then hard-linked into place), so a reader
 * never sees half of one; a stale one is removed only under a short-lived takeover directory and only if it
 * is still the very lock found stale, so two starts racing for a stale lock cannot both win.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isAlive, startTimeOf } from './processes';

export const LOCK_FILE = 'platform.lock';

export interface LockHolder {
  pid: number;
  /** The holder's start time as the operating system tells it (see startTimeOf). */
  startTime?: string;
  startedAt: string;
}

export class DataFolderInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data folder ${dataDir} is in use by another RightTime platform (pid ${holder.pid}, ` +
        `started ${holder.startedAt}). ` +
        `Stop that one first (Ctrl+C in its terminal, or kill ${holder.pid}), ` +
        `or give this one another folder with RIGHTTIME_DATA.`,
    );
    this.name = 'DataFolderInUse';
  }
}

export interface DataLock {
  readonly path: string;
  /** Remove the lock if it is still this process's. */
  release(): void;
}

/** Whether the process that wrote this lock is still the one running under its pid. */
export function holderAlive(holder: LockHolder): boolean {
  if (!isAlive(holder.pid)) return false;
  if (!holder.startTime) return true;
  const now = startTimeOf(holder.pid);
  return now === undefined || now === holder.startTime;
}

function readRaw(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const value = JSON.parse(raw) as LockHolder;
    return Number.isInteger(value.pid) && value.pid > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Take the data folder's lock, or refuse with DataFolderInUse. */
export async function lockDataFolder(dataDir: string): Promise<DataLock> {
  const folder = resolve(dataDir);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, LOCK_FILE);
  const mine: LockHolder = {
    pid: process.pid,
    startTime: startTimeOf(process.pid),
    startedAt: new Date().toISOString(),
  };
  const myRaw = JSON.stringify(mine);

  for (let attempt = 0; attempt < 200; attempt++) {
    const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(aside, myRaw);
    try {
      linkSync(aside, path);
      return {
        path,
        release() {
          if (readRaw(path) === myRaw) unlinkSync(path);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(aside);
    }

    const raw = readRaw(path);
    if (raw === undefined) continue; // released meanwhile: try again
    const holder = parseHolder(raw);
    if (holder && holderAlive(holder)) throw new DataFolderInUse(folder, holder);

    // Stale (its process is gone, or its pid now belongs to another process): remove exactly that lock.
    const takeover = `${path}.takeover`;
    try {
      mkdirSync(takeover);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Another start is taking over; a takeover directory older than 10 s was left by a killed start.
      try {
        if (Date.now() - statSync(takeover).mtimeMs > 10_000) rmdirSync(takeover);
      } catch {
        // gone meanwhile
      }
      await pause(25);
      continue;
    }
    try {
      if (readRaw(path) === raw) unlinkSync(path);
    } finally {
      rmdirSync(takeover);
    }
  }
  throw new Error(`Could not take the lock ${path}: it keeps changing hands`);
}
