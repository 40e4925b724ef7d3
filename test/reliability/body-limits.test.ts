/**
 * The local server reads what the API accepts and refuses more with a 413 naming the limit, keeping the
 * keep-alive connection usable; a malformed percent-encoded path is a 400, not a 500.
 */
import { Agent, request, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT, LARGEST_BODY } from '#functions/api/http';
import { LocalSignIn } from '#local/auth';
import type { Platform } from '#local/platform';
import { createLocalServer, LOCAL_BODY_LIMIT } from '#local/server';
import { testPlatform } from '../support/platform';

let platform: Platform;
let server: Server;
let port: number;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  platform = await testPlatform({ startAt: new Date('2027-02-01T10:00:00Z'), frozen: true });
  server = createLocalServer(platform, new LocalSignIn());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  agent.destroy();
  server?.close();
  await platform?.stop();
});

/** One request on the shared keep-alive agent; says which local socket port carried it. */
function send(
  method: string,
  path: string,
  body?: Buffer,
): Promise<{ status: number; headers: Record<string, unknown>; body: any; socketPort: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: { 'content-type': 'application/json', ...(body ? { 'content-length': body.length } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: text.startsWith('{') ? JSON.parse(text) : text,
            socketPort: req.socket!.localPort!,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('request bodies and paths at the local server', () => {
  it('reads at least the largest body any API route takes', () => {
    // Prepare / Act: the defaults. Assess: room for a police batch and a national school register.
    expect(LOCAL_BODY_LIMIT).toBeGreaterThanOrEqual(LARGEST_BODY);
    expect(LOCAL_BODY_LIMIT).toBeGreaterThanOrEqual(16 * 1024 * 1024);
    expect(() => createLocalServer(platform, new LocalSignIn(), { maxBodyBytes: LARGEST_BODY - 1 })).toThrow(
      /at least the API's largest route limit/,
    );
  });

  it('passes a 2 MiB police batch to the API instead of refusing it', async () => {
    // Prepare: a body just under the submission limit (the API decides what it means).
    const body = Buffer.from(JSON.stringify({ filler: 'x'.repeat(BODY_LIMIT.submission - 64) }));

    // Act
    const res = await send('POST', '/processes/operation-encompass/cases', body);

    // Assess: the API answered (401: no token), not the local server's size check.
    expect(res.status).toBe(401);
  });

  it('answers 413 naming the limit for a larger body, and the same connection carries the next request', async () => {
    // Prepare: a body one byte over the local limit.
    const body = Buffer.alloc(LOCAL_BODY_LIMIT + 1, 0x20);

    // Act
    const refused = await send('POST', '/schools/import', body);
    const next = await send('GET', '/local/users');

    // Assess
    expect(refused.status).toBe(413);
    expect(refused.body.code).toBe('bodyTooLarge');
    expect(refused.body.detail).toContain('16 MiB');
    expect(refused.body.issues).toEqual([{ path: '(body)', message: 'must be at most 16 MiB' }]);
    expect(refused.body.limitBytes).toBe(LOCAL_BODY_LIMIT);
    expect(next.status).toBe(200);
    expect(next.socketPort).toBe(refused.socketPort);
  }, 60_000);

  it('refuses a body declared far too large without reading it, answering 413 before closing', async () => {
    // Prepare: a raw connection declaring 1 GiB and sending a little of it.
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d));
    const closed = new Promise<void>((r) => socket.on('close', () => r()));

    // Act
    socket.write(
      `POST /schools/import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${1024 ** 3}\r\n\r\n{"schools":[`,
    );
    await closed;

    // Assess
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer).toMatch(/"code": *"bodyTooLarge"/);
  });

  it('answers 400 for malformed percent-encoding in the path', async () => {
    // Act
    const res = await send('GET', '/cases/%E0%A4%A');

    // Assess
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The address is not valid',
      code: 'invalidPath',
      issues: [{ path: '(path)', message: 'has malformed percent-encoding' }],
    });
  });
});
