/**
 * Pages are Nunjucks templates (web/templates) built from the GOV.UK Frontend macros, rendered on the
 * server. Autoescaping is on: every value is escaped unless a template says otherwise.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatLondonDate, govukDate, govukDateTime, govukTime, isLocalDate } from '#core/calendar/index';

/**
 * Where the templates and GOV.UK Frontend are. Locally, web/templates beside this file and the
 * installed package; in the Lambda bundle, both are copied beside the bundle (infra/web-pages.ts).
 */
export function webPaths(): { templates: string; govuk: string } {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = { templates: join(here, 'templates'), govuk: join(here, 'govuk-frontend') };
  if (existsSync(join(bundled.govuk, 'govuk', 'template.njk'))) return bundled;
  const fromHere = createRequire(import.meta.url);
  return {
    templates: join(here, 'templates'),
    govuk: join(dirname(fromHere.resolve('govuk-frontend/package.json')), 'dist'),
  };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** '14 December 2026' from YYYY-MM-DD (GOV.UK style, core/calendar's govukDate); nothing else is a day. */
export function longDate(day: string | undefined | null): string {
  return day && isLocalDate(day) ? govukDate(day) : '';
}

export { govukTime };

/** '10:30am on 14 December 2026' in London time from an ISO instant (GOV.UK style, core/calendar's govukDateTime). */
export function longDateTime(iso: string | undefined | null): string {
  if (!iso) return '';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '' : govukDateTime(at);
}

const WEEKDAYS: Record<string, string> = {
  Mon: 'Monday',
  Tue: 'Tuesday',
  Wed: 'Wednesday',
  Thu: 'Thursday',
  Fri: 'Friday',
  Sat: 'Saturday',
  Sun: 'Sunday',
};
const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));

/**
 * Text the rules wrote (a timeline entry, a refusal) with its dates and times in GOV.UK style: 'Wed 23 Dec
 * 2026 at 23:59' and '23 December 2026 at 23:59' read '11:59pm on Wednesday 23 December 2026' and
 * '11:59pm on 23 December 2026'; an ISO date '2026-12-23' reads '23 December 2026'. The rules' words stay
 * as they are for the API and the emails; only the pages show them this way.
 */
export function govukText(text: string | undefined | null): string {
  if (!text) return '';
  const month = `(${MONTHS.join('|')}|${SHORT_MONTHS.join('|')})`;
  const dated = new RegExp(
    `(?:\\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?\\b(\\d{1,2}) ${month} (\\d{4})(?: at (\\d{2}:\\d{2}))?`,
    'g',
  );
  return text
    .replace(dated, (_all, weekday: string | undefined, day: string, mon: string, year: string, time?: string) => {
      const full = MONTHS[SHORT_MONTHS.indexOf(mon.slice(0, 3))] ?? mon;
      const date = `${weekday ? `${WEEKDAYS[weekday]} ` : ''}${Number(day)} ${full} ${year}`;
      return time ? `${govukTime(time)} on ${date}` : date;
    })
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b(?!T)/g, (all) => longDate(all) || all);
}

/** 'dateOfBirth' → 'Date of birth'; 'nhsNumber' → 'NHS number'; 'schoolUrn' → 'School URN'. */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase()
    .split(' ')
    .filter(Boolean)
    .map((w) =>
      ['nhs', 'urn', 'icb', 'id', 'la', 'mash', 'gp', 'camhs', 'sen', 'send'].includes(w) ? w.toUpperCase() : w,
    );
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function createRenderer(paths = webPaths()) {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([paths.templates, paths.govuk], { noCache: false }),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  env.addFilter('longDate', longDate);
  env.addFilter('longDateTime', longDateTime);
  env.addFilter('shortDate', (day: string) => (day ? formatLondonDate(day) : ''));
  env.addFilter('govukText', govukText);
  env.addFilter('humanise', humanise);
  return {
    render(template: string, data: Record<string, unknown>): string {
      return env.render(template, data);
    },
  };
}

export type Renderer = ReturnType<typeof createRenderer>;
