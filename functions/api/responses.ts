import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import type { FieldIssue } from '#core/process/model';

export type Result = Exclude<APIGatewayProxyResultV2, string> & { statusCode: number };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): Result {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body, null, 2),
  };
}

/** zod issues as field path and reason; an unknown field is named in the path. */
export function issuesFrom(
  zodIssues: readonly { path: readonly PropertyKey[]; message: string; code?: string; keys?: readonly string[] }[],
  prefix: string[] = [],
): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of zodIssues) {
    const base = [...prefix, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const k of issue.keys)
        out.push({ path: [...base, k].join('.'), message: 'is not a field this record accepts, so it was not stored' });
    } else {
      out.push({ path: base.join('.') || '(body)', message: issue.message });
    }
  }
  return out;
}
