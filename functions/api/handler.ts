/**
 * The API's Lambda: every route but the file imports and the figures, which API Gateway sends to their own
 * functions (./imports-handler.ts, ./figures-handler.ts), so this bundle holds none of their work.
 */
import { createApi } from './app';
import type { ApiDependencies } from './context';
import { apiDependenciesFromEnvironment } from './environment';
import { apiLambda } from './lambda';

/** The API as the environment configures it; the pages' Lambda (web/handler.ts) gives it the imports and figures. */
export function apiFromEnvironment(options: Pick<ApiDependencies, 'schoolImports' | 'figures'> = {}) {
  return createApi({ ...apiDependenciesFromEnvironment(), ...options });
}

export const handler = apiLambda(() => apiFromEnvironment());
