import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/identity/actor';
import { effectiveClocks } from '#core/partnership/config';
import type { CaseRecord, Decision, OutboxMessage, ProcessEvent, TimerRef } from '#core/process/model';
import { enteredCare, IhaHarness } from '#test/support/initial-health-assessment';
import { people } from '#test/support/process-harness';
import { FEED_TTL_SECONDS, type FeedCommit, type FeedEntry } from './feed';
import type { Item } from './table';
import { type TransactItem, transactItemsFor } from './transaction';

const TABLE = 'righttime-test';
const ENTRY = '2026-12-14T10:00:00Z'; // Mon 14 Dec 2026
const CHILD_NAME = 'Test Child';
const CHILD_DOB = '2015-06-01';

/**
 * Applies events through the IHA harness and turns each decision into its transaction, with the
 * event and the case exactly as the state machine would pass them.
 */
class Recorder {
  readonly h = new IhaHarness();
  private n = 0;

  /** What the rules step gives the feed: the commit's instant (here the event's), the partnership, the clocks. */
  feed(at: string): FeedCommit {
    const { definition, partnership } = this.h;
    return {
      committedAt: new Date(at).toISOString(),
      partnership,
      clocks: effectiveClocks(definition.id, definition.clocks, partnership),
      access: definition,
    };
  }

  apply(type: string, payload: unknown, actor: Actor, at: string, eventId = `evt-t${++this.n}`) {
    const current = this.h.record;
    const decision = this.h.apply(type, payload, actor, at, eventId);
    const caseId = current?.caseId ?? this.h.caseIdFor(payload as { caseReference: string }, actor.organisation);
    const event: ProcessEvent = {
      eventId,
      type,
      process: 'initial-health-assessment',
      caseId,
      occurredAt: at,
      recordedAt: at,
      actor,
      payload,
    };
    return {
      decision,
      event,
      current,
      items: transactItemsFor(TABLE, event, decision, current, undefined, {}, this.feed(at)),
    };
  }

  fire(timer: TimerRef, at = timer.dueAt) {
    const current = this.h.record!;
    const decision = this.h.fire(timer, at);
    const event: ProcessEvent = {
      eventId: `fire-${timer.timerId}`,
      type: 'timerFired',
      process: 'initial-health-assessment',
      caseId: current.caseId,
      occurredAt: timer.dueAt,
      recordedAt: at,
      actor: {
        kind: 'system',
        userId: 'righttime-scheduler',
        name: 'RightTime scheduler',
        role: 'system',
        organisation: 'righttime',
      },
      payload: { timerId: timer.timerId },
    };
    return {
      decision,
      event,
      current,
      items: transactItemsFor(TABLE, event, decision, current, undefined, {}, this.feed(at)),
    };
  }

  timer(checkpointId: string): TimerRef {
    const t = this.h.timers.find((x) => x.checkpointId === checkpointId);
    if (!t) throw new Error(`no pending timer ${checkpointId}`);
    return t;
  }
}

type Put = Extract<TransactItem, { Put: unknown }>['Put'];
const puts = (items: TransactItem[]): Put[] => items.flatMap((i) => ('Put' in i ? [i.Put] : []));
const str = (item: Item, name: string) => (item[name] as { S?: string } | undefined)?.S;
const putsOf = (items: TransactItem[], entityType: string) =>
  puts(items).filter((p) => str(p.Item, 'entityType') === entityType);
const bodyOf = (p: Put) => JSON.parse(str(p.Item, 'body')!);

function opened() {
  const r = new Recorder();
  const first = r.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
  return { r, first };
}

