/**
 * GOV.UK Frontend's stylesheet, script and images, and the pages' own small stylesheet, served under
 * `/app/assets/`. Cached for a day (the paths carry no hash; a deployment changes them rarely).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WebResponse } from './http';
import { webPaths } from './render';

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  woff: 'font/woff',
  json: 'application/json',
};

/**
 * GOV.UK Frontend's compiled CSS, made fit for a service outside GOV.UK: the GDS Transport typeface is
 * licensed for GOV.UK only, so its @font-face rules go and the font stack falls back to Arial, as the
 * Design System asks of services elsewhere; its asset URLs point under our prefix. (Rebuilding the
 * Sass with `$govuk-font-family` would do the same but needs the Sass compiler, which is not a
 * dependency; the compiled file is stable within a major version and this is checked by a test.)
 */
export function serviceStylesheet(css: string, assetPrefix: string): string {
  return css
    .replace(/@font-face\{[^}]*\}/g, '')
    .replace(/font-family:"?GDS Transport"?,/g, 'font-family:')
    .replace(/url\(\/assets\//g, `url(${assetPrefix}/`);
}

const OWN_CSS = `
.app-nowrap{white-space:nowrap}
.app-break-anywhere{overflow-wrap:anywhere}
.app-work__item{border-left:5px solid #b1b4b6;padding-left:15px;margin-bottom:15px}
.app-work__item--overdue{border-left-color:#d4351c}
.app-work__item--soon{border-left-color:#ffdd00}
.app-work__count{display:block}
.app-check-section{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:0 15px}
.app-link-button{background:none;border:0;padding:0;margin:0 0 15px;cursor:pointer;color:#1d70b8;
text-decoration:underline}
.app-link-button:focus{outline:3px solid transparent;color:#0b0c0c;background-color:#fd0;
box-shadow:0 -2px #fd0,0 4px #0b0c0c;text-decoration:none}
.app-sign-out{margin:0}
.app-sign-out .govuk-button{margin-bottom:0}
.app-user{display:inline-block;margin-right:15px}
.app-row-actions .govuk-button{margin-bottom:0}
.app-table-scroll{overflow-x:auto;position:relative}
@media (max-width:40.0525em){.app-table-scroll .govuk-table{min-width:30rem}}
.app-filter-row{display:flex;flex-wrap:wrap;gap:0 20px}
.app-filter-row .govuk-form-group{margin-bottom:15px;min-width:0;max-width:100%}
.app-filter-row .govuk-select{max-width:100%}
@media (max-width:40.0525em){
.app-cards .govuk-table{min-width:0;border-collapse:separate}
.app-cards thead{position:absolute!important;width:1px!important;height:1px!important;overflow:hidden!important;
clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;white-space:nowrap!important}
.app-cards table,.app-cards tbody,.app-cards tr,.app-cards th,.app-cards td,.app-cards caption{display:block;width:auto}
.app-cards tbody .govuk-table__row{border:1px solid #b1b4b6;margin-bottom:20px}
.app-cards tbody .govuk-table__header{background:#f3f2f1;padding:10px 15px;border-bottom:1px solid #b1b4b6}
.app-cards tbody .govuk-table__cell{padding:10px 15px;text-align:left}
.app-cards tbody .govuk-table__cell:last-child{border-bottom:0}
.app-cards [data-label]::before{content:attr(data-label);display:block;font-weight:700}
.app-cards .app-nowrap{white-space:normal}
}
.app-board-measure{margin-bottom:40px}
.app-board-table .govuk-table__cell,.app-board-table .govuk-table__header{font-size:16px}
@page{size:A4;margin:14mm 12mm}
@media print{
.govuk-header,.govuk-service-navigation,.govuk-footer,.govuk-back-link,.app-no-print,.govuk-skip-link{display:none}
.govuk-width-container{max-width:none;margin:0}
.app-table-scroll{overflow:visible}
.app-board-process{break-before:page}
.app-board-measure{break-inside:avoid-page}
.app-board-chart{max-width:100%;height:auto}
.govuk-details__text{display:block}
.govuk-table{font-size:12px}
}
`;

export function createAssets(prefix: string) {
  const { govuk } = webPaths();
  const root = join(govuk, 'govuk');
  const cache = new Map<string, WebResponse>();

  function file(name: string, build: () => string | Buffer, type: string): WebResponse {
    let hit = cache.get(name);
    if (!hit) {
      hit = {
        status: 200,
        headers: {
          'content-type': type,
          'cache-control': 'public, max-age=86400',
          'x-content-type-options': 'nosniff',
        },
        body: build(),
      };
      cache.set(name, hit);
    }
    return hit;
  }

  /** The asset at `/app/assets/<rest>`, or undefined when there is none. */
  return function asset(rest: string): WebResponse | undefined {
    if (rest === 'govuk-frontend.min.css')
      return file(
        rest,
        () => serviceStylesheet(readFileSync(join(root, rest), 'utf8'), `${prefix}/assets`),
        TYPES.css!,
      );
    if (rest === 'govuk-frontend.min.js') return file(rest, () => readFileSync(join(root, rest)), TYPES.js!);
    if (rest === 'app.css') return file(rest, () => OWN_CSS, TYPES.css!);
    if (rest === 'init.js')
      return file(rest, () => "import { initAll } from './govuk-frontend.min.js';\ninitAll();\n", TYPES.js!);
    const image = /^images\/([a-z0-9-]+\.(svg|png|ico))$/.exec(rest);
    if (image) {
      try {
        return file(rest, () => readFileSync(join(root, 'assets', 'images', image[1]!)), TYPES[image[2]!]!);
      } catch {
        return undefined;
      }
    }
    return undefined;
  };
}
