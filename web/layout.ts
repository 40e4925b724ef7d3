/**
 * What every page's layout is drawn with (templates/layout.njk): the prefix, who is signed in, the menu
 * of the pages for their role, the form token, the one-off message and whether this is the local machine.
 */
import type { MenuEntry, Page, SignedInUser } from './pages/page';
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

/**
 * The menu of these pages for a person, in order, the page at `path` (or one below it) marked active. A
 * page may give a person several entries (or none) instead of one (`nav.entriesFor`).
 */
export function navigation(pages: readonly Page[]) {
  const menu = pages.filter((page) => page.nav).sort((a, b) => a.nav!.order - b.nav!.order);
  return (user: SignedInUser | undefined, path: string): NavItem[] => {
    if (!user) return [];
    const entries = menu
      .filter((page) => inMenuOf(page, user))
      .flatMap(
        (page): readonly MenuEntry[] =>
          page.nav!.entriesFor?.(user) ?? [
            {
              path: page.path,
              text: page.nav!.text,
              ...(page.nav!.description ? { description: page.nav!.description } : {}),
            },
          ],
      )
      .map((entry) => ({ ...entry, href: `${PREFIX}${entry.path}` }));
    // The entry at or above this page is the active one (the longest match: /start/x over /start).
    const active = entries
      .filter((e) => path === e.href || path.startsWith(`${e.href}/`))
      .sort((a, b) => b.href.length - a.href.length)[0];
    return entries.map((e) => ({
      href: e.href,
      text: e.text,
      description: e.description ?? '',
      active: e === active,
    }));
  };
}

/** The service's name, once in every title ("Your cases – RightTime"). */
export const SERVICE_NAME = 'RightTime';

/** The local runtime's own page (local/web.ts): linked from the home page only for those whose menu has it. */
const LOCAL_PAGE = `${PREFIX}/local`;

/**
 * The layout's data for a request (the one-off message is taken from the session: shown once). `feedback`
 * is the mailbox the phase banner links to (the partnership's `feedbackMailbox`).
 */
export function layoutFor(pages: readonly Page[], local: boolean, feedback?: string) {
  const nav = navigation(pages);
  return (exchange: Exchange): Record<string, unknown> => {
    const flash = exchange.session.takeFlash();
    const menu = nav(exchange.user, exchange.path);
    return {
      prefix: PREFIX,
      serviceName: SERVICE_NAME,
      user: exchange.user,
      nav: menu,
      csrf: exchange.session.data.csrf,
      flash,
      local,
      // The local runtime's page is its administrator's: others are not offered it.
      localAdministrator: local && menu.some((item) => item.href === LOCAL_PAGE),
      ...(feedback ? { feedback } : {}),
    };
  };
}
