/**
 * The local HTTP server on loopback: the API (behind local sign-in, as API Gateway's JWT authorizer
 * would be), plus the local-only routes: sign-in for demo users, the controllable clock and the inbox.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import * as z from '#core/schema/zod';
import type { ApiEvent } from '#functions/api/app';
import { LARGEST_BODY } from '#functions/api/http';
import { invalid, Problem } from '#functions/api/problem';
import { issuesFrom, type Result } from '#functions/api/responses';
import { errorKind } from '#functions/observability';
import type { WebHandler } from '#web/app';
import { demoUsers, type LocalSignIn } from './auth';
import { advanceSchema, advanceTarget } from './clock-moves';
import { homePage } from './home-page';
import type { Platform } from './platform';
import { localWeb } from './web';

export { advanceTarget } from './clock-moves';

/**
 * The local server reads bodies up to this by default: at least the API's largest route limit,
 * and room for a national school register.
 */
export const LOCAL_BODY_LIMIT = Math.max(LARGEST_BODY, 16 * 1024 * 1024);

/**
 * Past the limit the rest of a body is read and thrown away (so the connection can carry the next request) up
 * to this much; beyond, the connection is closed.
 */
const DRAIN_AT_MOST = 64 * 1024 * 1024;

type BodyRead = { ok: true; body: Buffer } | { ok: false; received: number; drained: boolean };

/**
 * The whole body, or, past `limit`, the fact that it was too large. A body declared too large by its
 * Content-Length is refused without reading it when it is bigger than we would drain.
 */
