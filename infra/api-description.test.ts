/**
 * The API's own function serves /openapi.json from a file made at synth (infra/handler-function.ts
 * apiDescriptionFile, functions/api/openapi-file.ts): the file is the document functions/api/openapi.ts
 * makes from the route table, it is copied beside the bundle, and the bundled route answers it.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildOptions, HANDLERS } from '#bench/bundles';
import { openApiDocument } from '#functions/api/openapi';
import { API_DESCRIPTION_FILE } from '#functions/api/openapi-file';
import { routeTable } from '#test/support/route-table';
import { apiDescriptionFile, handlerBundling } from './handler-function';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(projectRoot, 'node_modules/.cache/righttime/api-description-test');

/** The document as the API makes it when asked. */
function madeWhenAsked(): unknown {
  return JSON.parse(JSON.stringify(openApiDocument(routeTable())));
}

describe("the API's description, made at synth", () => {
  it('is the document the route table and the catalogue make', () => {
    // Act
    const file = apiDescriptionFile(projectRoot);
    // Assess
    expect(JSON.parse(readFileSync(join(projectRoot, file), 'utf8'))).toEqual(madeWhenAsked());
  });

  it("is copied beside the API's bundle, and no other's", () => {
    // Act
    const api = handlerBundling(projectRoot, HANDLERS.api);
    const figures = handlerBundling(projectRoot, HANDLERS.figures);
    // Assess
    expect(api.commandHooks?.afterBundling('/in', '/out')).toEqual([
      `cp "/in/${apiDescriptionFile(projectRoot)}" "/out/${API_DESCRIPTION_FILE}"`,
    ]);
    expect('commandHooks' in figures).toBe(false);
  });

  it("is what GET /openapi.json answers in the API's bundle", async () => {
    // Prepare: the route's module bundled as the API's bundle takes it, the file beside it
    mkdirSync(outDir, { recursive: true });
    const outfile = join(outDir, 'openapi-route.mjs');
    await build({
      ...esbuildOptions(HANDLERS.api),
      entryPoints: [join(projectRoot, 'functions/api/routes/openapi.ts')],
      outfile,
    });
    copyFileSync(join(projectRoot, apiDescriptionFile(projectRoot)), join(outDir, API_DESCRIPTION_FILE));
    const { openApiRoutes } = (await import(
      pathToFileURL(outfile).href
    )) as typeof import('#functions/api/routes/openapi');
    // Act: no route table nor processes to make it from
    const [route] = openApiRoutes(() => [], []);
    const answer = await route!.handler({} as never);
    // Assess
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body as string)).toEqual(madeWhenAsked());
  });
});
