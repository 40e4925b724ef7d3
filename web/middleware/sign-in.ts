/**
 * A page that is not public needs someone signed in. A GET goes to the sign-in page with the address to
 * come back to (only ever a page of this service: safeReturnPath); a form post goes to sign-in alone (its
 * form would be lost on the way back anyway). Fails closed: with no page routed, nobody passes unsigned.
 */
import { redirect, safeReturnPath } from '../http';
import { PREFIX } from '../pages/page';
import type { Middleware } from '../pipeline';

export const signIn: Middleware = async (exchange, next) => {
  if (exchange.user || exchange.route?.page.access === 'public') return next();
  if (exchange.request.method !== 'GET') return redirect(`${PREFIX}/sign-in`);
  const { query } = exchange.request;
  const returnTo = safeReturnPath(`${exchange.path}${query.size ? `?${query}` : ''}`, PREFIX);
  return redirect(`${PREFIX}/sign-in${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`);
};
