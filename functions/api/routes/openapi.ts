/**
 * /openapi.json: the API described in OpenAPI 3.1, generated from the route table and the catalogue
 * (functions/api/openapi.ts). Any signed-in user may read it, as every route needs a token; it names no
 * record.
 *
 *   GET /openapi.json
 */
import type { ReadableProcess } from '#core/process/definition';
// '#functions/api/openapi', not '../openapi': the API's own bundle takes ../openapi-file.ts in its place.
import { openApiDocument } from '#functions/api/openapi';
import type { Route } from '../http';
import { json } from '../responses';

/** The route, given the whole table (read when first asked, so the document lists this route too). */
export function openApiRoutes(table: () => readonly Route[], processes: readonly ReadableProcess[]): Route[] {
  let document: ReturnType<typeof openApiDocument> | undefined;
  return [
    {
      method: 'GET',
      path: '/openapi.json',
      summary: 'This API described in OpenAPI 3.1: every route, and the request bodies from the process catalogue',
      roles: 'any signed-in user',
      handler: async () => {
        document ??= openApiDocument(table(), processes);
        return json(200, document);
      },
    },
  ];
}
