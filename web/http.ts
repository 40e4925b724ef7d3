/**
 * The pages' own request and response: framework-free, so the same page code answers the local server
 * (local/server.ts) and API Gateway in AWS (web/handler.ts).
 */
export interface WebRequest {
  method: string;
  /** The path, e.g. `/app/cases/iha-7k3f-9q2m`. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /**
   * The body: text, or its bytes as they came (a form with a file upload posts multipart/form-data, and
   * a file's bytes must reach the page as they are: the register is Windows-1252, not UTF-8).
   */
  body?: string | Uint8Array;
}

/** A file posted in a multipart form: its name as the person's computer gave it, and its bytes untouched. */
export interface PostedFile {
  name: string;
  bytes: Uint8Array;
}

export interface WebResponse {
  status: number;
  headers: Record<string, string>;
  /** Set-Cookie values, one per cookie. */
  cookies?: string[];
  body: string | Buffer;
}

/**
 * Every page answers with these: nothing cached, no framing, no sniffing, a strict CSP (no inline
 * script but the one GOV.UK needs, by hash).
 */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  // The one inline script is GOV.UK's template line that marks the body `js-enabled` (its hash below).
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='; " +
    "style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self' https:; " +
    "frame-ancestors 'none'; base-uri 'none'",
};

export function html(status: number, body: string, cookies?: string[]): WebResponse {
  return { status, headers: { ...PAGE_HEADERS }, body, ...(cookies?.length ? { cookies } : {}) };
}

/** 303 See Other: after a form post the browser fetches the next page with GET (post/redirect/get). */
export function redirect(location: string, cookies?: string[]): WebResponse {
  return {
    status: 303,
    headers: { location, 'cache-control': 'no-store' },
    body: '',
    ...(cookies?.length ? { cookies } : {}),
  };
}

/**
 * A form body as name/value pairs (a name may repeat, e.g. checkboxes), and its files. A multipart form
 * (a file upload, e.g. the school directory's CSV files) is read by Node's own parser (the fetch API's
 * `Response.formData`): its text fields join the pairs, its files keep their bytes (never decoded here:
 * the page that takes a file says how to read it). An empty file input (nothing chosen) is no file.
 */
export async function postedForm(
  request: WebRequest,
): Promise<{ form: URLSearchParams; files: Map<string, PostedFile[]> }> {
  const type = request.headers['content-type'] ?? '';
  const files = new Map<string, PostedFile[]>();
  const body = request.body;
  if (!body || (typeof body !== 'string' && body.length === 0)) return { form: new URLSearchParams(), files };
  if (type.startsWith('application/x-www-form-urlencoded'))
    return { form: new URLSearchParams(typeof body === 'string' ? body : Buffer.from(body).toString('utf8')), files };
  if (!type.startsWith('multipart/form-data')) return { form: new URLSearchParams(), files };
  const form = new URLSearchParams();
  try {
    const data = await new Response(typeof body === 'string' ? body : new Uint8Array(body), {
      headers: { 'content-type': type },
    }).formData();
    for (const [name, value] of data) {
      if (typeof value === 'string') {
        form.append(name, value);
        continue;
      }
      if (value.size === 0 && !value.name) continue;
      files.set(name, [
        ...(files.get(name) ?? []),
        { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) },
      ]);
    }
  } catch {
    // Not a valid multipart body: an empty form (so its missing form token refuses it).
    return { form: new URLSearchParams(), files: new Map() };
  }
  return { form, files };
}

/** The name/value pairs of a posted form (its files left out: `postedForm` has them). */
export async function formOf(request: WebRequest): Promise<URLSearchParams> {
  return (await postedForm(request)).form;
}

/** Only a path inside the pages may be a place to go back to after sign-in (never another site). */
export function safeReturnPath(value: string | null | undefined, prefix: string): string | undefined {
  if (!value?.startsWith(`${prefix}/`) || value.startsWith('//') || /[\\\s]/.test(value)) return undefined;
  return value;
}
