/**
 * Writes answered 2xx survive kill -9. Clients keep opening cases; the moment the 12th answer arrives, the
 * platform is killed with SIGKILL: once the Node process alone (its DynamoDB Local then gets SIGTERM from the
 * kernel, as its parent died), once the whole process group, Node and Java at the same instant. After a
 * restart on the same data folder, every case whose opening was answered 201 is there.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '#local/dynamodb-local';
import { isAlive } from '#local/processes';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { call, exited, startMain } from './platform-process';

const dataDirs: string[] = [];
const running: ChildProcess[] = [];

afterAll(async () => {
  for (const proc of running) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
  await Promise.all(running.map(exited));
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

async function writeUntilKilled(port: number, kill: () => void): Promise<string[]> {
  const token = (await call(port, 'POST', '/local/token', { username: 'alex' })).body.token as string;
  const now = (await call(port, 'GET', '/local/clock')).body.now as string;
  const answered: string[] = [];
  let killed = false;
  let n = 0;
  const writer = async () => {
    while (!killed) {
      const i = n++;
      try {
        const res = await call(
          port,
          'POST',
          '/processes/initial-health-assessment/cases',
          exampleEntryIntoCare({
            caseReference: `RCC-CRASH-${i}`,
            child: { name: `Alex Crash${i}`, dateOfBirth: '2015-03-03' },
            enteredCareAt: now,
          }),
          token,
        );
        if (res.status === 201) answered.push(res.body.caseId);
        if (answered.length >= 12 && !killed) {
          killed = true;
          kill();
        }
      } catch {
        killed = true; // the connection died with the platform
      }
    }
  };
  await Promise.all([writer(), writer(), writer(), writer()]);
  return answered;
}

describe('writes answered 2xx survive kill -9', () => {
  for (const how of ['the Node process', 'the whole process group'] as const) {
    it(`of ${how}`, async () => {
      // Prepare: a platform with its own data folder, clients writing.
      const dataDir = mkdtempSync(join(tmpdir(), 'righttime-crash-'));
      dataDirs.push(dataDir);
      const port = await freePort();
      const first = await startMain(port, dataDir, { ownProcessGroup: how === 'the whole process group' });
      running.push(first.proc);
      const javaPid = Number(readFileSync(join(dataDir, 'dynamodb.pid'), 'utf8'));

      // Act: SIGKILL right after the 12th 201, then start again on the same folder.
      const answered = await writeUntilKilled(port, () =>
        how === 'the Node process' ? first.proc.kill('SIGKILL') : process.kill(-first.proc.pid!, 'SIGKILL'),
      );
      await exited(first.proc);
      for (let i = 0; i < 100 && isAlive(javaPid); i++) await new Promise((r) => setTimeout(r, 50));
      const javaWentWithIt = !isAlive(javaPid);
      const second = await startMain(port, dataDir);
      running.push(second.proc);

      // Assess: DynamoDB Local did not outlive the platform, and every case answered 201 is there.
      expect(javaWentWithIt).toBe(true);
      expect(answered.length).toBeGreaterThanOrEqual(12);
      const token = (await call(port, 'POST', '/local/token', { username: 'alex' })).body.token as string;
      const missing: string[] = [];
      for (const caseId of answered)
        if ((await call(port, 'GET', `/cases/${caseId}`, undefined, token)).status !== 200) missing.push(caseId);
      expect(missing).toEqual([]);
      second.proc.kill('SIGTERM');
      await exited(second.proc);
    }, 240_000);
  }
});
