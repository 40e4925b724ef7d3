/**
 * A page that lists roles is refused, kindly, to a signed-in person of another role (403, pointing to the
 * menu, which shows their own pages). This decides the menu and the refusal only: what anyone may see or
 * do is the API's to decide, whatever page asks.
 */
import type { Middleware } from '../pipeline';
import { notForRolePage } from '../problems';

export const roles: Middleware = async (exchange, next) => {
  const access = exchange.route?.page.access;
  const { user } = exchange;
  if (user && Array.isArray(access) && !access.includes(user.role))
    return exchange.respond(notForRolePage(exchange.render, user));
  return next();
};