function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit + DRAIN_AT_MOST)
    return Promise.resolve({ ok: false, received: declared, drained: false });
  return new Promise((resolveRead, rejectRead) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (result: BodyRead) => {
      if (finished) return;
      finished = true;
      req.off('data', onData);
      resolveRead(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (chunks.length) chunks.length = 0; // keep counting, stop keeping
      if (size > limit + DRAIN_AT_MOST) {
        req.pause();
        finish({ ok: false, received: size, drained: false });
      }
    };
    req.on('data', onData);
    req.once('end', () =>
      finish(size <= limit ? { ok: true, body: Buffer.concat(chunks) } : { ok: false, received: size, drained: true }),
    );
    const fail = (error: Error) => {
      if (finished) return;
      finished = true;
      rejectRead(error);
    };
    req.once('error', fail);
    req.once('close', () => fail(new Error('The client closed the connection before sending the whole body')));
  });
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(2)} MiB` : `${+(bytes / 1024).toFixed(2)} KiB`;

/** 413 naming the limit, as the API words it. */
function bodyTooLarge(limit: number): Result {
  return new Problem(
    413,
    'bodyTooLarge',
    `The request body is too large; this server takes at most ${sizeText(limit)} (${limit} bytes)`,
    { issues: [{ path: '(body)', message: `must be at most ${sizeText(limit)}` }], extra: { limitBytes: limit } },
  ).response();
}

/** While the store is down: 503, try again shortly. */
function storeRestarting(recorded: 'nothing' | 'unknown'): Result {
  const message =
    recorded === 'nothing'
      ? 'The store is restarting; try again in a moment; nothing was recorded.'
      : 'The store stopped while this request was being handled and is restarting; try again in a moment. ' +
        'It may or may not have been recorded: opening a case, or any request sent with an ' +
        'Idempotency-Key, can be repeated safely and is recorded once.';
  return new Problem(503, 'storeRestarting', message, { headers: { 'retry-after': '2' } }).response();
}

/** Connection-level failures reaching DynamoDB Local (it is down, restarting, or died mid-request). */
function isStoreUnreachable(error: unknown): boolean {
  for (
    let e = error as (Error & { code?: string; cause?: unknown }) | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ENOTCONN'].includes(e.code ?? ''))
      return true;
    if (e.name === 'TimeoutError' || /socket hang up|ECONNREFUSED|ECONNRESET/.test(e.message ?? '')) return true;
  }
  return false;
}

function send(res: ServerResponse, result: Result) {
  res.writeHead(result.statusCode, result.headers as Record<string, string>);
  res.end(result.body ?? '');
}

/** Local routes answer on one line (easy to pick apart in a shell); the inbox is indented to be read. */
function jsonResult(statusCode: number, body: unknown, indent = false): Result {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body, null, indent ? 2 : undefined),
  };
}

export interface LocalServerOptions {
  /** The largest request body read, in bytes; at least the API's largest route limit (default LOCAL_BODY_LIMIT). */
  maxBodyBytes?: number;
  /** The pages under /app (default: local/web.ts with a session key made afresh in memory). */
  web?: WebHandler;
}

export function createLocalServer(platform: Platform, signIn: LocalSignIn, options: LocalServerOptions = {}): Server {
  const maxBodyBytes = options.maxBodyBytes ?? LOCAL_BODY_LIMIT;
  if (maxBodyBytes < LARGEST_BODY)
    throw new Error(`maxBodyBytes (${maxBodyBytes}) must be at least the API's largest route limit (${LARGEST_BODY})`);
  const web = options.web ?? localWeb(platform);
  return createServer(async (req, res) => {
    // Requests that reach the store: a failure while it is down is a 503 to retry, not a 500.
    let usesStore = false;
    let restartsBefore = platform.health().storeRestarts;
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = (req.method ?? 'GET').toUpperCase();
      try {
        decodeURIComponent(url.pathname);
      } catch {
        req.resume();
        throw invalid('invalidPath', 'The address is not valid', [
          { path: '(path)', message: 'has malformed percent-encoding' },
        ]);
      }
      let body = '';
      // The bytes as sent, for the pages: a file uploaded in a form is read in its own encoding there.
      let bytes: Buffer | undefined;
      if (method !== 'GET' && method !== 'HEAD') {
        const read = await readBody(req, maxBodyBytes);
        if (!read.ok) {
          // Drained: the connection carries on. Not drained (far too large): answer, then close it.
          if (!read.drained) res.setHeader('connection', 'close');
          send(res, bodyTooLarge(maxBodyBytes));
          if (!read.drained) res.once('finish', () => req.socket.destroySoon());
          return;
        }
        bytes = read.body;
        body = read.body.toString('utf8');
      }
      const isPage = url.pathname === '/app' || url.pathname.startsWith('/app/');
      const needsStore =
        !(
          method === 'GET' &&
          (url.pathname === '/' ||
            url.pathname === '/local/users' ||
            url.pathname === '/local/clock' ||
            url.pathname.startsWith('/app/assets/'))
        ) && url.pathname !== '/local/token';
      if (needsStore) {
        usesStore = true;
        restartsBefore = platform.health().storeRestarts;
        if (platform.health().store === 'restarting') return send(res, storeRestarting('nothing'));
      }
      const parseJson = (): unknown => {
        try {
          return body ? JSON.parse(body) : {};
        } catch {
          return Symbol.for('invalid');
        }
      };

      // The pages (web/): their own paths under /app, signed in by a session cookie, not a bearer token.
      if (isPage) {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
        const page = await web({
          method,
          path: url.pathname,
          query: url.searchParams,
          headers,
          ...(bytes ? { body: bytes } : {}),
        });
        if (page.cookies?.length) res.setHeader('set-cookie', page.cookies);
        res.writeHead(page.status, page.headers);
        return res.end(page.body);
      }
      if (method === 'GET' && url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(homePage(platform));
      }
      if (method === 'GET' && url.pathname === '/local/users') {
        return send(
          res,
          jsonResult(
            200,
            demoUsers.map(({ username, name, role, organisation }) => ({ username, name, role, organisation })),
            true,
          ),
        );
      }
      if (method === 'POST' && url.pathname === '/local/token') {
        const parsed = z.strictObject({ username: z.string() }).safeParse(parseJson());
        if (!parsed.success) throw invalid('invalidBody', 'Say which demo user', issuesFrom(parsed.error.issues));
        const user = demoUsers.find((u) => u.username === parsed.data.username);
        if (!user)
          throw invalid('unknownUser', 'No such demo user', [
            { path: 'username', message: `must be one of ${demoUsers.map((u) => u.username).join(', ')}` },
          ]);
        return send(
          res,
          jsonResult(200, {
            token: await signIn.token(user),
            user: { username: user.username, name: user.name, role: user.role, organisation: user.organisation },
          }),
        );
      }
      if (url.pathname === '/local/clock') {
        if (method === 'GET')
          return send(
            res,
            jsonResult(200, { now: platform.clock.now().toISOString(), offsetMs: platform.clock.offset }),
          );
        if (method === 'POST') {
          const parsed = advanceSchema.safeParse(parseJson());
          if (!parsed.success)
            throw invalid(
              'invalidBody',
              'Say how far to move the clock, e.g. {"advance":{"workingDays":21}} or {"to":"2027-01-20T09:00:00Z"}',
              issuesFrom(parsed.error.issues),
            );
          const target = advanceTarget(platform, parsed.data);
          if (target < platform.clock.now())
            throw invalid('clockBackwards', 'The clock only moves forward', [
              { path: 'to', message: `must be after ${platform.clock.now().toISOString()}` },
            ]);
          const { fired, delivered } = await platform.advanceTo(target);
          return send(
            res,
            jsonResult(200, {
              now: platform.clock.now().toISOString(),
              timersFired: fired,
              messagesDelivered: delivered,
            }),
          );
        }
      }
      if (method === 'GET' && url.pathname === '/local/inbox') {
        await platform.settle();
        const q = url.searchParams;
        const messages = platform.inbox.find({
          to: q.get('to') ?? undefined,
          caseCode: q.get('caseCode') ?? undefined,
          since: q.get('since') ?? undefined,
        });
        return send(res, jsonResult(200, { count: messages.length, messages }, true));
      }

      // Everything else is the API, behind the JWT check API Gateway does in AWS.
      const auth = req.headers.authorization;
      const claims = auth?.startsWith('Bearer ') ? await signIn.verify(auth.slice(7)) : undefined;
      if (!claims) return send(res, jsonResult(401, { message: 'Unauthorized' }));
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
      const event: ApiEvent = {
        rawPath: url.pathname,
        body: body || undefined,
        headers,
        queryStringParameters: Object.fromEntries(url.searchParams),
        isBase64Encoded: false,
        requestContext: { http: { method }, authorizer: { jwt: { claims } } },
      };
      const result = await platform.api(event);
      if (result.statusCode >= 500 && (await storeWentAway())) return send(res, storeRestarting('unknown'));
      return send(res, result);
    } catch (error) {
      // The local routes' refusals, answered as the API answers its own (functions/api/problem.ts).
      if (error instanceof Problem && !res.headersSent) return send(res, error.response());
      if (!res.headersSent && usesStore && (isStoreUnreachable(error) || (await storeWentAway())))
        return send(res, storeRestarting('unknown'));
      console.error(JSON.stringify({ level: 'error', where: 'local-server', ...errorKind(error) }));
      if (!res.headersSent)
        send(
          res,
          new Problem(
            500,
            'internalError',
            'Something went wrong on our side; nothing was half-recorded. Please try again.',
          ).response(),
        );
    }

    /** Did the store go down during this request (it is restarting, was restarted meanwhile, or does not answer)? */
    async function storeWentAway(): Promise<boolean> {
      const health = platform.health();
      if (health.store === 'restarting' || health.storeRestarts !== restartsBefore) return true;
      return !(await platform.storeAnswers());
    }
  });
}
