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

/** The API's answer: its status and its body as JSON (text when it is not JSON), of the type the caller names. */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

/** A field the API refused, and why. */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * The body of a refusal (4xx) or a failure (5xx): an RFC 9457 problem (functions/api/problem.ts), as far as
 * the pages read it; any member may be missing.
 */
export interface ApiRefusal {
  code?: unknown;
  detail?: unknown;
  issues?: unknown;
}

/** The body of a recorded event or an opened case (200, 201, 202), as far as the pages read it. */
export interface RecordedAnswer {
  caseId?: string;
  caseCode?: string;
  outcome?: string;
}

/** A case as GET /cases/{caseId} answers it, as far as the pages read it. */
export interface CaseAnswer {
  caseId: string;
  caseCode: string;
  process: string;
  definitionVersion?: number;
  status: 'open' | 'closed';
  clocks: unknown[];
  details: unknown;
  /** The equality monitoring fields the council gave at opening, if any (core/schema/about-child.ts). */
  aboutChild?: unknown;
  /** The council gave the child's person id: GET /cases/{caseId}/related lists the child's other cases. */
  linkedAcrossProcesses?: boolean;
}

/** The API's refusal, when the answer is one: its code, its words for people (`detail`) and the fields at fault. */
export function issuesOf(answer: ApiAnswer): { code: string; message: string; issues: FieldIssue[] } | undefined {
  const problem = answer.body as ApiRefusal | null | undefined;
  return answer.status >= 400 && problem && typeof problem === 'object' && typeof problem.code === 'string'
    ? {
        code: problem.code,
        message: String(problem.detail ?? ''),
        issues: Array.isArray(problem.issues) ? problem.issues : [],
      }
    : undefined;
}

export interface UserApi {
  get<T = unknown>(path: string, query?: Record<string, string>): Promise<ApiAnswer<T>>;
  post<T = unknown>(path: string, body: unknown, options?: { idempotencyKey?: string }): Promise<ApiAnswer<T>>;
  put<T = unknown>(path: string, body: unknown): Promise<ApiAnswer<T>>;
}

/** The API as this person (their claims), e.g. `apiAs(api, claims).get('/cases/' + id)`. */
export function apiAs(api: ApiHandler, claims: Claims): UserApi {
  // The body is the API's JSON; the caller names its shape (the API's own, as openapi.json describes it).
  async function call<T>(
    method: string,
    path: string,
    query: Record<string, string> = {},
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> {
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
    return { status: result.statusCode, body: parsed as T };
  }
  return {
    get: <T>(path: string, query?: Record<string, string>) => call<T>('GET', path, query),
    post: <T>(path: string, body: unknown, options?: { idempotencyKey?: string }) =>
      call<T>('POST', path, {}, body, options?.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
    put: <T>(path: string, body: unknown) => call<T>('PUT', path, {}, body),
  };
}

/** Path segments are encoded: an id typed into an address never changes which route answers. */
export const segment = (value: string) => encodeURIComponent(value);
