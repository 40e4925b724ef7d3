/**
 * `/app/assets/*`: GOV.UK Frontend's stylesheet, script and images and our own stylesheet (web/assets.ts),
 * answered before any session is read. An asset that is not there is a plain 404.
 */
import { createAssets } from '../assets';
import { PREFIX } from '../pages/page';
import type { Middleware } from '../pipeline';

const AT = `${PREFIX}/assets/`;

export function assets(): Middleware {
  const asset = createAssets(PREFIX);
  return async (exchange, next) => {
    if (exchange.request.method !== 'GET' || !exchange.path.startsWith(AT)) return next();
    return (
      asset(exchange.path.slice(AT.length)) ?? {
        status: 404,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'Not found',
      }
    );
  };
}
