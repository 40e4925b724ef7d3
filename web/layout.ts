/**
 * What every page's layout is drawn with (templates/layout.njk): the prefix, who is signed in, the menu
 * of the pages for their role, the form token, the one-off message and whether this is the local machine.
 */
import type { Page, SignedInUser } from './pages/page';
import { PREFIX } from './pages/page';
import type { Exchange } from './pipeline';

export interface NavItem {
  href: string;
  text: string;
  description: string;
  active: boolean;
}

/** A page is in a person's menu when it has a menu entry, is a GET, and is for everyone signed in or their role. */
const inMenuOf = (page: Page, user: SignedInUser) =>
  !!page.nav &&
  page.method === 'GET' &&
  (page.access === 'signed-in' || (Array.isArray(page.access) && page.access.includes(user.role)));

/** The menu of these pages for a person, in order, the page at `path` (or one below it) marked active. */
export function navigation(pages: readonly Page[]) {
  const menu = pages.filter((page) => page.nav).sort((a, b) => a.nav!.order - b.nav!.order);
  return (user: SignedInUser | undefined, path: string): NavItem[] =>
    user
      ? menu
          .filter((page) => inMenuOf(page, user))
          .map((page) => {
            const href = `${PREFIX}${page.path}`;
            return {
              href,
              text: page.nav!.text,
              description: page.nav!.description ?? '',
              active: path === href || path.startsWith(`${href}/`),
            };
          })
      : [];
}

/** The layout's data for a request (the one-off message is taken from the session: shown once). */
export function layoutFor(pages: readonly Page[], local: boolean) {
  const nav = navigation(pages);
  return (exchange: Exchange): Record<string, unknown> => {
    const flash = exchange.session.takeFlash();
    return {
      prefix: PREFIX,
      user: exchange.user,
      nav: nav(exchange.user, exchange.path),
      csrf: exchange.session.data.csrf,
      flash,
      local,
    };
  };
}
