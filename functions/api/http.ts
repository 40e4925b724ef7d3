/**
 * What every route shares: the request as API Gateway (HTTP API, payload v2) hands it over, the signed-in
 * actor, path parameters and JSON bodies with their size limits.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type * as z from 'zod';
import type { Actor, Role } from '#core/identity/actor';
import type { Claims } from './claims';
import { problem, type Result } from './responses';

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
  body?: { name: string; description: string; schema: z.ZodType };
  handler(request: ApiRequest): Promise<Result>;
}

/** Body limits: records are small; a police batch of 1,000 children and a national register import are not. */
export const BODY_LIMIT = {
  record: 64 * 1024,
  submission: 2 * 1024 * 1024,
  directoryImport: 5 * 1024 * 1024,
} as const;

/** The largest body any route accepts: the local server reads up to this (API Gateway takes 10 MB). */
export const LARGEST_BODY = Math.max(...Object.values(BODY_LIMIT));

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`);

export function tooLarge(maxBytes: number): Result {
  return problem(413, 'bodyTooLarge', `The request body is too large; this route takes at most ${sizeText(maxBytes)}`, [
    { path: '(body)', message: `must be at most ${sizeText(maxBytes)}` },
  ]);
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
export function notJson(headers: ApiEvent['headers']): Result {
  const sent = contentType(headers)?.split(';')[0]?.trim() ?? '';
  return problem(
    415,
    'unsupportedMediaType',
    `This route takes a JSON body, sent with Content-Type: application/json (this request said ` +
      `'${sent.slice(0, 80)}'); nothing was recorded`,
    [{ path: 'Content-Type', message: 'must be application/json' }],
  );
}

/** A JSON object body within the limit, or the 400/413/415 refusing it. */
export function parseJsonBody(
  event: ApiEvent,
  maxBytes: number = BODY_LIMIT.record,
): { ok: true; value: Record<string, unknown> } | { ok: false; result: Result } {
  if (!saysJson(event.headers)) return { ok: false, result: notJson(event.headers) };
  if (!event.body)
    return {
      ok: false,
      result: problem(400, 'invalidBody', 'The request needs a JSON body', [{ path: '(body)', message: 'is missing' }]),
    };
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > maxBytes) return { ok: false, result: tooLarge(maxBytes) };
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return {
      ok: false,
      result: problem(400, 'invalidBody', 'The request body must be a JSON object', [
        { path: '(body)', message: 'is not a JSON object' },
      ]),
    };
  }
}

/** Percent-decode each path parameter; a malformed one is a 400 naming it. */
export function decodeParams(
  raw: Record<string, string | undefined>,
): { ok: true; params: Record<string, string> } | { ok: false; result: Result } {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    try {
      params[name] = decodeURIComponent(value);
    } catch {
      return {
        ok: false,
        result: problem(400, 'invalidPath', 'The address is not valid', [
          { path: name, message: 'has malformed percent-encoding' },
        ]),
      };
    }
  }
  return { ok: true, params };
}
