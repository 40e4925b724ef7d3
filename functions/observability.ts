/**
 * One structured logger for every RightTime Lambda (AWS Lambda Powertools), attached to each handler as
 * middy middleware (`injectLambdaContext`). The metrics writer is ./metrics.ts, for the handlers that
 * publish metrics.
 *
 * What may be logged: ids (event, message, case), counts, outcomes, error kinds and where they were
 * thrown. Never a value from a request or a case (names, dates of birth, addresses, free text), nor an
 * error's message where it may repeat one: see `errorKind`. The correlation id is the event's id
 * (or API Gateway's request id), never a payload field.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const SERVICE_NAME = 'righttime';
/**
 * The CloudWatch namespace of RightTime's own metrics (infra/monitoring.ts
 * alarms on them; ./metrics.ts writes them).
 */
export const METRICS_NAMESPACE = 'RightTime';

/** Where each handler finds its correlation id in its Lambda event: dotted property names (valueAtPath). */
export const CORRELATION_ID_PATHS = {
  /** API Gateway HTTP API: the request's id (the event id is made from the request inside the app). */
  api: 'requestContext.requestId',
  /** The decide task: the RightTime event id, beside (never inside) the event's payload. */
  decide: 'event.eventId',
  /** EventBridge (the sweeper's schedule): the scheduled event's id. */
  scheduled: 'id',
} as const;

/**
 * The value at a dotted path (`requestContext.requestId`) in a Lambda event, or undefined: how the
 * logger finds a correlation id. Written here because every path above is a plain dotted name, and
 * Powertools' JMESPath `search` would bring its whole parser and interpreter (23 KiB, a tenth of a
 * bundle, parsed at every cold start) into each of the four Lambda bundles for them.
 */
export function valueAtPath(path: string, data: unknown): unknown {
  let value = data;
  for (const name of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

export const logger = new Logger({ serviceName: SERVICE_NAME, correlationIdSearchFn: valueAtPath });

/**
 * The options every handler passes to `injectLambdaContext`: never log the
 * event, and forget keys between invocations.
 */
export function loggerOptions(correlationIdPath?: string) {
  return { logEvent: false, resetKeys: true, ...(correlationIdPath ? { correlationIdPath } : {}) };
}

/**
 * What may be logged of an error: its kind, the HTTP status and request id of an AWS SDK error, and
 * where it was thrown (stack frames only). Not its message: a message may repeat a request's values
 * (a date derived from a date of birth, a name), so it is left out.
 */
export function errorKind(error: unknown): { name: string; status?: number; awsRequestId?: string; at?: string[] } {
  if (!(error instanceof Error)) return { name: typeof error };
  const metadata = (error as { $metadata?: { httpStatusCode?: number; requestId?: string } }).$metadata;
  // An HTTP client's error (GOV.UK Notify's client uses axios) carries its status on the response.
  const status = metadata?.httpStatusCode ?? (error as { response?: { status?: unknown } }).response?.status;
  const at = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 5)
    .map((line) => line.trim());
  return {
    name: error.name,
    ...(typeof status === 'number' ? { status } : {}),
    ...(metadata?.requestId ? { awsRequestId: metadata.requestId } : {}),
    ...(at.length ? { at } : {}),
  };
}
