/**
 * `npm start`'s process killed with SIGKILL and started again: every case and timer is still there, and
 * timers that fell due while it was down fire in due order, marked late.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '#local/dynamodb-local';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { startMain } from '../reliability/platform-process';

const dataDir = mkdtempSync(join(tmpdir(), 'righttime-restart-'));
let child: ChildProcess | undefined;

/** `npm start`'s program on `port`, with this test's data folder. */
async function start(port: number): Promise<ChildProcess> {
  return (await startMain(port, dataDir)).proc;
}

async function call(port: number, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

afterAll(async () => {
  // A clean stop: the platform stops its DynamoDB Local and releases the data folder.
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the local runtime survives kill -9', () => {
  it('keeps every case and timer, and fires the ones that fell due while it was down in order, marked late', async () => {
    // Prepare: a running platform with one child in care.
    const port = await freePort();
    child = await start(port);
    const { body: signedIn } = await call(port, 'POST', '/local/token', { username: 'alex' });
    const now = (await call(port, 'GET', '/local/clock')).body.now as string;
    const opened = await call(
      port,
      'POST',
      '/processes/initial-health-assessment/cases',
      exampleEntryIntoCare({
        caseReference: 'RCC-KILL-9',
        child: { name: 'Kit Restart', dateOfBirth: '2014-01-01' },
        enteredCareAt: now,
      }),
      signedIn.token,
    );
    expect(opened.status).toBe(201);
    const { caseId } = opened.body;

    // Act: kill it without warning; while it is down, 8 weeks pass (the clock file is its notion of time).
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const clockFile = join(dataDir, 'clock.json');
    const { offsetMs } = existsSync(clockFile)
      ? (JSON.parse(readFileSync(clockFile, 'utf8')) as { offsetMs: number })
      : { offsetMs: 0 };
    writeFileSync(clockFile, JSON.stringify({ offsetMs: offsetMs + 56 * 86_400_000 }));
    child = await start(port);

    // Assess: the case is there, its overdue timers fired in due order and were marked late.
    const { body: sam } = await call(port, 'POST', '/local/token', { username: 'sam' });
    const view = await call(port, 'GET', `/cases/${caseId}`, undefined, sam.token);
    expect(view.status).toBe(200);
    expect(view.body.clocks.map((c: { status: string }) => c.status)).toEqual(['breached', 'breached']);
    expect(view.body.upcoming.map((t: { checkpoint: string }) => t.checkpoint)).toEqual(['adulthood']);
    const { body: timeline } = await call(port, 'GET', `/cases/${caseId}/timeline`, undefined, sam.token);
    const breaches = timeline.timeline.filter(
      (t: { kind: string }) => t.kind === 'clockBreached' || t.kind === 'escalated',
    );
    expect(breaches.map((t: { at: string }) => t.at)).toEqual([...breaches.map((t: { at: string }) => t.at)].sort());
    expect(breaches.length).toBe(3); // request due, assessment due, escalation
    for (const entry of timeline.timeline.filter(
      (t: { by: { userId: string } }) => t.by.userId === 'righttime-scheduler',
    ))
      expect(entry.late).toBe(true);
    const inbox = (await call(port, 'GET', `/local/inbox?caseCode=${opened.body.caseCode}`)).body;
    expect(inbox.count).toBe(14); // 2 at entry + 12 alerts (day 3, 5, 10, 15, 20, 25)
    const timers = readFileSync(join(dataDir, 'inbox.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const alerts = timers.filter((m: { caseId: string }) => m.caseId === caseId).slice(2);
    expect(alerts.map((m: { createdAt: string }) => m.createdAt)).toEqual(
      [...alerts.map((m: { createdAt: string }) => m.createdAt)].sort(),
    );
  }, 240_000);
});
