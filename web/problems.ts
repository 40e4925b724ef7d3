/**
 * The pages shown instead of the one asked for: not found, a form that could not be sent, a page not for
 * this role, the page for an API answer that is not a success, and the calm page for a failure. One place
 * for their words, whichever step shows them (web/middleware/, a page's ctx.problem and ctx.notFound).
 */
import type { ApiAnswer, ApiRefusal } from './api-client';
import type { PageContext, Rendered, SignedInUser } from './pages/page';

/** Draws a template with the layout's data (ctx.render, or the pipeline's exchange.render). */
type Render = PageContext['render'];

const problem = (render: Render, status: number, title: string, heading: string, body: string): Rendered =>
  render('problem.njk', { title, heading, body }, status);

/** 404: no such page, or a record this person may not see (the API answers both alike). */
export const notFoundPage = (render: Render): Rendered => render('not-found.njk', { title: 'Page not found' }, 404);

/** 403: a form posted without its session's token (nothing ran). */
export const formNotSentPage = (render: Render): Rendered =>
  problem(
    render,
    403,
    'Your form could not be sent',
    'Your form could not be sent',
    'The page it came from had expired or was not one of ours. Nothing was recorded. ' +
      'Go back, reload the page and try again.',
  );

/** 403: a page for other roles (the menu shows this person's own). */
export const notForRolePage = (render: Render, user: SignedInUser): Rendered =>
  problem(
    render,
    403,
    'This page is not for your role',
    'This page is not for your role',
    `As ${user.roleText} you do not use this page. The pages you use are in the menu at the top.`,
  );

/** 500: something failed inside a page. */
export const failedPage = (render: Render): Rendered =>
  problem(
    render,
    500,
    'Sorry, there is a problem',
    'Sorry, there is a problem with the service',
    'Nothing was half-recorded. Try again in a moment.',
  );

/** The page for an API answer that is not a success: 404 and 400 "Page not found", 403, 503, anything else. */
export function apiProblemPage(render: Render, answer: ApiAnswer): Rendered {
  if (answer.status === 404 || answer.status === 400) return notFoundPage(render);
  if (answer.status === 403)
    return problem(
      render,
      403,
      'You cannot do this',
      'You cannot do this',
      String((answer.body as ApiRefusal | undefined)?.detail ?? 'Your role cannot do this.'),
    );
  if (answer.status === 503)
    return problem(
      render,
      503,
      'Try again in a moment',
      'Sorry, the service is busy',
      'Nothing was recorded. Try again in a moment.',
    );
  return problem(
    render,
    500,
    'Sorry, there is a problem',
    'Sorry, there is a problem with the service',
    'Nothing was half-recorded. Try again later.',
  );
}
