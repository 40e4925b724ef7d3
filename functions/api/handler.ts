/** The API Lambda: a thin middy adapter around createApi. SDK clients are created once per container. */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { checkPartnership } from '#core/process/catalogue';
import { contractCatalogue } from '#workflows/contracts';
import { dynamodb } from '../aws-sdk';
import { CORRELATION_ID_PATHS, errorKind, logger, loggerOptions } from '../observability';
import { lazy, runtimeFromEnvironment } from '../runtime';
import { CaseStore } from '../store/reads';
import { SchoolStore } from '../store/schools';
import { StagingStore } from '../store/staging';
import { type ApiEvent, createApi } from './app';
import { machineClientsFrom } from './claims';
import { Problem } from './problem';
import { StepFunctionsStarter } from './starter';

const { DynamoDBClient } = dynamodb;

/** The API as configured by the environment (the pages' Lambda, web/handler.ts, builds the same one). */
export function apiFromEnvironment() {
  const runtime = runtimeFromEnvironment();
  checkPartnership(contractCatalogue, runtime.partnership);
  const arns = JSON.parse(process.env.STATE_MACHINE_ARNS ?? '{}') as Record<string, string>;
  // Police case systems' app clients (client credentials), by client id: the organisation each acts for.
  const machineClients = machineClientsFrom(process.env.MACHINE_CLIENTS);
  const db = new DynamoDBClient({});
  const store = new CaseStore(db, runtime.tableName);
  const schools = new SchoolStore(db, runtime.tableName);
  return createApi({
    runtime,
    store,
    staging: new StagingStore(db, runtime.tableName),
    starter: new StepFunctionsStarter(StepFunctionsStarter.lazyClient, arns),
    machineClients,
    schools,
  });
}

const api = lazy(apiFromEnvironment);

/**
 * Any error a route did not answer as a Problem (./app.ts answers those): logged by its kind and where it
 * was thrown, never the request nor the error's message (either may hold personal data), and answered 500
 * as a problem like any other.
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

export const handler = middy<APIGatewayProxyEventV2WithJWTAuthorizer>()
  .use(injectLambdaContext(logger, loggerOptions(CORRELATION_ID_PATHS.api)))
  .use(internalErrors)
  .handler(async (event) => api()(event as unknown as ApiEvent));
