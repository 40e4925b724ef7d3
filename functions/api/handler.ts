/**
 * The API's Lambda: every route but the file imports, which API Gateway sends to the imports' function
 * (./imports-handler.ts), so this bundle holds none of the files' readers.
 */
import { createApi } from './app';
import { apiDependenciesFromEnvironment } from './environment';
import { apiLambda } from './lambda';
import type { SchoolFileReaders } from './school-files';

/** The API as the environment configures it; the pages' Lambda (web/handler.ts) gives it the files' readers. */
export function apiFromEnvironment(options: { schoolFiles?: SchoolFileReaders } = {}) {
  return createApi({ ...apiDependenciesFromEnvironment(), ...options });
}

export const handler = apiLambda(() => apiFromEnvironment());