describe('the transaction of a new case', () => {
  it('puts the case only if it does not exist yet, and the event record once', () => {
    // Act
    const { first } = opened();
    // Assess
    expect(first.decision.outcome).toBe('applied');
    const [caseput] = putsOf(first.items, 'Case');
    expect(caseput).toMatchObject({ TableName: TABLE, ConditionExpression: 'attribute_not_exists(PK)' });
    expect(caseput!.ExpressionAttributeValues).toBeUndefined();
    expect(caseput!.Item).toMatchObject({
      PK: { S: `CASE#${first.event.caseId}` },
      SK: { S: 'CASE' },
      version: { N: '1' },
      GSI2PK: { S: 'CASES#initial-health-assessment' },
    });
    const [eventput] = putsOf(first.items, 'Event');
    // once applied, never again; a refusal recorded earlier does not block it
    expect(eventput).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK) OR outcome = :rejected',
      ExpressionAttributeValues: { ':rejected': { S: 'rejected' } },
      Item: { PK: { S: `EVENT#${first.event.eventId}` }, SK: { S: 'EVENT' }, outcome: { S: 'applied' } },
    });
    expect(bodyOf(eventput!)).toEqual(first.decision.response);
    // one case item and one event record in the whole transaction
    expect(putsOf(first.items, 'Case')).toHaveLength(1);
    expect(putsOf(first.items, 'Event')).toHaveLength(1);
  });

  it('puts one wake-up item for the case, on a shard of the wake-up index, at its soonest timer', () => {
    const { first } = opened();
    const schedule = (first.decision as Extract<Decision, { case: unknown }>).schedule;
    expect(schedule).toHaveLength(7); // 2 request checkpoints, 4 assessment checkpoints, 18th birthday: kept on the case
    expect(putsOf(first.items, 'Timer')).toEqual([]);
    const [wake, ...more] = putsOf(first.items, 'Wake');
    expect(more).toEqual([]);
    expect(str(wake!.Item, 'PK')).toBe(`CASE#${first.event.caseId}`);
    expect(str(wake!.Item, 'SK')).toBe('WAKE');
    expect(str(wake!.Item, 'GSI1PK')).toMatch(/^WAKE#(0\d|1[0-5])$/);
    // the request reminder, end of day 3 (Thu 17 Dec)
    expect(str(wake!.Item, 'GSI1SK')).toBe(`2026-12-17T23:59:59.999Z#${first.event.caseId}`);
  });

  it('puts each alert on the pending outbox index, once', () => {
    const { first } = opened();
    const outbox = putsOf(first.items, 'Outbox');
    expect(outbox).toHaveLength(2); // assessment team and designated nurse
    for (const o of outbox) {
      expect(o.ConditionExpression).toBe('attribute_not_exists(PK)');
      expect(str(o.Item, 'GSI1PK')).toMatch(/^OUTBOX#PENDING#(0\d|1[0-5])$/);
      expect(str(o.Item, 'GSI1SK')!.startsWith(`${ENTRY}#`)).toBe(true);
      expect(str(o.Item, 'status')).toBe('pending');
    }
  });

  it('puts both open clocks on the open-clocks index by due instant, and an audit of the creation', () => {
    const { first } = opened();
    const clocks = putsOf(first.items, 'Clock');
    expect(clocks.map((c) => [str(c.Item, 'SK'), str(c.Item, 'GSI1PK'), str(c.Item, 'GSI1SK')!.slice(0, 24)])).toEqual([
      // statutory: the 20th working day in England after Mon 14 Dec 2026 (closure days do not count)
      ['CLOCK#initial-health-assessment', 'OPENCLOCK#initial-health-assessment', '2027-01-14T23:59:59.999Z'],
      ['CLOCK#request-to-health', 'OPENCLOCK#initial-health-assessment', '2026-12-21T23:59:59.999Z'],
    ]);
    const audit = putsOf(first.items, 'Audit');
    expect(audit.map(bodyOf)).toEqual([
      expect.objectContaining({
        action: 'create',
        actor: { userId: 'u-fd', role: 'front-door', organisation: 'riverside-council' },
        eventId: first.event.eventId,
      }),
    ]);
    expect(str(audit[0]!.Item, 'GSI3PK')).toBe('ACTOR#u-fd');
  });
});

