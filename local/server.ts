/**
 * The local HTTP server on loopback: the API (behind local sign-in, as API Gateway's JWT authorizer
 * would be), plus the local-only routes: sign-in for demo users, the controllable clock and the inbox.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { addHours, endOfLondonDay, londonDateOf, londonTimeOf, londonDateTime } from '#core/calendar/index';
import type { ApiEvent } from '#functions/api/app';
import { issuesFrom, type Result } from '#functions/api/responses';
import { demoUsers, type LocalSignIn } from './auth';
import type { Platform } from './platform';
import { homePage } from './home-page';

const advanceSchema = z.union([
  z.strictObject({ to: z.iso.datetime({ offset: true }) }),
  z.strictObject({
    advance: z
      .strictObject({
        minutes: z.number().int().positive().optional(),
        hours: z.number().int().positive().optional(),
        days: z.number().int().positive().max(3660).optional(),
        workingDays: z.number().int().positive().max(2600).optional(),
      })
      .refine((a) => Object.values(a).filter((v) => v !== undefined).length === 1, 'give exactly one of minutes, hours, days, workingDays'),
  }),
]);

/** Where the clock lands when moved forward. Working days keep the time of day, on the Nth working day after today. */
export function advanceTarget(platform: Platform, body: z.infer<typeof advanceSchema>): Date {
  const now = platform.clock.now();
  if ('to' in body) return new Date(body.to);
  const a = body.advance;
  if (a.minutes) return new Date(now.getTime() + a.minutes * 60_000);
  if (a.hours) return addHours(now, a.hours);
  if (a.days) return new Date(now.getTime() + a.days * 86_400_000);
  const day = platform.runtime.workingDays.addWorkingDays(londonDateOf(now), a.workingDays!);
  const target = londonDateTime(day, londonTimeOf(now));
  return target > now ? target : endOfLondonDay(day);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, result: Result) {
  res.writeHead(result.statusCode, result.headers as Record<string, string>);
  res.end(result.body ?? '');
}

/** Local routes answer on one line (easy to pick apart in a shell); the inbox is indented to be read. */
function jsonResult(statusCode: number, body: unknown, indent = false): Result {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(body, null, indent ? 2 : undefined) };
}

export function createLocalServer(platform: Platform, signIn: LocalSignIn): Server {
  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = (req.method ?? 'GET').toUpperCase();
      const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
      const parseJson = (): unknown => {
        try {
          return body ? JSON.parse(body) : {};
        } catch {
          return Symbol.for('invalid');
        }
      };

      if (method === 'GET' && url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(homePage(platform));
      }
      if (method === 'GET' && url.pathname === '/local/users') {
        return send(res, jsonResult(200, demoUsers.map(({ username, name, role, organisation }) => ({ username, name, role, organisation })), true));
      }
      if (method === 'POST' && url.pathname === '/local/token') {
        const parsed = z.strictObject({ username: z.string() }).safeParse(parseJson());
        if (!parsed.success) return send(res, jsonResult(400, { error: { code: 'invalidBody', message: 'Say which demo user', issues: issuesFrom(parsed.error.issues) } }));
        const user = demoUsers.find((u) => u.username === parsed.data.username);
        if (!user) return send(res, jsonResult(400, { error: { code: 'unknownUser', message: 'No such demo user', issues: [{ path: 'username', message: `must be one of ${demoUsers.map((u) => u.username).join(', ')}` }] } }));
        return send(res, jsonResult(200, { token: await signIn.token(user), user: { username: user.username, name: user.name, role: user.role, organisation: user.organisation } }));
      }
      if (url.pathname === '/local/clock') {
        if (method === 'GET') return send(res, jsonResult(200, { now: platform.clock.now().toISOString(), offsetMs: platform.clock.offset }));
        if (method === 'POST') {
          const parsed = advanceSchema.safeParse(parseJson());
          if (!parsed.success) return send(res, jsonResult(400, { error: { code: 'invalidBody', message: 'Say how far to move the clock, e.g. {"advance":{"workingDays":21}} or {"to":"2027-01-20T09:00:00Z"}', issues: issuesFrom(parsed.error.issues) } }));
          const target = advanceTarget(platform, parsed.data);
          if (target < platform.clock.now()) return send(res, jsonResult(400, { error: { code: 'clockBackwards', message: 'The clock only moves forward', issues: [{ path: 'to', message: `must be after ${platform.clock.now().toISOString()}` }] } }));
          const { fired, delivered } = await platform.advanceTo(target);
          return send(res, jsonResult(200, { now: platform.clock.now().toISOString(), timersFired: fired, messagesDelivered: delivered }));
        }
      }
      if (method === 'GET' && url.pathname === '/local/inbox') {
        await platform.settle();
        const q = url.searchParams;
        const messages = platform.inbox.find({ to: q.get('to') ?? undefined, caseCode: q.get('caseCode') ?? undefined, since: q.get('since') ?? undefined });
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
      return send(res, await platform.api(event));
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', where: 'local-server', error: (error as Error).name, message: (error as Error).message }));
      if (!res.headersSent) send(res, jsonResult(500, { error: { code: 'internalError', message: 'Something went wrong on our side; nothing was half-recorded. Please try again.' } }));
    }
  });
}
