/**
 * A person in a browser without JavaScript, for page tests: real HTTP to the local server, a cookie
 * jar, forms posted as a browser posts them (with the form token found on the page).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalSignIn } from '#local/auth';
import type { Platform } from '#local/platform';
import { createLocalServer } from '#local/server';

export interface Page {
  status: number;
  location: string | null;
  html: string;
  headers: Headers;
}

export async function serve(platform: Platform): Promise<{ base: string; close(): Promise<void> }> {
  const server: Server = createLocalServer(platform, new LocalSignIn());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise((r) => server.close(() => r())) };
}

/** The value of the form token in a page (the first form's). */
export function csrfIn(html: string): string {
  const m = /name="csrfToken" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('No form token on the page');
  return m[1]!;
}

export class Browser {
  private readonly jar = new Map<string, string>();
  last?: Page;

  constructor(private readonly base: string) {}

  private cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/max-age=0/i.test(c) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  async get(path: string, follow = true): Promise<Page> {
    const res = await fetch(`${this.base}${path}`, { headers: { cookie: this.cookieHeader() }, redirect: 'manual' });
    this.keep(res);
    const page = {
      status: res.status,
      location: res.headers.get('location'),
      html: await res.text(),
      headers: res.headers,
    };
    this.last = page;
    if (follow && res.status >= 300 && res.status < 400 && page.location?.startsWith('/'))
      return this.get(page.location, follow);
    return page;
  }

  /** Post a form: the fields given, plus the form token of the last page unless `csrf: null` (or another) is given. */
  async post(
    path: string,
    fields: Record<string, string> | [string, string][],
    options: { csrf?: string | null; follow?: boolean } = {},
  ): Promise<Page> {
    const body = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields));
    const token = options.csrf === undefined ? (this.last ? csrfIn(this.last.html) : undefined) : options.csrf;
    if (token) body.set('csrfToken', token);
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      redirect: 'manual',
    });
    this.keep(res);
    const page = {
      status: res.status,
      location: res.headers.get('location'),
      html: await res.text(),
      headers: res.headers,
    };
    this.last = page;
    if ((options.follow ?? true) && res.status === 303 && page.location?.startsWith('/'))
      return this.get(page.location);
    return page;
  }

  /**
   * Post a multipart form as a browser posts a file upload: text fields, and files with their names and
   * bytes exactly as given, plus the last page's form token.
   */
  async postFiles(
    path: string,
    fields: Record<string, string>,
    files: [field: string, name: string, bytes: Uint8Array][],
  ): Promise<Page> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (this.last) form.append('csrfToken', csrfIn(this.last.html));
    for (const [field, name, bytes] of files)
      form.append(field, new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), name);
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookieHeader() },
      body: form,
      redirect: 'manual',
    });
    this.keep(res);
    const page = {
      status: res.status,
      location: res.headers.get('location'),
      html: await res.text(),
      headers: res.headers,
    };
    this.last = page;
    if (res.status === 303 && page.location?.startsWith('/')) return this.get(page.location);
    return page;
  }

  async signIn(username: string): Promise<Page> {
    await this.get('/app/sign-in');
    return this.post('/app/sign-in', { username });
  }
}

/**
 * A start form sent as a person sends it, page by page: each page posted with every answer (a browser
 * posts the other pages' answers as the hidden inputs each page carries), "Continue" until "Check your
 * answers", then "Send". Answers a page refuses stop there, with that page (400).
 */
export async function sendStartForm(browser: Browser, path: string, fields: [string, string][]): Promise<Page> {
  if (!browser.last?.html.includes(`action="${path}"`)) await browser.get(path);
  let step = '0';
  for (let pages = 0; pages < 12; pages++) {
    const page = await browser.post(path, [...fields, ['step', step], ['formAction', 'continue']]);
    if (page.status !== 200 || page.html.includes('name="step" value="check"')) {
      if (page.status !== 200) return page;
      return browser.post(path, [...fields, ['step', 'check'], ['formAction', 'send']]);
    }
    step = /name="step" value="(\d+)"/.exec(page.html)?.[1] ?? step;
  }
  throw new Error(`${path}: no "Check your answers" after 12 pages`);
}

/** The text of a page without tags (for "the page says …" checks). */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

import { partnership } from '#functions/runtime';
import { catalogue } from '#workflows/catalogue';

/**
 * The partnership's configuration for the processes in the catalogue (while a process is being added,
 * its configuration may land before its catalogue line; page tests are not about that).
 */
export function partnershipOfCatalogue() {
  const known = new Set(catalogue.map((p) => p.id));
  return {
    ...partnership,
    processes: Object.fromEntries(Object.entries(partnership.processes ?? {}).filter(([id]) => known.has(id))),
  };
}

/**
 * Problems with a page's ids: an id used twice, a label, description or control pointing at no element,
 * an in-page link (the error summary's) going nowhere. Empty when the page is sound.
 */
export function idProblems(html: string): string[] {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  const problems = ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `id "${id}" used more than once`);
  for (const [, attribute, value] of html.matchAll(
    /\s(for|aria-describedby|aria-controls|aria-labelledby)="([^"]+)"/g,
  )) {
    for (const ref of value!.split(' '))
      if (!ids.includes(ref)) problems.push(`${attribute}="${ref}" names no element`);
  }
  for (const [, target] of html.matchAll(/href="#([^"]+)"/g))
    if (!ids.includes(target!)) problems.push(`link to #${target} goes nowhere`);
  return problems;
}
