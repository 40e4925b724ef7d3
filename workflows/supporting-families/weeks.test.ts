/**
 * The episode's calendar weeks, counted by hand: week N ends at the end (23:59:59.999 London) of the
 * same weekday N weeks after the day of allocation. London is GMT (UTC+0) until the last Sunday of March
 * (29 Mar 2026, 28 Mar 2027) and BST (UTC+1) until the last Sunday of October (25 Oct 2026), so the end of
 * a summer day is 22:59:59.999Z.
 */
import { describe, expect, it } from 'vitest';
import type { ProcessHarness } from '#test/support/process-harness';
import { episodeFrom } from '#test/support/supporting-families';
import type { SfDetails } from './contract';

const timerAt = (h: ProcessHarness<SfDetails>, checkpoint: string) =>
  h.timers.find((t) => t.checkpointId === checkpoint)?.dueAt;

describe('episode weeks: the end of the same weekday N weeks on, London time', () => {
  it.each([
    // [case, allocated at (UTC), week 14, week 16 (due), week 20]
    [
      'Mon 5 Jan 2026 (the issue’s example): week 16 ends at the end of Mon 27 Apr 2026, in BST',
      '2026-01-05T10:00:00Z',
      '2026-04-13T22:59:59.999Z',
      '2026-04-27T22:59:59.999Z',
      '2026-05-25T22:59:59.999Z',
    ],
    [
      'across the spring clock change: Mon 2 Feb 2026 (GMT) to weeks ending in BST',
      '2026-02-02T09:00:00Z',
      '2026-05-11T22:59:59.999Z',
      '2026-05-25T22:59:59.999Z',
      '2026-06-22T22:59:59.999Z',
    ],
    [
      'across the autumn clock change: Wed 1 Jul 2026 (BST) to weeks ending in GMT',
      '2026-07-01T12:00:00Z',
      '2026-10-07T22:59:59.999Z',
      '2026-10-21T22:59:59.999Z',
      '2026-11-18T23:59:59.999Z',
    ],
    [
      'across the year end: Mon 7 Dec 2026, week 16 at the end of Mon 29 Mar 2027 (the day after BST starts)',
      '2026-12-07T10:00:00Z',
      '2027-03-15T23:59:59.999Z',
      '2027-03-29T22:59:59.999Z',
      '2027-04-26T22:59:59.999Z',
    ],
    [
      'allocated at 00:30 BST on Tue 2 Jun 2026 (23:30Z the day before): the London day counts, Tuesday',
      '2026-06-01T23:30:00Z',
      '2026-09-08T22:59:59.999Z',
      '2026-09-22T22:59:59.999Z',
      '2026-10-20T22:59:59.999Z',
    ],
    [
      'allocated at 23:59 on Thu 31 Dec 2026: weeks end on Thursdays, bank holidays and all',
      '2026-12-31T23:59:00Z',
      '2027-04-08T22:59:59.999Z',
      '2027-04-22T22:59:59.999Z',
      '2027-05-20T22:59:59.999Z',
    ],
  ] as const)('%s', (_case, allocatedAt, week14, week16, week20) => {
    // Prepare / Act
    const h = episodeFrom(allocatedAt);
    // Assess
    expect(h.record!.clocks.episode).toMatchObject({ status: 'running', dueAt: week16, length: 112 });
    expect([timerAt(h, 'week-14'), timerAt(h, 'week-16'), timerAt(h, 'week-20')]).toEqual([week14, week16, week20]);
  });

  it.each([
    // The reviews every 6 weeks, at 09:00 London on the day: Mon 5 Jan 2026 → Mon 16 Feb (GMT), Mon 30 Mar (BST)
    ['first review: week 6', 1, '2026-02-16T09:00:00.000Z'],
    ['second review: week 12, the day after BST starts', 2, '2026-03-30T08:00:00.000Z'],
    ['third review: week 18, while still open after week 16', 3, '2026-05-11T08:00:00.000Z'],
  ] as const)('Team Around the Family review: %s', (_case, occurrence, at) => {
    // Prepare
    const h = episodeFrom('2026-01-05T10:00:00Z');
    // Act: fire each review in turn, nothing else recorded
    let fired: string | undefined;
    for (let i = 1; i <= occurrence; i++) {
      const timer = h.timers.find((t) => t.checkpointId === 'team-around-the-family-review')!;
      fired = timer.dueAt;
      h.fire(timer);
    }
    // Assess
    expect(fired).toBe(at);
    expect(
      h.outbox
        .filter((m) => m.subject.includes('Team Around the Family review'))
        .map((m) => [m.createdAt, m.address])
        .at(-1),
    ).toEqual([at, 'sam.okafor@riverside.example.gov.uk']);
  });

  it('assessment within 4 weeks and plan within 6 weeks of allocation, by the same week rule', () => {
    const h = episodeFrom('2026-01-05T10:00:00Z');
    expect(h.record!.clocks.assessment!.dueAt).toBe('2026-02-02T23:59:59.999Z');
    expect(h.record!.clocks['family-plan']!.dueAt).toBe('2026-02-16T23:59:59.999Z');
  });
});
