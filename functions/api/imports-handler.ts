/**
 * The imports' Lambda: the school directory's and the term dates' imports alone (ROUTES_ELSEWHERE), with
 * their code and the files' readers, which the API's own bundle leaves out (./imports.ts says why). Its
 * build holds the processes it tells of a school's change alone (infra/handler-function.ts SOME_PROCESSES).
 */
import { apiDependenciesFromEnvironment } from './environment';
import { createImportsApi } from './imports';
import { apiLambda } from './lambda';
import { schoolImports } from './school-imports';

export const handler = apiLambda(() =>
  createImportsApi({ ...apiDependenciesFromEnvironment({ someProcesses: true }), schoolImports }),
);
