/**
 * Pages are Nunjucks templates (web/templates) built from the GOV.UK Frontend macros, rendered on the
 * server. Autoescaping is on: every value is escaped unless a template says otherwise.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatLondon, formatLondonDate, londonDateOf } from '#core/calendar/index';

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

/** '14 December 2026' from YYYY-MM-DD (GOV.UK style: no weekday abbreviation). */
export function longDate(day: string | undefined | null): string {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return '';
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** '14 December 2026 at 10:30' in London time from an ISO instant. */
export function longDateTime(iso: string | undefined | null): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const time = formatLondon(at).split(' at ')[1] ?? '';
  return `${longDate(londonDateOf(at))} at ${time}`;
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
  env.addFilter('humanise', humanise);
  return {
    render(template: string, data: Record<string, unknown>): string {
      return env.render(template, data);
    },
  };
}

export type Renderer = ReturnType<typeof createRenderer>;
