/**
 * The HTTP API: validate, check who may do what, audit, and hand events to the process's state machine.
 * Framework-free so the same code serves API Gateway (through middy) and the local runtime.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { auditIdentity, type Actor } from '#core/identity/actor';
import { effectiveClocks } from '#core/partnership/config';
import type { ContextLookups, ProcessDefinition } from '#core/process/definition';
import { caseIdFor } from '#core/process/decide';
import type { AuditEntry, CaseRecord, EventResponse } from '#core/process/model';
import { catalogue, processById, processOfCase } from '#workflows/catalogue';
import type { Runtime } from '../runtime';
import type { CaseStore } from '../store/reads';
import type { SchoolStore } from '../store/schools';
import { sameContacts, snapshotOf, type School } from '#core/schools/model';
import { createSchoolRoutes } from './schools';
import { actorFromClaims, emailOf, type Claims } from './claims';
import { issuesFrom, json, problem, type Result } from './responses';
import type { EventStarter } from './starter';

export type ApiEvent = Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'rawPath' | 'body' | 'headers' | 'queryStringParameters' | 'isBase64Encoded'> & {
  requestContext: { http: { method: string }; authorizer?: { jwt?: { claims?: Claims } } };
};

export interface ApiDependencies {
  runtime: Runtime;
  store: CaseStore;
  starter: EventStarter;
  /** How long to wait for an execution's outcome before answering 202. */
  waitMs?: number;
  /** The school directory: served at /schools, and looked up for the rules (a school's snapshot). */
  schools?: SchoolStore;
  /** Partner case systems (OAuth2 client credentials): app client id to the organisation it acts for. None when absent. */
  machineClients?: Record<string, string>;
}

const noLookups: ContextLookups = { school: async () => undefined };

const CASE_ID = /^[a-z]{2,5}-[a-z0-9]{4}-[a-z0-9]{4}$/;
const EVENT_ID = /^[A-Za-z0-9_-]{1,80}$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,64}$/;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The event id: from the client's Idempotency-Key if given, otherwise from the request itself, so a resend is recognised. */
export function eventIdFor(actor: Actor, process: string, caseId: string, type: string, payload: unknown, idempotencyKey?: string): string {
  const basis = idempotencyKey ? `key|${actor.organisation}|${process}|${caseId}|${idempotencyKey}` : `body|${actor.organisation}|${process}|${caseId}|${type}|${canonical(payload)}`;
  return `evt-${createHash('sha256').update(basis).digest('hex').slice(0, 32)}`;
}

export type AuditWriter = (actor: Actor, action: AuditEntry['action'], what: string, caseId?: string) => Promise<void>;

/** Writes one audit entry: who, what, when, and the case if there is one. */
export function auditWriter(store: Pick<CaseStore, 'audit'>, clock: { now(): Date }): AuditWriter {
  return (actor, action, what, caseId) => {
    const at = clock.now().toISOString();
    return store.audit({
      auditId: randomUUID().replace(/-/g, '').slice(0, 16),
      at,
      actor: auditIdentity(actor),
      action,
      ...(caseId ? { caseId } : {}),
      what,
    });
  };
}

