/**
 * The API's dependencies enough to build its route table and answer the routes that read no store
 * (GET /openapi.json, a route served by another function): for tests of the table itself.
 */
import { apiRoutes } from '#functions/api/app';
import { type ApiDependencies, apiContext } from '#functions/api/context';

export const routeTableDeps = {
  runtime: { clock: { now: () => new Date('2027-02-01T10:00:00Z') } },
  store: {},
  starter: {},
  staging: {},
  schools: {},
} as unknown as ApiDependencies;

/** The API's route table, built from routeTableDeps. */
export const routeTable = () => apiRoutes(apiContext(routeTableDeps));
