/**
 * The councils' feed of clock events (issue 18): whenever a case's clock starts, restarts, pauses,
 * resumes, falls due soon, breaches, escalates, is met (in time or late), is withdrawn or has its due
 * instant moved, one entry per council of the case is written IN THE SAME TRANSACTION as the change
 * (./transaction.ts), so the feed holds exactly what the data holds: never an entry for a change that did
 * not commit, never a commit without its entries. What happened is worked out by comparing each clock
 * before and after (core/clocks/transitions.ts), never by the processes' rules.
 *
 * Each entry is an item under its council's partition, sorted by its position: the commit's instant,
 * the case, the case's version (one commit per version: the version check) and the entry's number in the
 * commit, so positions are unique and totally ordered. The commit's instant is taken by the rules step
 * just before it commits (functions/decide/handler.ts), and a commit lands within the rules step's
 * timeout of it, or never (it is then decided again, at a later instant). So a reader is given only
 * entries older than FEED_SETTLE_MS: every entry before that horizon is already written, and one read
 * from a cursor never misses an entry a later commit could still slot in before it, nor repeats one.
 *
 * Entries carry ids, codes, the clock's words and instants: no name, date of birth or free text.
 */
import type { ClockDefinition } from '#core/clocks/model';
import { type ClockEventKind, clockTransitions } from '#core/clocks/transitions';
import type { Role } from '#core/identity/actor';
import { type AccessFacts, councilsOf, mayReadCase } from '#core/process/access';
import type { CaseRecord } from '#core/process/model';
import { type Item, item } from './table';

/** How long a feed entry is kept (TTL): 90 days, then DynamoDB deletes it. */
export const FEED_TTL_SECONDS = 90 * 24 * 60 * 60;

/**
 * How long after its commit's instant an entry is given to readers: twice the rules step's 30-second
 * timeout (infra/righttime-stack.ts), by when any commit that took an earlier instant has landed or failed.
 */
export const FEED_SETTLE_MS = 60_000;

/** One clock event, as a council's case system reads it. */
export interface FeedEntry {
  /** The entry's position, and the cursor to read on from it (`since`). */
  id: string;
  council: string;
  process: string;
  /** The case's pseudonymous code (the case id is the same code). */
  caseCode: string;
  caseId: string;
  clockId: string;
  /** The clock's definition and its words (its title), e.g. "Initial health assessment". */
  clockDefinitionId: string;
  clock: string;
  /** Where its length comes from: statutory, a national standard or a local target. */
  source: 'statutory' | 'nationalStandard' | 'localTarget';
  event: ClockEventKind;
  /** For dueSoon and escalated: the checkpoint reached. */
  checkpointId?: string;
  /** The clock's due instant after the change. */
  dueAt: string;
  /** When it happened (a reminder: when it fell due; a met clock: when it was met). */
  at: string;
  /** When the change was committed. */
  recordedAt: string;
  /** The council's own person id for the child, when the case has one (recorded by that council). */
  personId?: string;
}

/** What the rules step knows of a commit that the feed needs. */
export interface FeedCommit {
  /** The commit's instant (ISO, UTC, milliseconds): taken just before it commits. */
  committedAt: string;
  /** The partnership, to find the case's councils (core/process/access.ts councilsOf). */
  partnership: AccessFacts['partnership'];
  /** The process's clocks, as the partnership has them: their checkpoints' kinds. */
  clocks: readonly Pick<ClockDefinition, 'id' | 'checkpoints'>[];
  /**
   * The process's need-to-know (core/process/access.ts): a council follows a case's clocks only where its
   * own staff may read the case (COUNCIL_STAFF), so a mental health crisis, read by the clinical group
   * alone, is in no council's feed.
   */
  access: Parameters<typeof mayReadCase>[1];
}

/** The council roles whose reading a case lets the council's case system follow its clocks. */
export const COUNCIL_STAFF: readonly Role[] = [
  'front-door',
  'lead-practitioner',
  'team-leader',
  'service-manager',
  'administrator',
];

/** The councils that follow a case's clocks: the case's councils (councilsOf) whose own staff may read it. */
export function councilsFollowing(record: CaseRecord, commit: Pick<FeedCommit, 'partnership' | 'access'>): string[] {
  const facts = { partnership: commit.partnership };
  return councilsOf(record, facts).filter((council) =>
    COUNCIL_STAFF.some((role) =>
      mayReadCase(
        { kind: 'person', userId: `feed:${council}`, name: 'feed', role, organisation: council },
        commit.access,
        record,
        facts,
      ),
    ),
  );
}

