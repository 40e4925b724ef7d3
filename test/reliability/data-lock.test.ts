/**
 * One platform per data folder: a second start refuses with a clear message and leaves the first working;
 * a lock left by a killed process (or naming a pid now used by another process) is taken over.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFolderInUse, LOCK_FILE, lockDataFolder } from '#local/data-lock';
import { freePort } from '#local/dynamodb-local';
import { isAlive } from '#local/processes';
import { call, exited, runMainToExit, startMain } from './platform-process';

const dirs: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'righttime-lock-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The pid of a process that has exited (its pid is not reused this quickly). */
async function deadPid(): Promise<number> {
  const proc = spawn('true');
  await exited(proc);
  return proc.pid!;
}

describe('the data folder lock', () => {
  it('refuses a second holder, naming the folder and the pid that holds it', async () => {
    // Prepare
    const dir = folder();
    const first = await lockDataFolder(dir);

    // Act
    const second = lockDataFolder(dir);

    // Assess
    await expect(second).rejects.toBeInstanceOf(DataFolderInUse);
    await expect(second).rejects.toThrow(
      `The data folder ${dir} is in use by another RightTime platform (pid ${process.pid}`,
    );
    first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock left by a process that was killed', async () => {
    // Prepare
    const dir = folder();
    const pid = await deadPid();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, startTime: '1', startedAt: '2027-01-01T00:00:00.000Z' }));

    // Act
    const lock = await lockDataFolder(dir);

    // Assess
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose pid now belongs to another process (it started at another time)', async () => {
    // Prepare: this very process's pid, with a start time that is not this process's.
    const dir = folder();
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.pid, startTime: 'not-this-one', startedAt: '2027-01-01T00:00:00.000Z' }),
    );

    // Act
    const lock = await lockDataFolder(dir);

    // Assess
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).startTime).not.toBe('not-this-one');
    lock.release();
  });

  it('lets exactly one of several racing starts win a stale lock', async () => {
    // Prepare
    const dir = folder();
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: await deadPid(), startedAt: '2027-01-01T00:00:00.000Z' }),
    );

    // Act: the same process racing itself is refused as "in use" by whichever won.
    const outcomes = await Promise.allSettled([lockDataFolder(dir), lockDataFolder(dir), lockDataFolder(dir)]);

    // Assess
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason)).toEqual([
      expect.any(DataFolderInUse),
      expect.any(DataFolderInUse),
    ]);
  });

  it('a second npm start on the same folder refuses and leaves the first one working', async () => {
    // Prepare: a running platform.
    const dir = folder();
    const port = await freePort();
    const first = await startMain(port, dir);
    const javaPid = Number(readFileSync(join(dir, 'dynamodb.pid'), 'utf8'));
    try {
      // Act
      const second = await runMainToExit(await freePort(), dir);

      // Assess: refused, naming the folder and the holder; the first one's DynamoDB Local and API still work.
      expect(second.code).toBe(1);
      expect(second.output).toContain(
        `The data folder ${dir} is in use by another RightTime platform (pid ${first.proc.pid}`,
      );
      expect(isAlive(javaPid)).toBe(true);
      const token = (await call(port, 'POST', '/local/token', { username: 'alex' })).body.token;
      expect((await call(port, 'GET', '/cases/no-such-case', undefined, token)).status).toBe(404);
    } finally {
      first.proc.kill('SIGTERM');
      await exited(first.proc);
    }
    // A clean stop releases the folder.
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 240_000);
});