describe('the transaction of a later event', () => {
  it('checks the version it read, moves the wake-up past the cancelled timers and writes only the clock that changed', () => {
    // Prepare
    const { r } = opened();
    // Act
    const second = r.apply(
      'requestSentToHealth',
      { sentAt: '2026-12-16T15:00:00Z', consentIncluded: true },
      people.socialWorker,
      '2026-12-16T15:05:00Z',
    );
    // Assess
    expect(second.decision.outcome).toBe('applied');
    const [caseput] = putsOf(second.items, 'Case');
    expect(caseput).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': { N: '1' } },
    });
    expect(caseput!.Item.version).toEqual({ N: '2' });
    // the request checkpoints are gone: the case next wakes at day 10 (Wed 30 Dec)
    expect(putsOf(second.items, 'Wake').map((w) => str(w.Item, 'GSI1SK')!.slice(0, 24))).toEqual([
      '2026-12-30T23:59:59.999Z',
    ]);
    expect(second.items.filter((i) => 'Delete' in i)).toEqual([]);
    // the stopped request clock leaves the open-clocks index; the unchanged assessment clock is not rewritten
    const clocks = putsOf(second.items, 'Clock');
    expect(clocks.map((c) => str(c.Item, 'SK'))).toEqual(['CLOCK#request-to-health']);
    expect(clocks[0]!.Item.GSI1PK).toBeUndefined();
    expect(clocks[0]!.Item.status).toEqual({ S: 'met' });
  });

  it('the third event checks version 2', () => {
    const { r } = opened();
    r.apply(
      'requestSentToHealth',
      { sentAt: '2026-12-16T15:00:00Z', consentIncluded: true },
      people.socialWorker,
      '2026-12-16T15:05:00Z',
    );
    const third = r.apply('appointmentBooked', { appointmentOn: '2027-01-13' }, people.health, '2027-01-04T11:00:00Z');
    expect(putsOf(third.items, 'Case')[0]).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': { N: '2' } },
      Item: { version: { N: '3' } },
    });
  });
});

describe('the transaction of a fired timer', () => {
  it.each([
    ['on time', 0, false],
    ['30 s late', 30_000, false],
    ['exactly 60 s late', 60_000, false],
    ['60.001 s late', 60_001, true],
    ['an hour late (the runtime was down)', 3_600_000, true],
  ])('fired %s: the wake-up moves to the next timer, and the timeline says late: %s', (_name, lateByMs, late) => {
    // Prepare
    const { r } = opened();
    const reminder = r.timer('request-reminder');
    const firedAt = new Date(new Date(reminder.dueAt).getTime() + lateByMs).toISOString();
    // Act
    const fired = r.fire(reminder, firedAt);
    // Assess
    expect(fired.decision.outcome).toBe('applied');
    expect(putsOf(fired.items, 'Wake').map((w) => str(w.Item, 'GSI1SK')!.slice(0, 24))).toEqual([
      '2026-12-21T23:59:59.999Z',
    ]);
    const timeline = putsOf(fired.items, 'Timeline').flatMap((p) => bodyOf(p).entries);
    expect(timeline.length).toBeGreaterThan(0);
    for (const entry of timeline) expect(entry.late ?? false).toBe(late);
    // the reminder was sent to the social worker and the manager
    expect(putsOf(fired.items, 'Outbox')).toHaveLength(2);
    expect(putsOf(fired.items, 'Case')[0]).toMatchObject({
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': { N: '1' } },
    });
  });

  it('a timer no longer needed writes no message, with outcome noop', () => {
    const { r } = opened();
    const reminder = r.timer('request-reminder');
    r.apply(
      'requestSentToHealth',
      { sentAt: '2026-12-15T10:00:00Z', consentIncluded: true },
      people.socialWorker,
      '2026-12-15T10:00:00Z',
    );
    const fired = r.fire(reminder);
    expect(fired.decision.outcome).toBe('noop');
    expect(putsOf(fired.items, 'Outbox')).toEqual([]);
  });

  it('the last timer gone: the wake-up item is deleted', () => {
    // Prepare: a case whose every timer has been cancelled (the child left care)
    const { r } = opened();
    // Act
    const left = r.apply(
      'childLeftCare',
      { leftOn: '2026-12-15', reason: 'returnedToFamily' },
      people.socialWorker,
      '2026-12-15T10:00:00Z',
    );
    // Assess
    if (left.decision.outcome !== 'applied') throw new Error(JSON.stringify(left.decision.response));
    expect(left.items.filter((i) => 'Delete' in i).map((i) => ('Delete' in i ? i.Delete.Key : undefined))).toEqual([
      { PK: { S: `CASE#${left.event.caseId}` }, SK: { S: 'WAKE' } },
    ]);
  });

  it('the due checkpoint rewrites the breached clock, still on the open-clocks index', () => {
    const { r } = opened();
    r.fire(r.timer('request-reminder'));
    const fired = r.fire(r.timer('request-due'));
    const clocks = putsOf(fired.items, 'Clock');
    expect(clocks.map((c) => [str(c.Item, 'SK'), str(c.Item, 'status'), str(c.Item, 'GSI1PK')])).toEqual([
      ['CLOCK#request-to-health', 'breached', 'OPENCLOCK#initial-health-assessment'],
    ]);
  });
});

