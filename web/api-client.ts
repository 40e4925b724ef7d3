/**
 * Pages read and write through the API's own route handlers, in-process, as the signed-in person: the
 * same claims the API's JWT authorizer would hand it, so who may see or do what is decided once, by the
 * API (its role and organisation checks, its 404s, its audit), never again here.
 */
import type { ApiEvent } from '#functions/api/app';
import type { Claims } from '#functions/api/claims';
import type { Result } from '#functions/api/responses';

/** The API as one function: an API Gateway (HTTP API v2) event in, its answer out (createApi's handler). */
export type ApiHandler = (event: ApiEvent) => Promise<Result>;

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
}

/** A field the API refused, and why. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The API's refusal body, when it is one. */
export function issuesOf(answer: ApiAnswer): { code: string; message: string; issues: FieldIssue[] } | undefined {
  const error = answer.body?.error;
  return error && typeof error === 'object'
    ? {
        code: String(error.code ?? ''),
        message: String(error.message ?? ''),
        issues: Array.isArray(error.issues) ? error.issues : [],
      }
    : undefined;
}

export interface UserApi {
  get<T = any>(path: string, query?: Record<string, string>): Promise<ApiAnswer<T>>;
  post<T = any>(path: string, body: unknown, options?: { idempotencyKey?: string }): Promise<ApiAnswer<T>>;
  put<T = any>(path: string, body: unknown): Promise<ApiAnswer<T>>;
}

/** The API as this person (their claims), e.g. `apiAs(api, claims).get('/cases/' + id)`. */
export function apiAs(api: ApiHandler, claims: Claims): UserApi {
  async function call(
    method: string,
    path: string,
    query: Record<string, string> = {},
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer> {
    const event: ApiEvent = {
      rawPath: path,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
      queryStringParameters: query,
      isBase64Encoded: false,
      requestContext: { http: { method }, authorizer: { jwt: { claims } } },
    };
    const result = await api(event);
    const text = typeof result.body === 'string' ? result.body : '';
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: kept as text
    }
    return { status: result.statusCode, body: parsed };
  }
  return {
    get: (path, query) => call('GET', path, query),
    post: (path, body, options) =>
      call('POST', path, {}, body, options?.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
    put: (path, body) => call('PUT', path, {}, body),
  };
}

/** Path segments are encoded: an id typed into an address never changes which route answers. */
export const segment = (value: string) => encodeURIComponent(value);
