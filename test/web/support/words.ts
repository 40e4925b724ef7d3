/**
 * What a page's text shows that is not words for people (test/web/pages-words.test.ts and the browser
 * journeys): an ISO date, a sign-in id, an organisation id, a code in parentheses, a schema path, a field's
 * code name.
 */
import { demoUsers } from '#local/auth';
import { partnershipOfCatalogue } from './pages';

/** Organisation ids people never read: the partnership's and the demo people's own (schools). */
const ORGANISATION_IDS = [
  ...new Set([...partnershipOfCatalogue().organisations.map((o) => o.id), ...demoUsers.map((u) => u.organisation)]),
];

/**
 * What a page's text shows that is not words for people, each with a little of what is around it. Email
 * addresses and web addresses are set aside first (a mailbox's domain may share an organisation's id).
 */
export function notWords(text: string): string[] {
  const shown = text.replace(/\S+@\S+/g, ' ').replace(/https?:\/\/\S+/g, ' ');
  const found: string[] = [];
  const look = (why: string, pattern: RegExp) => {
    for (const m of shown.matchAll(pattern))
      found.push(`${why}: …${shown.slice(Math.max(0, m.index! - 40), m.index! + m[0].length + 40).trim()}…`);
  };
  look('an ISO date', /\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b/g);
  look('a sign-in id', /\bu-[a-z]+(-[a-z]+)+\b/g);
  for (const id of ORGANISATION_IDS) look('an organisation id', new RegExp(`(?<![\\w.-])${id}(?![\\w.-])`, 'g'));
  look('a code in parentheses', /\((?:[a-z]+[A-Z0-9][A-Za-z0-9]*|[a-z0-9]+(?:-[a-z0-9]+)+)\)/g);
  look('a schema path', /\b[a-z][A-Za-z]*(?:\.(?:[a-z][A-Za-z]*|\d+))+\b/g);
  // (iCalendar is a name: the calendar file format.)
  look("a field's code name", /\b(?!iCalendar\b)[a-z]+(?:[A-Z][a-z0-9]+)+\b/g);
  return found;
}