describe("the councils' feed, in the same commit", () => {
  const entries = (items: TransactItem[]) => putsOf(items, 'Feed').map((p) => bodyOf(p) as FeedEntry);

  it('an opening writes one started entry per clock, under the council, once, kept 90 days', () => {
    // Act
    const { first } = opened();
    // Assess
    const feed = putsOf(first.items, 'Feed');
    expect(feed.map((p) => [str(p.Item, 'PK'), bodyOf(p).event, bodyOf(p).clockId])).toEqual([
      ['FEED#riverside-council', 'started', 'initial-health-assessment'],
      ['FEED#riverside-council', 'started', 'request-to-health'],
    ]);
    const committed = '2026-12-14T10:00:00.000Z';
    for (const [n, p] of feed.entries()) {
      expect(p.ConditionExpression).toBe('attribute_not_exists(PK)');
      // The position: the commit's instant, the case, its version and the entry's number in the commit.
      expect(str(p.Item, 'SK')).toBe(`${committed}_${first.event.caseId}_00000001_00${n}`);
      expect(bodyOf(p).id).toBe(str(p.Item, 'SK'));
      expect(p.Item.expiresAt).toEqual({ N: String(Date.parse(committed) / 1000 + FEED_TTL_SECONDS) });
    }
    const record = (first.decision as Extract<Decision, { case: unknown }>).case;
    expect(entries(first.items)[0]).toEqual({
      id: `${committed}_${first.event.caseId}_00000001_000`,
      council: 'riverside-council',
      process: 'initial-health-assessment',
      caseCode: record.caseCode,
      caseId: record.caseId,
      clockId: 'initial-health-assessment',
      clockDefinitionId: 'initial-health-assessment',
      clock: record.clocks['initial-health-assessment']!.title,
      source: 'statutory',
      event: 'started',
      dueAt: record.clocks['initial-health-assessment']!.dueAt,
      at: '2026-12-14T10:00:00.000Z',
      recordedAt: committed,
    });
  });

  it("a reminder firing is due soon at the reminder's own instant; the due timer, fired late, a breach", () => {
    const { r } = opened();
    const reminder = r.timer('request-reminder');
    const soon = r.fire(reminder);
    expect(entries(soon.items).map((e) => [e.event, e.checkpointId, e.at])).toEqual([
      ['dueSoon', 'request-reminder', reminder.dueAt],
    ]);
    const due = r.timer('request-due');
    const firedAt = new Date(Date.parse(due.dueAt) + 3_600_000).toISOString();
    const breached = r.fire(due, firedAt);
    expect(entries(breached.items).map((e) => [e.event, e.at, e.recordedAt])).toEqual([
      ['breached', due.dueAt, firedAt],
    ]);
  });

  it('a clock met writes met; a clock no longer changed writes nothing', () => {
    const { r } = opened();
    const sent = r.apply(
      'requestSentToHealth',
      { sentAt: '2026-12-16T15:00:00Z', consentIncluded: true },
      people.socialWorker,
      '2026-12-16T15:05:00Z',
    );
    expect(entries(sent.items).map((e) => [e.event, e.clockId, e.at])).toEqual([
      ['met', 'request-to-health', '2026-12-16T15:00:00.000Z'],
    ]);
  });

  it("carries the council's own person id when the case has one (read defensively)", () => {
    const { r } = opened();
    r.h.record = { ...r.h.record!, details: { ...r.h.record!.details, ...{ personId: 'P-000123' } } };
    const fired = r.fire(r.timer('request-reminder'));
    expect(entries(fired.items).map((e) => e.personId)).toEqual(['P-000123']);
    r.h.record = { ...r.h.record!, details: { ...r.h.record!.details, ...{ personId: { not: 'a string' } } } };
    const due = r.fire(r.timer('request-due'));
    expect(entries(due.items).map((e) => e.personId)).toEqual([undefined]);
  });

  it('without what the feed needs, nothing is written to it', () => {
    const { r } = opened();
    const reminder = r.timer('request-reminder');
    const current = r.h.record;
    const decision = r.h.fire(reminder);
    const event = {
      eventId: 'fire-x',
      type: 'timerFired',
      caseId: current!.caseId,
      actor: people.frontDoor,
    } as ProcessEvent;
    expect(putsOf(transactItemsFor(TABLE, event, decision, current), 'Feed')).toEqual([]);
  });
});

