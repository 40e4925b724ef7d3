import { formatLondon } from '#core/calendar/index';
import { catalogue } from '#workflows/catalogue';
import { demoUsers } from './auth';
import type { Platform } from './platform';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain start page for the local runtime: the time, who can sign in, and where things are. */
export function homePage(platform: Platform): string {
  const users = demoUsers
    .map((u) => {
      const cells = [`<code>${escapeHtml(u.username)}</code>`, ...[u.name, u.role, u.organisation].map(escapeHtml)];
      return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
    })
    .join('');
  const processes = catalogue.map((p) => `<li>${escapeHtml(p.title)} (<code>${escapeHtml(p.id)}</code>)</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>RightTime (local)</title>
<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;
color:#0b0c0c}
table{border-collapse:collapse}td,th{border-bottom:1px solid #b1b4b6;padding:.3rem .8rem .3rem 0;text-align:left}
code{background:#f3f2f1;padding:0 .2rem}</style></head>
<body><h1>RightTime, running on this machine</h1>
<p>The local clock reads <strong>${escapeHtml(formatLondon(platform.clock.now()))}</strong> (London time).
Move it forward with <code>POST /local/clock</code> or <code>npm run clock -- --working-days 21</code>.</p>
<h2>Processes</h2><ul>${processes}</ul>
<h2>Demo users</h2><p>Get a token with <code>POST /local/token {"username":"sam"}</code>
and send it as <code>Authorization: Bearer …</code>.</p>
<table><thead><tr><th>username</th><th>name</th><th>role</th><th>organisation</th></tr></thead>
<tbody>${users}</tbody></table>
<h2>Where things are</h2><ul>
<li><a href="/app/"><strong>The pages</strong></a>: sign in as any demo user and use RightTime as they would
(start a process, your cases, health assessments, school notifications).</li>
<li><a href="/local/inbox">Local inbox</a>: the emails the platform would send (case codes and links only).</li>
<li><code>GET /processes</code>: what each process records and the clocks it keeps.</li>
<li><code>GET /cases/{caseId}</code>, <code>/timeline</code>: a case, for those involved (every read is audited).</li>
<li><code>GET /processes/initial-health-assessment/figures</code>: figures for commissioners, by case code.</li>
</ul></body></html>`;
}
