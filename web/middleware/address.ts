/**
 * The address: `/app` alone goes to the home page `/app/`; any other path is the same page with or
 * without a trailing slash, so the steps after see it without.
 */
import { redirect } from '../http';
import { PREFIX } from '../pages/page';
import type { Middleware } from '../pipeline';

export const address: Middleware = async (exchange, next) => {
  const { path } = exchange.request;
  if (path === PREFIX) return redirect(`${PREFIX}/`);
  exchange.path = path === `${PREFIX}/` ? path : path.replace(/\/+$/, '');
  return next();
};
