/**
 * The API's description as the API's own function serves it: the document ./openapi.ts makes from the
 * route table and the catalogue, made at synth (infra/handler-function.ts apiDescriptionFile) and put
 * beside the bundle, so that bundle holds neither the document's code nor zod's JSON Schema processors
 * (about 32 KiB of the 300 KiB budget; docs/decisions.md). It stands in for ./openapi.ts in that bundle
 * alone (infra/handler-function.ts STAND_INS); everywhere else (the local runtime, the tests, the pages'
 * function) the document is made when first asked. Read when first asked, like the one it stands in for.
 */
import { readFileSync } from 'node:fs';
import type { OpenApiDocument } from './openapi';

/** The document's file, beside the bundle. */
export const API_DESCRIPTION_FILE = 'openapi.json';

/** The document made at synth (the route table and processes it was made from are the bundle's own). */
export function openApiDocument(): OpenApiDocument {
  return JSON.parse(readFileSync(new URL(`./${API_DESCRIPTION_FILE}`, import.meta.url), 'utf8')) as OpenApiDocument;
}
