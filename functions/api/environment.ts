/**
 * The API's dependencies as a Lambda's environment configures them: the same for the API's function, the
 * imports' (./imports-handler.ts) and the pages' (web/handler.ts), which run the API in-process. SDK
 * clients are created once per container.
 */
import { checkPartnership, checkPartnershipOf } from '#core/process/catalogue';
import { contractCatalogue } from '#workflows/contracts';
import { dynamodb } from '../aws-sdk';
import { runtimeFromEnvironment } from '../runtime';
import { CaseStore } from '../store/reads';
import { SchoolStore } from '../store/schools';
import { StagingStore } from '../store/staging';
import { machineClientsFrom } from './claims';
import type { ApiDependencies } from './context';
import { StepFunctionsStarter } from './starter';

const { DynamoDBClient } = dynamodb;

/**
 * `someProcesses`: the function's build holds some of the processes only (the file imports':
 * infra/handler-function.ts SOME_PROCESSES), so it checks their configuration alone; the API's checks every
 * process's.
 */
export function apiDependenciesFromEnvironment(options: { someProcesses?: boolean } = {}): ApiDependencies {
  const runtime = runtimeFromEnvironment();
  (options.someProcesses ? checkPartnershipOf : checkPartnership)(contractCatalogue, runtime.partnership);
  const arns = JSON.parse(process.env.STATE_MACHINE_ARNS ?? '{}') as Record<string, string>;
  const db = new DynamoDBClient({});
  return {
    runtime,
    store: new CaseStore(db, runtime.tableName),
    staging: new StagingStore(db, runtime.tableName),
    starter: new StepFunctionsStarter(StepFunctionsStarter.lazyClient, arns),
    // Police case systems' app clients (client credentials), by client id: the organisation each acts for.
    machineClients: machineClientsFrom(process.env.MACHINE_CLIENTS),
    schools: new SchoolStore(db, runtime.tableName),
  };
}
