/**
 * DynamoDB Local dies under a running platform: while it is down every request that needs the store gets
 * 503 with Retry-After and a JSON error, the platform starts it again by itself on the same port and data
 * folder, and requests succeed again without anyone restarting anything.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSignIn } from '#local/auth';
import { type Platform, startPlatform } from '#local/platform';
import { commandLineOf, isAlive } from '#local/processes';
import { createLocalServer } from '#local/server';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { call } from './platform-process';

const dataDir = mkdtempSync(join(tmpdir(), 'righttime-store-restart-'));
let platform: Platform;
let server: Server;
let port: number;
let token: string;

beforeAll(async () => {
  platform = await startPlatform({ dataDir, startAt: new Date('2027-03-01T10:00:00Z'), frozen: true });
  const signIn = new LocalSignIn(dataDir);
  server = createLocalServer(platform, signIn);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
  token = (await call(port, 'POST', '/local/token', { username: 'alex' })).body.token;
});

afterAll(async () => {
  server?.close();
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const openCase = (n: number) =>
  call(
    port,
    'POST',
    '/processes/initial-health-assessment/cases',
    exampleEntryIntoCare({
      caseReference: `RCC-STORE-${n}`,
      child: { name: `Robin Store${n}`, dateOfBirth: '2016-02-02' },
      enteredCareAt: '2027-03-01T09:00:00Z',
    }),
    token,
  );

describe('DynamoDB Local dies under a running platform', () => {
  it('answers 503 with Retry-After while it is down, starts it again by itself and carries on', async () => {
    // Prepare: a working platform; the Java process serving its data folder.
    const before = await openCase(1);
    expect(before.status).toBe(201);
    const javaPid = Number(readFileSync(join(dataDir, 'dynamodb.pid'), 'utf8'));
    expect(commandLineOf(javaPid)).toEqual(expect.arrayContaining(['-dbPath', join(dataDir, 'dynamodb')]));

    // Act: kill it without warning, and ask while it is down.
    process.kill(javaPid, 'SIGKILL');
    for (let i = 0; i < 100 && platform.health().store === 'up'; i++) await new Promise((r) => setTimeout(r, 20));
    const whileDown = await openCase(2);
    const readWhileDown = await call(port, 'GET', `/cases/${before.body.caseId}`, undefined, token);

    // Assess: 503, try again in 2 s, nothing recorded; then the platform recovers within a bounded time.
    expect(platform.health().store).toBe('restarting');
    expect(isAlive(javaPid)).toBe(false);
    expect(whileDown.status).toBe(503);
    expect(whileDown.headers.get('retry-after')).toBe('2');
    expect(whileDown.headers.get('content-type')).toBe('application/problem+json');
    expect(whileDown.body).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: 'The store is restarting; try again in a moment; nothing was recorded.',
      code: 'storeRestarting',
      issues: [],
    });
    expect(readWhileDown.status).toBe(503);
    expect(readWhileDown.headers.get('retry-after')).toBe('2');

    const started = Date.now();
    let after = await openCase(2);
    while (after.status === 503 && Date.now() - started < 30_000) {
      expect(after.headers.get('retry-after')).toBe('2');
      await new Promise((r) => setTimeout(r, 250));
      after = await openCase(2);
    }
    expect(after.status).toBe(201);
    expect(platform.health()).toEqual({ store: 'up', storeRestarts: 1 });
    const newJavaPid = Number(readFileSync(join(dataDir, 'dynamodb.pid'), 'utf8'));
    expect(newJavaPid).not.toBe(javaPid);
    expect(commandLineOf(newJavaPid)).toEqual(expect.arrayContaining(['-dbPath', join(dataDir, 'dynamodb')]));
    // What was written before the crash is still there, and so is what was written after.
    expect((await call(port, 'GET', `/cases/${before.body.caseId}`, undefined, token)).status).toBe(200);
    expect((await call(port, 'GET', `/cases/${after.body.caseId}`, undefined, token)).status).toBe(200);
  }, 120_000);
});