export const feedKey = {
  pk: (council: string) => `FEED#${council}`,
};

/**
 * A cursor: an entry's id, or an instant alone (ISO-8601 UTC with milliseconds: read from that instant on,
 * inclusive). Case ids are case codes in lower case (core/process/ids.ts), letters, digits and hyphens.
 */
export const FEED_CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z(?:_[A-Za-z0-9-]{1,120}_\d{8}_\d{3})?$/;

/** An entry's position: instant, case, version and number, each of fixed form, so they sort as they happened. */
export function feedPosition(committedAt: string, caseId: string, version: number, n: number): string {
  return `${committedAt}_${caseId}_${String(version).padStart(8, '0')}_${String(n).padStart(3, '0')}`;
}

/**
 * The council's own person id, read defensively: a case may carry one (`personId` on the record, or in
 * its details) once the openings take it; anything but a short string is left out.
 */
export function personIdOf(record: CaseRecord): string | undefined {
  const found =
    (record as { personId?: unknown }).personId ??
    (record.details && typeof record.details === 'object'
      ? (record.details as { personId?: unknown }).personId
      : undefined);
  return typeof found === 'string' && found.length > 0 && found.length <= 64 ? found : undefined;
}

/** The feed entries of one commit: each clock's transitions, for each council of the case. */
export function feedEntriesFor(current: CaseRecord | undefined, record: CaseRecord, commit: FeedCommit): FeedEntry[] {
  const councils = councilsFollowing(record, commit);
  if (!councils.length) return [];
  const timerAt = (clockId: string, checkpointId: string) =>
    Object.values(current?.timers ?? {}).find((t) => t.clockId === clockId && t.checkpointId === checkpointId)?.dueAt;
  const transitions = Object.values(record.clocks).flatMap((clock) =>
    clockTransitions(current?.clocks[clock.id], clock, {
      checkpoints: commit.clocks.find((c) => c.id === clock.definitionId)?.checkpoints ?? [],
      checkpointAt: timerAt,
      at: commit.committedAt,
    }).map((t) => ({ t, clock })),
  );
  // In the order they happened across the case's clocks (stable for one instant).
  transitions.sort((a, b) => a.t.at.localeCompare(b.t.at));
  const personId = personIdOf(record);
  return councils.flatMap((council) =>
    transitions.map(({ t, clock }, n) => ({
      id: feedPosition(commit.committedAt, record.caseId, record.version, n),
      council,
      process: record.process,
      caseCode: record.caseCode,
      caseId: record.caseId,
      clockId: clock.id,
      clockDefinitionId: clock.definitionId,
      clock: clock.title,
      source: clock.source.kind,
      event: t.kind,
      ...(t.checkpointId ? { checkpointId: t.checkpointId } : {}),
      dueAt: t.dueAt,
      at: t.at,
      recordedAt: commit.committedAt,
      // Only for the council that holds the case (a case another organisation opened may name several).
      ...(personId && (council === record.organisation || councils.length === 1) ? { personId } : {}),
    })),
  );
}

/**
 * Every field of an entry, each also kept as an attribute of its own (an optional one absent as ''), so
 * the table's stream can put an entry on the EventBridge bus as it is, with no code (infra/feed-bus.ts:
 * an EventBridge Pipe whose input template names these), and a council's rule can match on any of them.
 */
export const FEED_FIELDS = [
  'id',
  'council',
  'process',
  'caseCode',
  'caseId',
  'clockId',
  'clockDefinitionId',
  'clock',
  'source',
  'event',
  'checkpointId',
  'dueAt',
  'at',
  'recordedAt',
  'personId',
] as const satisfies readonly (keyof FeedEntry)[];

/** A feed entry as stored: under its council, sorted by position, deleted by TTL after FEED_TTL_SECONDS. */
export function feedItem(entry: FeedEntry): Item {
  const fields = Object.fromEntries(FEED_FIELDS.map((f) => [f, entry[f] ?? '']));
  return item(
    {
      ...fields,
      PK: feedKey.pk(entry.council),
      SK: entry.id,
      entityType: 'Feed',
      expiresAt: Math.floor(new Date(entry.recordedAt).getTime() / 1000) + FEED_TTL_SECONDS,
    },
    entry,
  );
}
