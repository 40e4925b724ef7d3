/**
 * Anything a later step or a page throws becomes the calm 500 page. The log says only where it failed
 * (the error's kind), never a value: what was asked or typed may hold personal data.
 */
import { errorKind, logger } from '#functions/observability';
import type { Middleware } from '../pipeline';
import { failedPage } from '../problems';

export const errors: Middleware = async (exchange, next) => {
  try {
    return await next();
  } catch (error) {
    logger.error('A page could not be shown', { error: errorKind(error) });
    return exchange.respond(failedPage(exchange.render));
  }
};
