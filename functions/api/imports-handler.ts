/**
 * The imports' Lambda: the school directory's and the term dates' imports alone (ROUTES_ELSEWHERE), with
 * their code and the files' readers, which the API's own bundle leaves out (./imports.ts says why).
 */
import { apiDependenciesFromEnvironment } from './environment';
import { createImportsApi } from './imports';
import { apiLambda } from './lambda';
import { schoolImports } from './school-imports';

export const handler = apiLambda(() => createImportsApi({ ...apiDependenciesFromEnvironment(), schoolImports }));