export function createApi(deps: ApiDependencies) {
  const { runtime, store, starter } = deps;
  const waitMs = deps.waitMs ?? 4000;

  const audit = auditWriter(store, runtime.clock);
  const lookups: ContextLookups = deps.schools
    ? { school: async (urn) => { const s = await deps.schools!.get(urn); return s ? { ...snapshotOf(s) } : undefined; } }
    : noLookups;
  const schoolRoutes = deps.schools
    ? createSchoolRoutes({ store: deps.schools, now: () => runtime.clock.now(), audit: (actor, action, what) => audit(actor, action, what), onSchoolsChanged: (actor, schools) => tellOpenCases(actor, schools) })
    : undefined;

  /** A school's directory entry changed: each open, unacknowledged case with that school hears of it. */
  async function tellOpenCases(actor: Actor, schools: School[]): Promise<number> {
    let told = 0;
    for (const school of schools) {
      for (const record of await store.casesOnPeopleIndex(`SCHOOL#${school.urn}`, 1000)) {
        const definition = processById(record.process);
        if (record.status !== 'open' || !definition?.events.some((e) => e.type === 'schoolDetailsChanged')) continue;
        const details = record.details as { acknowledgement?: unknown; school?: Pick<School, 'name' | 'keyAdult' | 'deputy'> };
        if (details.acknowledgement || sameContacts(details.school, school)) continue;
        const prepared = await prepare(actor, definition, record.caseId, 'schoolDetailsChanged', { schoolUrn: school.urn, directoryUpdatedAt: school.updatedAt }, undefined, false);
        if ('statusCode' in prepared) continue;
        const outcome = await starter.startAndWait(definition.id, prepared.eventId, prepared.input, 0);
        if (outcome.status !== 'failed' && outcome.status !== 'conflict') told++;
      }
    }
    return told;
  }

  const refuse = async (actor: Actor, what: string, message: string, caseId?: string) => {
    await audit(actor, 'refused', what, caseId);
    return problem(403, 'notPermitted', message);
  };

  /** Bodies are small records; a police batch of up to 1,000 children needs more room. */
  function parseBody(event: ApiEvent, maxBytes = 64 * 1024): { ok: true; value: Record<string, unknown> } | { ok: false; result: Result } {
    if (!event.body) return { ok: false, result: problem(400, 'invalidBody', 'The request needs a JSON body', [{ path: '(body)', message: 'is missing' }]) };
    const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    if (Buffer.byteLength(text) > maxBytes) {
      return { ok: false, result: problem(400, 'invalidBody', 'The request body is too large', [{ path: '(body)', message: `must be at most ${Math.round(maxBytes / 1024)} KiB` }]) };
    }
    try {
      const value = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
      return { ok: true, value };
    } catch {
      return { ok: false, result: problem(400, 'invalidBody', 'The request body must be a JSON object', [{ path: '(body)', message: 'is not a JSON object' }]) };
    }
  }

  async function submit(actor: Actor, definition: ProcessDefinition, caseId: string, type: string, payload: unknown, headers: ApiEvent['headers'], opening: boolean): Promise<Result> {
    const prepared = await prepare(actor, definition, caseId, type, payload, headers['idempotency-key'], opening);
    if ('statusCode' in prepared) return prepared;
    const outcome = await starter.startAndWait(definition.id, prepared.eventId, prepared.input, waitMs);
    const links = { event: `/events/${prepared.eventId}`, case: `/cases/${prepared.caseId}` };
    switch (outcome.status) {
      case 'conflict':
        return problem(409, 'idempotencyKeyReused', 'This Idempotency-Key was already used for a different request; nothing was recorded');
      case 'running':
        return json(202, { eventId: prepared.eventId, caseId: prepared.caseId, status: 'processing', message: 'Received; it is being applied. Follow the event link for the outcome.', links }, { location: links.event });
      case 'failed':
        return problem(503, 'notApplied', 'The event could not be applied just now; sending the same request again is safe', [], { eventId: prepared.eventId });
      case 'succeeded':
        return respond(outcome.output, outcome.repeated, opening, links);
    }
  }

  /** Validate one event and build its execution input, or the response refusing it. */
  async function prepare(actor: Actor, definition: ProcessDefinition, caseId: string, type: string, payload: unknown, key: string | undefined, opening: boolean): Promise<{ eventId: string; caseId: string; input: unknown } | Result> {
    const spec = definition.events.find((e) => e.type === type);
    if (!spec || (spec.opensCase ?? false) !== opening) {
      const allowed = definition.events.filter((e) => (e.opensCase ?? false) === opening).map((e) => e.type);
      return problem(400, 'invalidEvent', `Unknown event type '${type}'`, [{ path: 'type', message: `must be one of ${allowed.join(', ')}` }]);
    }
    if (!(spec.allowedRoles as readonly string[]).includes(actor.role)) {
      return refuse(actor, `${spec.title}: role not permitted`, `The ${actor.role} role cannot record '${spec.title}'`, opening ? undefined : caseId);
    }
    const parsed = spec.schema.safeParse(payload);
    if (!parsed.success) return problem(400, 'invalidEvent', `'${spec.title}' is not valid; nothing was recorded`, issuesFrom(parsed.error.issues));
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      return problem(400, 'invalidHeader', 'The Idempotency-Key header is not valid', [{ path: 'Idempotency-Key', message: 'must be 1-64 letters, digits or . _ : -' }]);
    }
    if (opening) caseId = caseIdFor(definition, definition.caseKeyOf(parsed.data, actor.organisation), { caseCodeKey: await runtime.caseCodeKey() }).caseId;
    const eventId = eventIdFor(actor, definition.id, caseId, type, payload, key);
    const context = spec.contextFor ? await spec.contextFor(parsed.data, lookups) : undefined;
    // The input holds no timestamps: a resend of the same request is then the same input, which Step
    // Functions (and the local runner) recognise as a repeat. The rules step stamps the time it applies it.
    const input = {
      event: { eventId, type, process: definition.id, caseId, actor, payload, ...(context && Object.keys(context).length ? { context } : {}) },
      attempt: 0,
    };
    return { eventId, caseId, input };
  }

  /** A batch (e.g. police notifying about several children): validated whole, then one execution per case. */
  async function submitBatch(actor: Actor, definition: ProcessDefinition, body: Record<string, unknown>): Promise<Result> {
    const submission = definition.submission!;
    if (!(submission.allowedRoles as readonly string[]).includes(actor.role)) {
      return refuse(actor, `${submission.title}: role not permitted`, `The ${actor.role} role cannot send '${submission.title}'`);
    }
    const parsed = submission.schema.safeParse(body);
    if (!parsed.success) return problem(400, 'invalidSubmission', `'${submission.title}' is not valid; nothing was recorded`, issuesFrom(parsed.error.issues));
    const opening = definition.events.find((e) => e.opensCase)!;
    const parts = submission.split(parsed.data);
    const prepared: { eventId: string; caseId: string; input: unknown }[] = [];
    const issues: { path: string; message: string }[] = [];
    for (const [i, payload] of parts.entries()) {
      const one = await prepare(actor, definition, '', opening.type, payload, undefined, true);
      if ('statusCode' in one) {
        const error = JSON.parse(one.body as string).error as { issues: { path: string; message: string }[]; message: string };
        for (const issue of error.issues.length ? error.issues : [{ path: '', message: error.message }]) issues.push({ path: `item ${i}${issue.path ? `: ${issue.path}` : ''}`, message: issue.message });
      } else prepared.push(one);
    }
    if (issues.length) return problem(400, 'invalidSubmission', `'${submission.title}' is not valid; nothing was recorded`, issues);
    const results: unknown[] = new Array(prepared.length);
    let next = 0;
    const worker = async () => {
      while (next < prepared.length) {
        const i = next++;
        const p = prepared[i]!;
        // No waiting per child: a batch of 1,000 must be answered within API Gateway's 30 s. Outcomes not
        // yet known are 'processing', with the event link to follow.
        const outcome = await starter.startAndWait(definition.id, p.eventId, p.input, 0);
        results[i] =
          outcome.status === 'succeeded'
            ? { eventId: p.eventId, caseId: p.caseId, caseCode: outcome.output.caseCode, outcome: outcome.repeated ? 'duplicate' : outcome.output.outcome, message: outcome.output.message, ...(outcome.output.rejection ? { rejection: outcome.output.rejection } : {}) }
            : { eventId: p.eventId, caseId: p.caseId, outcome: outcome.status === 'running' ? 'processing' : outcome.status, links: { event: `/events/${p.eventId}` } };
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, prepared.length) }, worker));
    return json(200, { received: prepared.length, results });
  }

  function respond(output: EventResponse, repeated: boolean, opening: boolean, links: Record<string, string>): Result {
    if (output.outcome === 'rejected' && output.rejection) {
      const r = output.rejection;
      return problem(r.status, r.code, r.message, r.issues, { eventId: output.eventId });
    }
    if (repeated || output.outcome === 'duplicate') {
      return json(200, { ...output, outcome: 'duplicate', message: 'This event was already received; nothing more was done.', links });
    }
    return json(opening ? 201 : 200, { ...output, links }, opening ? { location: links.case! } : {});
  }

  function canRead(actor: Actor, definition: ProcessDefinition, record: CaseRecord): boolean {
    if (definition.canRead) return definition.canRead(actor, record);
    if (actor.role === 'administrator') return true;
    return (definition.readerRoles as readonly string[]).includes(actor.role) && record.organisations.includes(actor.organisation);
  }

  async function readableCase(actor: Actor, caseId: string, what: string): Promise<{ record: CaseRecord; definition: ProcessDefinition } | Result> {
    if (!CASE_ID.test(caseId)) return problem(400, 'invalidCaseId', 'That is not a case id', [{ path: 'caseId', message: 'must look like iha-7k3f-9q2m' }]);
    const record = await store.getCase(caseId);
    const definition = record && processById(record.process);
    if (!record || !definition) {
      await audit(actor, 'refused', `${what}: no such case`, caseId);
      return problem(404, 'caseNotFound', `There is no case ${caseId}`);
    }
    if (!canRead(actor, definition, record)) return refuse(actor, `${what}: not permitted`, 'You do not have access to this case', caseId);
    await audit(actor, 'read', what, caseId);
    return { record, definition };
  }

  function caseView(record: CaseRecord, actor: Actor, definition: ProcessDefinition) {
    return {
      caseId: record.caseId,
      caseCode: record.caseCode,
      process: record.process,
      status: record.status,
      stage: record.stage,
      openedAt: record.openedAt,
      ...(record.closedAt ? { closedAt: record.closedAt, closureReason: record.closureReason } : {}),
      details: definition.viewFor ? definition.viewFor(actor, record) : record.details,
      clocks: Object.values(record.clocks).map((c) => ({
        id: c.id,
        title: c.title,
        kind: c.kind,
        length: c.length,
        source: c.source,
        status: c.status,
        startedAt: c.startedAt,
        dueAt: c.dueAt,
        stoppedAt: c.stoppedAt ?? null,
        checkpointsReached: c.reached,
        history: c.history,
      })),
      upcoming: Object.values(record.timers)
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
        .map((t) => ({ clockId: t.clockId ?? null, checkpoint: t.checkpointId, dueAt: t.dueAt })),
    };
  }

  async function figures(actor: Actor, definition: ProcessDefinition): Promise<Result> {
    if (!['commissioner', 'administrator', 'designated-nurse'].includes(actor.role)) return refuse(actor, `${definition.title} figures: not permitted`, 'Figures are for commissioners');
    const cases = await store.casesOfProcess(definition.id);
    await audit(actor, 'read', `${definition.title} figures (pseudonymous)`);
    const byClock: Record<string, Record<string, number>> = {};
    for (const c of cases) {
      for (const clock of Object.values(c.clocks)) {
        const counts = (byClock[clock.definitionId] ??= {});
        counts[clock.status] = (counts[clock.status] ?? 0) + 1;
      }
    }
    const views = cases.map((c) => definition.commissionerView(c));
    const now = runtime.clock.now();
    return json(200, { process: definition.id, generatedAt: now.toISOString(), cases: cases.length, clocks: byClock, ...(definition.figures ? definition.figures(cases, now) : {}), caseFigures: views });
  }

  return async function handle(event: ApiEvent): Promise<Result> {
    const method = event.requestContext.http.method.toUpperCase();
    const path = event.rawPath.replace(/\/+$/, '') || '/';
    const actor = actorFromClaims(event.requestContext.authorizer?.jwt?.claims, deps.machineClients);
    if (!actor) return problem(401, 'notSignedIn', 'Sign in first: the request needs a valid bearer token with a role and an organisation');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const q = event.queryStringParameters ?? {};

    // GET /me
    if (method === 'GET' && path === '/me') return json(200, { userId: actor.userId, name: actor.name, role: actor.role, organisation: actor.organisation });

    // GET /processes
    if (method === 'GET' && path === '/processes') {
      return json(200, catalogue.map((p) => ({
        id: p.id,
        title: p.title,
        events: p.events.map((e) => ({ type: e.type, title: e.title, roles: e.allowedRoles, opensCase: e.opensCase ?? false })),
        clocks: effectiveClocks(p.id, p.clocks, runtime.partnership).map((c) => ({ id: c.id, title: c.title, kind: c.kind, length: c.length, source: c.source, checkpoints: c.checkpoints.map((cp) => ({ id: cp.id, kind: cp.kind, at: cp.at, recipients: cp.recipients })) })),
      })));
    }

    // /processes/{process}/...
    if (parts[0] === 'processes' && parts[1]) {
      const definition = processById(parts[1]);
      if (!definition) return problem(404, 'processNotFound', `There is no process '${parts[1]}'`);
      if (method === 'POST' && parts[2] === 'cases' && parts.length === 3) {
        const body = parseBody(event);
        if (!body.ok) return body.result;
        const { type = definition.events.find((e) => e.opensCase)?.type, ...payload } = body.value as { type?: string };
        return submit(actor, definition, '', String(type), payload, event.headers, true);
      }
      if (method === 'GET' && parts[2] === 'figures' && parts.length === 3) return figures(actor, definition);
      if (method === 'POST' && parts[2] === 'submissions' && parts.length === 3 && definition.submission) {
        const body = parseBody(event, 2 * 1024 * 1024);
        if (!body.ok) return body.result;
        return submitBatch(actor, definition, body.value);
      }
      if (method === 'GET' && parts[2] === 'clocks' && parts.length === 3) {
        if (!['commissioner', 'administrator', 'designated-nurse', 'health', 'lead-practitioner', 'front-door'].includes(actor.role)) return refuse(actor, 'open clocks: not permitted', 'Not available to your role');
        const withinDays = q.dueWithinDays !== undefined ? Number(q.dueWithinDays) : undefined;
        if (withinDays !== undefined && (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 366)) {
          return problem(400, 'invalidQuery', 'dueWithinDays is not valid', [{ path: 'dueWithinDays', message: 'must be a whole number from 0 to 366' }]);
        }
        const now = runtime.clock.now();
        const until = withinDays !== undefined ? new Date(now.getTime() + withinDays * 86_400_000).toISOString() : q.overdue === 'true' ? now.toISOString() : undefined;
        const clocks = await store.openClocks(definition.id, until);
        await audit(actor, 'read', `${definition.title} open clocks (pseudonymous)`);
        return json(200, { process: definition.id, asOf: now.toISOString(), clocks: clocks.map((c) => ({ ...c, overdue: c.dueAt < now.toISOString() })) });
      }
      return problem(404, 'notFound', `No route ${method} ${path}`);
    }

    // /cases/{caseId}/...
    if (parts[0] === 'cases' && parts[1]) {
      const caseId = parts[1];
      if (method === 'POST' && parts[2] === 'events' && parts.length === 3) {
        if (!CASE_ID.test(caseId)) return problem(400, 'invalidCaseId', 'That is not a case id', [{ path: 'caseId', message: 'must look like iha-7k3f-9q2m' }]);
        const body = parseBody(event);
        if (!body.ok) return body.result;
        const { type, ...payload } = body.value as { type?: unknown };
        if (typeof type !== 'string') return problem(400, 'invalidEvent', 'The event needs a type', [{ path: 'type', message: 'is required' }]);
        // No read here: the execution loads the case once, and refuses (and audits) an actor whose
        // organisation is not on it, or a case that does not exist.
        const definition = processOfCase(caseId);
        if (!definition) return problem(404, 'caseNotFound', `There is no case ${caseId}`);
        return submit(actor, definition, caseId, type, payload, event.headers, false);
      }
      if (method === 'GET' && parts.length === 2) {
        const found = await readableCase(actor, caseId, 'case record');
        if ('statusCode' in found) return found;
        return json(200, caseView(found.record, actor, found.definition));
      }
      if (method === 'GET' && parts[2] === 'timeline' && parts.length === 3) {
        const found = await readableCase(actor, caseId, 'case timeline');
        if ('statusCode' in found) return found;
        return json(200, { caseId, caseCode: found.record.caseCode, timeline: await store.timeline(caseId) });
      }
      if (method === 'GET' && parts[2] === 'audit' && parts.length === 3) {
        if (actor.role !== 'administrator') return refuse(actor, 'case audit: not permitted', 'The audit trail is for administrators', caseId);
        await audit(actor, 'read', 'case audit trail', caseId);
        return json(200, { caseId, audit: await store.auditOfCase(caseId) });
      }
      return problem(404, 'notFound', `No route ${method} ${path}`);
    }

    if (method === 'GET' && parts[0] === 'events' && parts[1] && parts.length === 2) {
      if (!EVENT_ID.test(parts[1])) return problem(400, 'invalidEventId', 'That is not an event id', [{ path: 'eventId', message: 'letters, digits, - and _ only' }]);
      const response = await store.getEvent(parts[1]);
      if (!response) return problem(404, 'eventNotFound', 'No outcome is recorded for that event yet');
      return json(200, response);
    }

    // A school's notifications: its Key Adult (or an administrator) sees the list, without names.
    if (method === 'GET' && parts[0] === 'schools' && parts[2] === 'notifications' && parts.length === 3) {
      const urn = parts[1]!;
      if (!/^\d{6}$/.test(urn)) return problem(400, 'invalidUrn', 'That is not a school URN', [{ path: 'urn', message: 'must be 6 digits' }]);
      if (!(actor.role === 'administrator' || (actor.role === 'school-key-adult' && actor.schoolUrn === urn))) {
        return refuse(actor, `notifications of school ${urn}: not permitted`, "You can see only your own school's notifications");
      }
      const cases = await store.casesOnPeopleIndex(`SCHOOL#${urn}`);
      await audit(actor, 'read', `notification list of school ${urn}`);
      return json(200, {
        schoolUrn: urn,
        notifications: cases
          .filter((c) => c.status === 'open')
          .map((c) => {
            const definition = processById(c.process);
            const view = definition?.viewFor ? (definition.viewFor(actor, c) as { status?: string; deadline?: string; policeAttendedAt?: string }) : {};
            return { caseId: c.caseId, caseCode: c.caseCode, status: view.status, deadline: view.deadline, policeAttendedAt: view.policeAttendedAt, links: { case: `/cases/${c.caseId}` } };
          }),
      });
    }

    if (schoolRoutes) {
      const handled = await schoolRoutes(actor, method, parts, event);
      if (handled) return handled;
    }

    if (method === 'GET' && path === '/my/cases') {
      const email = emailOf(event.requestContext.authorizer?.jwt?.claims);
      if (!email) return json(200, { cases: [] });
      const cases = await store.casesOfLead(email);
      await audit(actor, 'read', 'my cases list');
      return json(200, { cases: cases.map((c) => ({ caseId: c.caseId, caseCode: c.caseCode, process: c.process, stage: c.stage, status: c.status })) });
    }

    if (method === 'GET' && path === '/audit') {
      if (actor.role !== 'administrator') return refuse(actor, 'audit by actor: not permitted', 'The audit trail is for administrators');
      const userId = q.actor;
      if (!userId) return problem(400, 'invalidQuery', 'Say whose actions to list', [{ path: 'actor', message: 'is required' }]);
      await audit(actor, 'read', `audit trail of ${userId}`);
      return json(200, { actor: userId, audit: await store.auditOfActor(userId) });
    }

    return problem(404, 'notFound', `No route ${method} ${path}`);
  };
}
