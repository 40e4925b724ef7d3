/**
 * How a request goes through the pages: a chain of small steps (web/middleware/), each given the request
 * as it stands so far (an `Exchange`) and the rest of the chain (`next`), ending in the page itself.
 * createWeb (web/app.ts) lists the steps in order.
 *
 * Written here rather than taken from middy (which runs the API's Lambda handlers): middy's before/after
 * hooks skip every `after` once a `before` answers early, and the session's cookie must go out with every
 * answer, early ones included (the 403 for a form without its token, the 404, a sign-in redirect). A step
 * that wraps `next()` says that in one line: the session step writes the cookie after whatever answered.
 */

import { html, type PostedFile, postedForm, type WebRequest, type WebResponse } from './http';
import type { Page, PageResult, Rendered, SignedInUser } from './pages/page';
import type { Renderer } from './render';
import { SessionState } from './session';

/** One request on its way through the pipeline: what the steps before have found out about it. */
export interface Exchange {
  readonly request: WebRequest;
  /** The path, the same with or without a trailing slash (the home page's is `/app/`): middleware/address.ts. */
  path: string;
  /**
   * The session (middleware/session.ts). Until that step has read the cookie it is an anonymous session with
   * nothing stored, so no form post passes and nobody is signed in.
   */
  session: SessionState;
  /** Who the session says is signed in, if anyone (middleware/session.ts). */
  user?: SignedInUser;
  /** The page the method and path name, with its path parameters decoded (middleware/router.ts). */
  route?: { page: Page; params: Record<string, string> };
  /** The posted form and its files, read once (empty for a GET). */
  posted(): Promise<{ form: URLSearchParams; files: Map<string, PostedFile[]> }>;
  /** A template with the layout's data (who is signed in, the menu, the form token, a one-off message). */
  render(template: string, data: Record<string, unknown>, status?: number): Rendered;
  /** The answer for a page's result: a rendered template becomes the HTML page, an answer stays as it is. */
  respond(result: PageResult): WebResponse;
}

/** The rest of the pipeline after a step. */
export type Next = () => Promise<WebResponse>;

/** One step: answer at once, or hand on to `next()` (and may change what it answers). */
export type Middleware = (exchange: Exchange, next: Next) => Promise<WebResponse>;

/** The last step: the page itself. */
export type Endpoint = (exchange: Exchange) => Promise<WebResponse>;

/** The steps in order, ending in the endpoint, as one function. */
export function pipeline(steps: readonly Middleware[], endpoint: Endpoint): Endpoint {
  return steps.reduceRight<Endpoint>((next, step) => (exchange) => step(exchange, () => next(exchange)), endpoint);
}

/** What every page is drawn with: the templates, and the layout's data for this request. */
export interface View {
  renderer: Renderer;
  layout(exchange: Exchange): Record<string, unknown>;
}

/** A request as it enters the pipeline: nothing found out yet. */
export function exchangeFor(request: WebRequest, view: View): Exchange {
  let posted: ReturnType<Exchange['posted']> | undefined;
  const exchange: Exchange = {
    request,
    path: request.path,
    session: new SessionState(undefined),
    posted: () => {
      posted ??=
        request.method === 'GET'
          ? Promise.resolve({ form: new URLSearchParams(), files: new Map<string, PostedFile[]>() })
          : postedForm(request);
      return posted;
    },
    render: (template, data, status = 200) => ({ template, data: { ...view.layout(exchange), ...data }, status }),
    respond: (result) =>
      'template' in result ? html(result.status, view.renderer.render(result.template, result.data)) : result,
  };
  return exchange;
}