describe("the event's own record keeps who sent it", () => {
  it.each([
    ['an applied event', 'applied', people.socialWorker],
    ['a refused event', 'rejected', people.school],
  ] as const)(
    '%s: its case and its sender beside the outcome, not in it (GET /events/{id} checks them)',
    (_what, outcome, sender) => {
      // Prepare
      const { r } = opened();
      // Act
      const sent = r.apply(
        'requestSentToHealth',
        { sentAt: '2026-12-15T10:00:00Z', consentIncluded: true },
        sender,
        '2026-12-15T10:00:00Z',
      );
      // Assess
      const [record] = putsOf(sent.items, 'Event');
      expect(record!.Item).toMatchObject({
        outcome: { S: outcome },
        caseId: { S: sent.event.caseId },
        sentByUserId: { S: sender.userId },
        sentByOrganisation: { S: sender.organisation },
      });
      expect(bodyOf(record!)).toEqual(sent.decision.response);
      expect(JSON.stringify(bodyOf(record!))).not.toContain(sender.userId);
    },
  );
});

describe('rejected and duplicate events', () => {
  it('a refused event writes only its event record and the audit of the refusal, never the case', () => {
    // Prepare
    const { r } = opened();
    // Act: a school Key Adult may not record the request
    const refused = r.apply(
      'requestSentToHealth',
      { sentAt: '2026-12-15T10:00:00Z', consentIncluded: true },
      people.school,
      '2026-12-15T10:00:00Z',
    );
    // Assess
    expect(refused.decision.outcome).toBe('rejected');
    expect(refused.items.map((i) => ('Put' in i ? str(i.Put.Item, 'entityType') : Object.keys(i)[0]))).toEqual([
      'Event',
      'Audit',
    ]);
    expect(bodyOf(putsOf(refused.items, 'Audit')[0]!)).toMatchObject({
      action: 'refused',
      actor: { userId: 'u-s', role: 'school-key-adult' },
    });
    expect(putsOf(refused.items, 'Event')[0]!.Item.outcome).toEqual({ S: 'rejected' });
  });

  it('an invalid event writes only its event record', () => {
    const { r } = opened();
    const invalid = r.apply(
      'requestSentToHealth',
      { sentAt: 'yesterday', consentIncluded: true },
      people.socialWorker,
      '2026-12-15T10:00:00Z',
    );
    expect(invalid.decision.outcome).toBe('rejected');
    expect(invalid.items).toHaveLength(1);
    expect(putsOf(invalid.items, 'Event')).toHaveLength(1);
  });

  it('a rejected opening event writes no case', () => {
    const r = new Recorder();
    const invalid = r.apply('childEnteredCare', enteredCare({ legalBasis: 'voluntary' }), people.frontDoor, ENTRY);
    expect(invalid.decision.outcome).toBe('rejected');
    expect(putsOf(invalid.items, 'Case')).toEqual([]);
  });

  it('a duplicate writes nothing', () => {
    const { r } = opened();
    r.apply(
      'requestSentToHealth',
      { sentAt: '2026-12-15T10:00:00Z', consentIncluded: true },
      people.socialWorker,
      '2026-12-15T10:00:00Z',
      'evt-same',
    );
    const again = r.apply(
      'requestSentToHealth',
      { sentAt: '2026-12-15T10:00:00Z', consentIncluded: true },
      people.socialWorker,
      '2026-12-15T10:00:00Z',
      'evt-same',
    );
    expect(again.decision.outcome).toBe('duplicate');
    expect(again.items).toEqual([]);
  });
});

