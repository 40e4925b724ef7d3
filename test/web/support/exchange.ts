/**
 * For the pipeline's unit tests (web/middleware/*.test.ts): a request, a view whose "page" is the
 * template's name and data as JSON (so a test reads what would be drawn), and a `next` that counts its
 * calls and answers 200.
 */
import type { WebRequest, WebResponse } from '#web/http';
import type { View } from '#web/pipeline';

export const requestOf = (request: Partial<WebRequest> = {}): WebRequest => ({
  method: 'GET',
  path: '/app/cases',
  query: new URLSearchParams(),
  headers: {},
  ...request,
});

/** Draws `template` and its data as JSON; the layout adds `layout: true`. */
export const VIEW: View = {
  renderer: { render: (template, data) => JSON.stringify({ template, ...data }) },
  layout: () => ({ layout: true }),
};

/** What a test's view drew: the template's name and the data it was given. */
export const drawn = (answer: WebResponse): { template: string } & Record<string, unknown> =>
  JSON.parse(String(answer.body));

/** A `next` that answers 200 ("next") and counts how often it was called. */
export function reached(answer: Partial<WebResponse> = {}) {
  const next = Object.assign(
    async (): Promise<WebResponse> => {
      next.calls++;
      return { status: 200, headers: {}, body: 'next', ...answer };
    },
    { calls: 0 },
  );
  return next;
}
