/**
 * Refusals and failures, thrown once and answered once. A route handler, or any helper it calls, throws a
 * `Problem` (status, code, what went wrong in words, the fields at fault); the API's one error middleware
 * (`answerProblems` in ./app.ts, which the Lambda, the pages and the local runtime all go through) audits
 * it if it is a refusal and answers it as an RFC 9457 problem:
 *
 *   HTTP/1.1 404
 *   content-type: application/problem+json
 *   { "type": "about:blank", "title": "Not Found", "status": 404, "detail": "There is no case iha-7k3f-9q2m",
 *     "code": "caseNotFound", "issues": [] }
 *
 * `type` is `about:blank` and `title` the status's phrase (RFC 9457 section 4.2.1): what kind of problem
 * it is, for a program, is the extension member `code`; `detail` says it to a person; `issues` names each
 * field at fault (`path`) with its reason (`message`), and is always there (empty when no field is). A
 * problem may carry more members (`eventId`, `leftOut`, ...), never in place of those.
 */
import type { FieldIssue } from '#core/process/model';
import { json, type Result } from './responses';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The status phrases (RFC 9110 section 15) of the statuses the API answers with: a problem's `title`. */
const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The members RFC 9457 defines and the two every RightTime problem has: no extra member may take their place. */
const MEMBERS = ['type', 'title', 'status', 'detail', 'instance', 'code', 'issues'];

/** A problem's body, as the API sends it. */
export interface ProblemBody {
  type: 'about:blank';
  title: string;
  status: number;
  detail: string;
  code: string;
  issues: FieldIssue[];
  [extra: string]: unknown;
}

export interface ProblemOptions {
  /** Each field at fault and its reason. */
  issues?: readonly FieldIssue[];
  /** Members besides the standard ones, e.g. `{ eventId }` for an event the rules refused. */
  extra?: Record<string, unknown>;
  /** Response headers besides the content type, e.g. `{ 'retry-after': '2' }`. */
  headers?: Record<string, string>;
}

/** A refusal to audit: what was refused, and the case it was about, if any. Never part of the answer. */
export interface RefusalAudit {
  what: string;
  caseId?: string;
}

export class Problem extends Error {
  readonly issues: readonly FieldIssue[];
  readonly extra: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
  /** The refusals to audit (`audited`): the error middleware writes each to the audit trail as the request's actor. */
  readonly audits: readonly RefusalAudit[];

  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    options: ProblemOptions = {},
    audits: readonly RefusalAudit[] = [],
  ) {
    super(detail);
    this.name = 'Problem';
    if (!TITLES[status]) throw new Error(`A problem's status must be one the API answers with, not ${status}`);
    const clash = Object.keys(options.extra ?? {}).filter((k) => MEMBERS.includes(k));
    if (clash.length) throw new Error(`A problem's extra members may not replace ${clash.join(', ')}`);
    this.issues = options.issues ?? [];
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
    this.audits = audits;
  }

  /**
   * The same answer, for a refusal that is audited with its reason. The answer is unchanged, so a 404 for
   * what someone may not see is, byte for byte, the 404 for what does not exist.
   */
  audited(what: string, caseId?: string): Problem {
    return this.withAudits([{ what, ...(caseId ? { caseId } : {}) }]);
  }

  /** The same answer, auditing these refusals too (e.g. a batch refused for the refusals of its items). */
  withAudits(audits: readonly RefusalAudit[]): Problem {
    return new Problem(
      this.status,
      this.code,
      this.detail,
      { issues: this.issues, extra: this.extra, headers: this.headers },
      [...this.audits, ...audits],
    );
  }

  /** The RFC 9457 body. */
  body(): ProblemBody {
    return {
      type: 'about:blank',
      title: TITLES[this.status]!,
      status: this.status,
      detail: this.detail,
      code: this.code,
      issues: [...this.issues],
      ...this.extra,
    };
  }

  /** The answer: the body as `application/problem+json`, with the problem's headers. */
  response(): Result {
    return json(this.status, this.body(), { ...this.headers, 'content-type': PROBLEM_CONTENT_TYPE });
  }
}

/**
 * 403, audited: a role that may never do this, whatever it names (so the answer reveals no record), or an
 * opening that names another organisation where it must name the opener's own (that field in `issues`).
 */
export function notPermitted(
  what: string,
  message: string,
  options: { caseId?: string; issues?: readonly FieldIssue[] } = {},
): Problem {
  return new Problem(403, 'notPermitted', message, options.issues ? { issues: options.issues } : {}).audited(
    what,
    options.caseId,
  );
}

/** 400: the input is not valid, each field at fault named with its reason (and any members more, `extra`). */
export function invalid(
  code: string,
  message: string,
  issues: readonly FieldIssue[],
  extra: Record<string, unknown> = {},
): Problem {
  return new Problem(400, code, message, { issues, extra });
}
