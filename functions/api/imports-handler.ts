/**
 * The imports' Lambda: the school directory's and the term dates' imports alone (FILE_IMPORT_ROUTES), with
 * the files' readers, which the API's own bundle leaves out (./imports.ts says why).
 */
import { apiDependenciesFromEnvironment } from './environment';
import { createImportsApi } from './imports';
import { apiLambda } from './lambda';
import { schoolFiles } from './school-files';

export const handler = apiLambda(() => createImportsApi({ ...apiDependenciesFromEnvironment(), schoolFiles }));