describe("the child's personal data", () => {
  it("stays in the case item and the timeline: no other item carries the child's name or date of birth", () => {
    // Prepare: a whole journey, with alerts, a breach, a late completion and a review planned
    const { r, first } = opened();
    const transactions = [first.items];
    transactions.push(
      r.apply(
        'requestSentToHealth',
        { sentAt: '2027-01-06T10:00:00Z', consentIncluded: false },
        people.socialWorker,
        '2027-01-06T10:00:00Z',
      ).items,
    );
    for (;;) {
      const next = r.h.timers[0];
      if (!next || next.dueAt > '2027-01-21T00:00:00Z') break;
      transactions.push(r.fire(next).items);
    }
    transactions.push(
      r.apply('appointmentBooked', { appointmentOn: '2027-01-22' }, people.health, '2027-01-21T09:00:00Z').items,
    );
    transactions.push(
      r.apply(
        'assessmentCompleted',
        {
          completedOn: '2027-01-22',
          practitioner: { name: 'Dr Ward' },
          healthPlanShared: true,
          delayReason: { code: 'healthCapacity' },
        },
        people.health,
        '2027-01-22T15:00:00Z',
      ).items,
    );
    transactions.push(
      r.apply(
        'requestSentToHealth',
        { sentAt: '2027-01-06T10:00:00Z', consentIncluded: true },
        people.school,
        '2027-01-23T10:00:00Z',
      ).items,
    );
    // Act
    const all = transactions.flat();
    const byType = new Map<string, string[]>();
    for (const i of all) {
      const key = 'Put' in i ? str(i.Put.Item, 'entityType')! : Object.keys(i)[0]!;
      byType.set(key, [...(byType.get(key) ?? []), JSON.stringify(i)]);
    }
    // Assess: the journey produced every kind of item
    expect([...byType.keys()].sort()).toEqual([
      'Audit',
      'Case',
      'Clock',
      'Event',
      'Feed',
      'Outbox',
      'Timeline',
      'Wake',
    ]);
    expect(byType.get('Case')!.join()).toContain(CHILD_NAME); // the test would prove nothing if the name were not there at all
    for (const [type, serialized] of byType) {
      if (type === 'Case' || type === 'Timeline') continue;
      for (const s of serialized) {
        expect(s, `${type} item`).not.toContain(CHILD_NAME);
        expect(s, `${type} item`).not.toContain(CHILD_DOB);
        expect(s, `${type} item`).not.toContain('RCC-1001'); // the council's case reference
      }
    }
  });

  it('outbox messages name the case by its code', () => {
    const { first } = opened();
    const messages = putsOf(first.items, 'Outbox').map(bodyOf) as OutboxMessage[];
    const record = putsOf(first.items, 'Case').map(bodyOf)[0] as CaseRecord;
    for (const m of messages) expect(m.subject).toContain(record.caseCode);
  });
});

describe('the transaction limit', () => {
  it('refuses to build a transaction of more than 100 writes', () => {
    const { r, first } = opened();
    const applied = first.decision as Extract<Decision, { case: unknown }>;
    const many: Decision = {
      ...applied,
      notifications: Array.from({ length: 100 }, (_, i) => ({ ...applied.notifications[0]!, messageId: `m-${i}` })),
    };
    expect(() => transactItemsFor(TABLE, first.event, many, undefined)).toThrow(/at most 100/);
    expect(r.h.record).toBeDefined();
  });
});
