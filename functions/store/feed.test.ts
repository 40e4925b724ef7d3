/**
 * Which councils follow a case's clocks, and what an entry carries: the case's councils whose own staff may
 * read the case (so a mental health crisis, read by the clinical group alone, is in no council's feed), and
 * the council's person id only for the council that holds the case.
 */
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '#core/calendar/index';
import { startClock } from '#core/clocks/engine';
import { definitionOf } from '#core/process/catalogue';
import type { CaseRecord } from '#core/process/model';
import { partnership } from '#functions/runtime';
import * as crisisParts from '#workflows/crisis-escalation/index';
import * as ihaParts from '#workflows/initial-health-assessment/index';
import { councilsFollowing, FEED_CURSOR, type FeedCommit, feedEntriesFor, feedPosition, personIdOf } from './feed';

const iha = definitionOf(ihaParts);
const crisis = definitionOf(crisisParts);
const AT = new Date('2027-01-11T09:00:00.000Z');

/** A case of a process, opened by `organisation`, on `organisations`, with its first clock just started. */
function caseOf(
  definition: typeof iha | typeof crisis,
  organisation: string,
  organisations: string[],
  extra: Partial<CaseRecord> = {},
): CaseRecord {
  const clock = startClock(definition.clocks[0]!, { startedAt: AT }, { workingDays: createWorkingDayCalendar() });
  return {
    caseId: 'iha-abcd-efgh',
    caseCode: 'IHA-ABCD-EFGH',
    process: definition.id,
    version: 1,
    status: 'open',
    stage: 'open',
    openedAt: AT.toISOString(),
    organisation,
    organisations,
    details: {},
    clocks: { [clock.id]: clock },
    timers: {},
    recentEventIds: [],
    ...extra,
  };
}

const commitOf = (definition: typeof iha | typeof crisis): FeedCommit => ({
  committedAt: AT.toISOString(),
  partnership,
  clocks: definition.clocks,
  access: definition,
});

describe('the councils that follow a case', () => {
  it('an IHA case: its council, whose staff read it; the health provider and ICB on it are no council', () => {
    const record = caseOf(iha, 'riverside-council', ['riverside-council', 'riverside-health', 'riverside-icb']);
    expect(councilsFollowing(record, commitOf(iha))).toEqual(['riverside-council']);
  });

  it("a young person's crisis, read by the clinical group alone: no council, though the council is on the case", () => {
    const record = caseOf(crisis, 'riverside-health', ['riverside-health', 'riverside-icb', 'riverside-council']);
    expect(councilsFollowing(record, commitOf(crisis))).toEqual([]);
    expect(feedEntriesFor(undefined, record, commitOf(crisis))).toEqual([]);
  });
});

describe('an entry', () => {
  it("carries the case's person id, read defensively, and never anything else about the child", () => {
    const record = caseOf(iha, 'riverside-council', ['riverside-council'], {
      details: { personId: 'P-42', child: { name: 'Never Shown', dateOfBirth: '2016-01-01' } },
    });
    const [entry] = feedEntriesFor(undefined, record, commitOf(iha));
    expect(entry).toMatchObject({ council: 'riverside-council', event: 'started', personId: 'P-42' });
    expect(JSON.stringify(entry)).not.toMatch(/Never Shown|2016-01-01/);
    expect(personIdOf({ ...record, details: { personId: 42 } })).toBeUndefined();
    expect(personIdOf({ ...record, details: { personId: 'x'.repeat(65) } })).toBeUndefined();
    expect(personIdOf({ ...record, details: null })).toBeUndefined();
    expect(personIdOf({ ...record, personId: 'P-7' } as CaseRecord)).toBe('P-7');
  });

  it('has an id that is a cursor, and positions sort as commits do', () => {
    const id = feedPosition('2027-01-11T09:00:00.000Z', 'iha-abcd-efgh', 12, 3);
    expect(id).toBe('2027-01-11T09:00:00.000Z_iha-abcd-efgh_00000012_003');
    expect(FEED_CURSOR.test(id)).toBe(true);
    expect(FEED_CURSOR.test('2027-01-11T09:00:00.000Z')).toBe(true);
    // A later version of the same case at the same instant, and a later instant of any case, sort after.
    expect(feedPosition('2027-01-11T09:00:00.000Z', 'iha-abcd-efgh', 13, 0) > id).toBe(true);
    expect(feedPosition('2027-01-11T09:00:00.001Z', 'aa-0000-0000', 1, 0) > id).toBe(true);
  });
});
