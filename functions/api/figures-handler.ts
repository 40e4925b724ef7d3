/**
 * The figures' Lambda: a process's figures, the board's measures and the board pack alone
 * (ROUTES_ELSEWHERE), with the work the API's own bundle leaves out (./figures.ts says why).
 */
import { apiDependenciesFromEnvironment } from './environment';
import { createFiguresApi } from './figures';
import { apiLambda } from './lambda';

export const handler = apiLambda(() => createFiguresApi(apiDependenciesFromEnvironment()));
