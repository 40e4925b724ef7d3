/**
 * The routes functions of their own serve (ROUTES_ELSEWHERE): each is a route of the API's table, the API's
 * own function describes them (/openapi.json) but does not route them, and each function of its own routes
 * its routes alone.
 */
import { describe, expect, it } from 'vitest';
import { apiEvent } from '#local/demo';
import { routeTable, routeTableDeps } from '#test/support/route-table';
import { createApi } from './app';
import { createFiguresApi } from './figures';
import { ROUTES_ELSEWHERE, servedElsewhere } from './http';
import { createImportsApi } from './imports';
import { schoolImports } from './school-imports';

/** Dependencies enough to build the route table and route (no route below reaches a store). */
const deps = routeTableDeps;
const table = routeTable().map((r) => `${r.method} ${r.path}`);
const elsewhere = Object.entries(ROUTES_ELSEWHERE).flatMap(([fn, routes]) =>
  routes.map((r) => [fn, r.method, r.path] as const),
);

describe('the routes functions of their own serve', () => {
  it("are routes of the API's table, each served by one function, found by its path or a request's", () => {
    for (const [fn, method, path] of elsewhere) {
      expect(table).toContain(`${method} ${path}`);
      expect(servedElsewhere({ method, path })).toBe(fn);
    }
    expect(servedElsewhere({ method: 'GET', path: '/board/2026' })).toBe('figures');
    expect(servedElsewhere({ method: 'GET', path: '/processes/operation-encompass/figures' })).toBe('figures');
    expect(servedElsewhere({ method: 'GET', path: '/processes/operation-encompass/clocks' })).toBeUndefined();
    expect(servedElsewhere({ method: 'PUT', path: '/schools/import' })).toBeUndefined();
    expect(servedElsewhere({ method: 'GET', path: '/board/2026/x' })).toBeUndefined();
  });

  it.each(elsewhere)("the API's own function describes %s %s %s but does not route it", async (_fn, method, path) => {
    // Prepare
    const api = createApi(deps);
    const concrete = path.replace('{process}', 'initial-health-assessment').replace('{year}', '2026');
    // Act
    const described = JSON.parse((await api(apiEvent('GET', '/openapi.json', 'robin'))).body as string);
    const answer = await api(apiEvent(method, concrete, 'robin', method === 'POST' ? {} : undefined));
    // Assess
    expect(described.paths[path][method.toLowerCase()]).toBeDefined();
    expect(answer.statusCode).toBe(404);
    expect(JSON.parse(answer.body as string)).toMatchObject({ code: 'notFound' });
  });

  it('each function of its own routes its routes alone', async () => {
    // Prepare
    const imports = createImportsApi({ ...deps, schoolImports });
    const figures = createFiguresApi(deps);
    // Act, Assess: another route of the table is not theirs
    for (const fn of [imports, figures]) {
      const answer = await fn(apiEvent('GET', '/openapi.json', 'robin'));
      expect(answer.statusCode).toBe(404);
    }
    // and theirs are: /measures reads no store
    expect((await figures(apiEvent('GET', '/measures', 'robin'))).statusCode).toBe(200);
  });
});
