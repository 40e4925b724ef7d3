import { describe, expect, it } from 'vitest';
import { reached, requestOf, VIEW } from '#test/web/support/exchange';
import { exchangeFor } from '../pipeline';
import { assets } from './assets';

const step = assets();
const at = (method: string, path: string) => exchangeFor(requestOf({ method, path }), VIEW);

describe('the assets step', () => {
  it('answers an asset itself, cached for a day, and a missing one with a plain 404, going no further', async () => {
    const next = reached();
    const css = await step(at('GET', '/app/assets/app.css'), next);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('public, max-age=86400');
    const script = await step(at('GET', '/app/assets/govuk-frontend.min.js'), next);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const missing = await step(at('GET', '/app/assets/../session.ts'), next);
    expect(missing).toMatchObject({ status: 404, body: 'Not found' });
    expect(next.calls).toBe(0);
  });

  it('hands on every other path, and any method but GET', async () => {
    const next = reached();
    await step(at('GET', '/app/cases'), next);
    await step(at('POST', '/app/assets/app.css'), next);
    expect(next.calls).toBe(2);
  });
});
