/** The API Lambda: a thin middy adapter around createApi. SDK clients are created once per container. */
import middy from '@middy/core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { lazy, runtimeFromEnvironment } from '../runtime';
import { CaseStore } from '../store/reads';
import { createApi, type ApiEvent } from './app';
import { checkPartnership } from '#workflows/catalogue';
import { machineClientsFrom } from './claims';
import { SchoolStore } from '../store/schools';
import { problem } from './responses';
import { StepFunctionsStarter } from './starter';

const api = lazy(() => {
  const runtime = runtimeFromEnvironment();
  checkPartnership(runtime.partnership);
  const arns = JSON.parse(process.env.STATE_MACHINE_ARNS ?? '{}') as Record<string, string>;
  // Police case systems' app clients (client credentials), by client id: the organisation each acts for.
  const machineClients = machineClientsFrom(process.env.MACHINE_CLIENTS);
  const db = new DynamoDBClient({});
  const store = new CaseStore(db, runtime.tableName);
  const schools = new SchoolStore(db, runtime.tableName);
  return createApi({ runtime, store, starter: new StepFunctionsStarter(new SFNClient({}), arns), machineClients, schools });
});

export const handler = middy<APIGatewayProxyEventV2WithJWTAuthorizer>().handler(async (event) => {
  try {
    return await api()(event as unknown as ApiEvent);
  } catch (error) {
    // Log only the error's kind and message, never the request (it may hold personal data).
    console.error(JSON.stringify({ level: 'error', where: 'api', error: (error as Error).name, message: (error as Error).message }));
    return problem(500, 'internalError', 'Something went wrong on our side; nothing was half-recorded. Please try again.');
  }
});
