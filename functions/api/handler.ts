/**
 * The API's Lambda: every route but the file imports, which API Gateway sends to the imports' function
 * (./imports-handler.ts), so this bundle holds none of their code nor the files' readers.
 */
import { createApi } from './app';
import { apiDependenciesFromEnvironment } from './environment';
import { apiLambda } from './lambda';
import type { SchoolDirectory, SchoolImports } from './routes/schools';

/** The API as the environment configures it; the pages' Lambda (web/handler.ts) gives it the file imports. */
export function apiFromEnvironment(options: { schoolImports?: (directory: SchoolDirectory) => SchoolImports } = {}) {
  return createApi({ ...apiDependenciesFromEnvironment(), ...options });
}

export const handler = apiLambda(() => apiFromEnvironment());
