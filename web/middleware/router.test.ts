import { describe, expect, it } from 'vitest';
import { drawn, reached, requestOf, VIEW } from '#test/web/support/exchange';
import type { Page } from '../pages/page';
import { exchangeFor } from '../pipeline';
import { pageRouter, router } from './router';

const page = (method: Page['method'], path: string): Page => ({
  method,
  path,
  access: 'signed-in',
  handle: async () => ({ status: 200, headers: {}, body: `${method} ${path}` }),
});

const PAGES = [
  page('GET', '/'),
  page('GET', '/cases'),
  page('GET', '/cases/{caseId}'),
  page('GET', '/cases/{caseId}/record/{type}'),
  page('POST', '/cases/{caseId}/record/{type}'),
  page('GET', '/schools/import'),
  page('POST', '/schools/import'),
  page('GET', '/schools/{urn}'),
  page('GET', '/dashboard/{process}/figures.csv'),
];

describe('the pages router', () => {
  const find = pageRouter(PAGES);
  const found = (method: string, path: string) => {
    const routed = find(method, path);
    return routed.kind === 'page'
      ? { page: `${routed.page.method} ${routed.page.path}`, params: routed.params }
      : routed;
  };

  it('finds each page by method and path, under the prefix, the home page at /app/', () => {
    expect(found('GET', '/app/')).toEqual({ page: 'GET /', params: {} });
    expect(found('GET', '/app/cases')).toEqual({ page: 'GET /cases', params: {} });
    expect(found('GET', '/app/cases/iha-7k3f-9q2m')).toEqual({
      page: 'GET /cases/{caseId}',
      params: { caseId: 'iha-7k3f-9q2m' },
    });
    expect(found('POST', '/app/cases/iha-7k3f-9q2m/record/appointmentBooked')).toEqual({
      page: 'POST /cases/{caseId}/record/{type}',
      params: { caseId: 'iha-7k3f-9q2m', type: 'appointmentBooked' },
    });
    expect(found('GET', '/app/dashboard/crisis-escalation/figures.csv')).toEqual({
      page: 'GET /dashboard/{process}/figures.csv',
      params: { process: 'crisis-escalation' },
    });
  });

  it('prefers a page with a fixed path over one with a parameter in its place', () => {
    expect(found('GET', '/app/schools/import')).toEqual({ page: 'GET /schools/import', params: {} });
    expect(found('GET', '/app/schools/100001')).toEqual({ page: 'GET /schools/{urn}', params: { urn: '100001' } });
  });

  it('decodes path parameters once, and takes a malformed percent-encoding for no page', () => {
    expect(found('GET', '/app/cases/a%20b%2Fc')).toEqual({ page: 'GET /cases/{caseId}', params: { caseId: 'a b/c' } });
    expect(found('GET', '/app/cases/%E0%A4%A')).toEqual({ kind: 'notFound' });
    expect(found('GET', '/app/cases/%')).toEqual({ kind: 'notFound' });
  });

  it('says which methods a path answers when another is asked, and nothing for a path of no page', () => {
    expect(found('PUT', '/app/cases')).toEqual({ kind: 'notAllowed', allow: ['GET'] });
    expect(found('DELETE', '/app/cases/iha-7k3f-9q2m/record/x')).toEqual({
      kind: 'notAllowed',
      allow: ['GET', 'POST'],
    });
    expect(found('POST', '/app/cases/iha-7k3f-9q2m')).toEqual({ kind: 'notAllowed', allow: ['GET'] });
    expect(found('GET', '/app/no-such-page')).toEqual({ kind: 'notFound' });
    expect(found('GET', '/app/cases/a/b')).toEqual({ kind: 'notFound' });
    expect(found('GET', '/cases')).toEqual({ kind: 'notFound' });
    expect(found('__proto__', '/app/cases')).toEqual({ kind: 'notAllowed', allow: ['GET'] });
  });

  it('refuses two pages for the same method and path', () => {
    expect(() => pageRouter([page('GET', '/cases'), page('GET', '/cases')])).toThrow('Two pages answer GET /app/cases');
  });
});

describe('the router step', () => {
  const step = router(PAGES);

  it('hands the page and its parameters on', async () => {
    const exchange = exchangeFor(requestOf({ path: '/app/cases/iha-7k3f-9q2m' }), VIEW);
    const next = reached();
    await step(exchange, next);
    expect(next.calls).toBe(1);
    expect(exchange.route?.page.path).toBe('/cases/{caseId}');
    expect(exchange.route?.params).toEqual({ caseId: 'iha-7k3f-9q2m' });
  });

  it('answers a path of no page with the Page not found page, and another method with 405 and Allow', async () => {
    const next = reached();
    const missing = await step(exchangeFor(requestOf({ path: '/app/no-such-page' }), VIEW), next);
    expect(missing.status).toBe(404);
    expect(drawn(missing)).toMatchObject({ template: 'not-found.njk', title: 'Page not found', layout: true });
    const wrong = await step(exchangeFor(requestOf({ method: 'PUT', path: '/app/schools/import' }), VIEW), next);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET, POST');
    expect(next.calls).toBe(0);
  });
});
