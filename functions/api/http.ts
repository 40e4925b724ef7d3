/**
 * What every route shares: the request as API Gateway (HTTP API, payload v2) hands it over, the signed-in
 * actor, path parameters and JSON bodies with their size limits.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Actor, Role } from '#core/identity/actor';
import type * as z from '#core/schema/zod';
import type { Claims } from './claims';
import { invalid, Problem } from './problem';
import type { Result } from './responses';

export type ApiEvent = Pick<
  APIGatewayProxyEventV2WithJWTAuthorizer,
  'rawPath' | 'body' | 'headers' | 'queryStringParameters' | 'isBase64Encoded'
> & {
  requestContext: { http: { method: string }; authorizer?: { jwt?: { claims?: Claims } } };
};

export interface ApiRequest {
  actor: Actor;
  event: ApiEvent;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  query: Record<string, string | undefined>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT';

/** One route of the API: found by its path, documented by its summary, testable alone. */
export interface Route {
  method: HttpMethod;
  /** API Gateway style, e.g. `/cases/{caseId}/events`. */
  path: string;
  summary: string;
  /** Who may call it, as documentation (the handler checks, and the process rules check again). */
  roles: readonly Role[] | 'any signed-in user' | 'by event type' | 'by process';
  /**
   * The JSON body the route takes, as the zod schema its handler parses it with: the OpenAPI document
   * describes it from this (functions/api/openapi.ts). Event bodies come from the catalogue instead.
   */
  body?: { name: string; description: string; schema: z.ZodMiniType };
  /** The answer; a refusal is thrown as a Problem (./problem.ts), which the API's error middleware answers. */
  handler(request: ApiRequest): Promise<Result>;
}

/** Body limits: records are small; a police batch of 1,000 children and a national register import are not. */
export const BODY_LIMIT = {
  record: 64 * 1024,
  submission: 2 * 1024 * 1024,
  directoryImport: 5 * 1024 * 1024,
} as const;

/**
 * The routes of the table that functions of their own serve, by function; API Gateway sends these to
 * them and every other route to the API's (infra/http-api.ts), and the local runtime routes them alike
 * (local/platform.ts). Each holds what the API's bundle leaves out: the file imports their files' readers
 * (csv-parse, ical.js: ./imports.ts), the figures the board's measures and the suppression step
 * (./figures.ts). docs/decisions.md says why.
 */
export const ROUTES_ELSEWHERE = {
  imports: [
    { method: 'POST', path: '/schools/import' },
    { method: 'POST', path: '/term-calendars/import' },
  ],
  figures: [
    { method: 'GET', path: '/processes/{process}/figures' },
    { method: 'GET', path: '/measures' },
    { method: 'GET', path: '/board/{year}' },
  ],
} as const satisfies Record<string, readonly { method: Route['method']; path: string }[]>;

/** A function of its own, by the routes it serves. */
export type ServedElsewhere = keyof typeof ROUTES_ELSEWHERE;

/** Does a path (`/board/2026`) fall under a route's path (`/board/{year}`)? */
const under = (template: string, path: string) =>
  new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path);

/**
 * The function of its own that serves a route of the table (`{ method, path: '/board/{year}' }`), or a
 * request (`{ method, path: '/board/2026' }`); undefined for the API's own.
 */
export function servedElsewhere(route: { method: string; path: string }): ServedElsewhere | undefined {
  return (Object.keys(ROUTES_ELSEWHERE) as ServedElsewhere[]).find((fn) =>
    ROUTES_ELSEWHERE[fn].some((r) => r.method === route.method && (r.path === route.path || under(r.path, route.path))),
  );
}

/** The largest body any route accepts: the local server reads up to this (API Gateway takes 10 MB). */
export const LARGEST_BODY = Math.max(...Object.values(BODY_LIMIT));

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`);

export function tooLarge(maxBytes: number): Problem {
  return new Problem(
    413,
    'bodyTooLarge',
    `The request body is too large; this route takes at most ${sizeText(maxBytes)}`,
    {
      issues: [{ path: '(body)', message: `must be at most ${sizeText(maxBytes)}` }],
    },
  );
}

/**
 * Whether a Content-Type header says JSON: `application/json` or a `+json` type, with any parameters
 * (`; charset=utf-8`). No header at all is taken as JSON: API Gateway passes none on for some clients,
 * and the pages and the local runtime call the API in-process without one. Header names arrive
 * lower-cased (API Gateway's HTTP API lower-cases them; the local server does too).
 */
const contentType = (headers: ApiEvent['headers']) =>
  headers?.['content-type'] ??
  Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];

export function saysJson(headers: ApiEvent['headers']): boolean {
  const value = contentType(headers);
  if (value === undefined) return true;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** 415 for a body sent as anything but JSON (curl's `-d` sends `application/x-www-form-urlencoded` unless told). */
export function notJson(headers: ApiEvent['headers']): Problem {
  const sent = contentType(headers)?.split(';')[0]?.trim() ?? '';
  return new Problem(
    415,
    'unsupportedMediaType',
    `This route takes a JSON body, sent with Content-Type: application/json (this request said ` +
      `'${sent.slice(0, 80)}'); nothing was recorded`,
    { issues: [{ path: 'Content-Type', message: 'must be application/json' }] },
  );
}

/** A JSON object body within the limit; otherwise the 400, 413 or 415 refusing it is thrown. */
export function parseJsonBody(event: ApiEvent, maxBytes: number = BODY_LIMIT.record): Record<string, unknown> {
  if (!saysJson(event.headers)) throw notJson(event.headers);
  if (!event.body)
    throw invalid('invalidBody', 'The request needs a JSON body', [{ path: '(body)', message: 'is missing' }]);
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > maxBytes) throw tooLarge(maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw invalid('invalidBody', 'The request body must be a JSON object', [
      { path: '(body)', message: 'is not a JSON object' },
    ]);
  return value as Record<string, unknown>;
}

/** Each path parameter percent-decoded; a malformed one is a 400 naming it. */
export function decodeParams(raw: Record<string, string | undefined>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    try {
      params[name] = decodeURIComponent(value);
    } catch {
      throw invalid('invalidPath', 'The address is not valid', [
        { path: name, message: 'has malformed percent-encoding' },
      ]);
    }
  }
  return params;
}
