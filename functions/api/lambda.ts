/** An API Lambda (the API's, the imports'): a thin middy adapter around what answers its events. */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { CORRELATION_ID_PATHS, errorKind, logger, loggerOptions } from '../observability';
import { lazy } from '../runtime';
import type { ApiEvent } from './http';
import { Problem } from './problem';
import type { Result } from './responses';

/**
 * Any error a route did not answer as a Problem (./router.ts answers those): logged by its kind and where
 * it was thrown, never the request nor the error's message (either may hold personal data), and answered
 * 500 as a problem like any other.
 */
export const internalErrors = {
  onError: async (request: { error: unknown; response: unknown }) => {
    logger.error('The API could not handle a request', { error: errorKind(request.error) });
    request.response = new Problem(
      500,
      'internalError',
      'Something went wrong on our side; nothing was half-recorded. Please try again.',
    ).response();
  },
};

/** The Lambda handler around `make`'s answerer, made at the first request and kept for the container's life. */
export function apiLambda(make: () => (event: ApiEvent) => Promise<Result>) {
  const answer = lazy(make);
  return middy<APIGatewayProxyEventV2WithJWTAuthorizer>()
    .use(injectLambdaContext(logger, loggerOptions(CORRELATION_ID_PATHS.api)))
    .use(internalErrors)
    .handler(async (event) => answer()(event as unknown as ApiEvent));
}
