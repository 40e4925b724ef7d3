/**
 * Before admission: young people rated Red or Amber (at risk of admission to a mental health hospital) on
 * the Dynamic Support Register kept by the health provider, on any day. A key worker is named (some at the
 * rating, most within 5 working days, some later); the community Care (Education) and Treatment Review is
 * held (most by its due date, some late); the weekly all-agency meeting to prevent admissions discusses the
 * young person (the first within 7 days of the rating, then on the same weekday each week, some weeks not);
 * after some weeks they are no longer at risk, or are admitted (a few before the community review). Each
 * young person is one story; the ledger takes each clock's deadline from what the case showed the person
 * acting, and what was done when.
 */
import { addCalendarDays, compareLocalDates, endOfLondonDay, type LocalDate, londonDateOf } from '#core/calendar/index';
import { clockOutcome, dayOf, daysFrom, dueOf, monthOf, type SimulationContext, timeOn } from './context';
import { people } from './partnership';
import type { Random } from './random';

const PROCESS = 'before-admission';
const NAMES = ['Rowan', 'Skye', 'Jude', 'Ellis', 'Ari', 'Quinn', 'Remy', 'Sasha', 'Tate', 'Wren'];
const SURNAMES = ['Price', 'Lowe', 'Idowu', 'Kowalski', 'Singh', 'Barker', 'Osei', 'Hart'];
const KEY_WORKER = { name: 'Jo Adeyemi', email: 'jo.adeyemi@riverside-health.example.nhs.uk' };
const PRESENT = ['riverside-health', 'riverside-council', 'riverside-icb'];

export function startRatings(ctx: SimulationContext) {
  const perDay = (ctx.config.beforeAdmission.ratingsPerYear * ctx.scale) / 365;
  let n = 0;
  for (const day of daysFrom(dayOf(ctx.start), dayOf(ctx.end))) {
    const rng = ctx.world.random(`at-risk-${day}`);
    const count = rng.poisson(perDay);
    for (let i = 0; i < count; i++) {
      const id = ++n;
      const at = ctx.world.slot(timeOn(rng, day, '09:00', '18:00'));
      if (at.getTime() > ctx.end.getTime()) continue;
      ctx.world.spawn(`at-risk-${id}`, at, () => youngPerson(ctx, id, ctx.world.random(`at-risk-${day}-${i}`)));
    }
  }
}

async function youngPerson(ctx: SimulationContext, n: number, rng: Random) {
  const { world, ledger, config, workingDays: wd } = ctx;
  const c = config.beforeAdmission;
  const key = `DSR-${n}`;
  const ratedAt = world.now();
  const ratedDay = dayOf(ratedAt);
  const clinician = people.health;
  const keyWorkerAtRating = rng.chance(c.keyWorkerAtRatingShare);
  const opened = await world.expect(
    clinician,
    'POST',
    `/processes/${PROCESS}/cases`,
    {
      caseReference: `CAMHS-SIM-${n}`,
      youngPerson: {
        name: `${rng.pick(NAMES)} ${rng.pick(SURNAMES)}`,
        dateOfBirth: addCalendarDays(ratedDay, -(365 * rng.int(10, 16) + rng.int(1, 360))),
      },
      ratedAt: ratedAt.toISOString(),
      rating: rng.chance(c.redShare) ? 'red' : 'amber',
      healthProvider: clinician.organisation,
      localAuthority: 'riverside-council',
      ...(keyWorkerAtRating ? { keyWorker: KEY_WORKER } : {}),
    },
    `${key} rated at risk`,
  );
  if (opened.status >= 300) return;
  const caseId = opened.body.caseId as string;
  ledger.count(PROCESS, 'rated-at-risk', { month: monthOf(ratedAt) });
  const event = (body: Record<string, unknown>, what: string) =>
    world.expect(clinician, 'POST', `/cases/${caseId}/events`, body, `${key} ${what}`);

  const reviewDue = dueOf(opened, 'community-care-review')!;
  const keyWorkerDue = dueOf(opened, 'key-worker-named');
  let reviewedAt: Date | undefined;
  let namedAt: Date | undefined;
  let closedAt: Date | undefined;
  let admittedWithoutReview = false;
  let firstWeekDue: string | undefined;
  const meetings: Date[] = [];
  ctx.atEnd.push((end) => {
    const review = clockOutcome(reviewDue, reviewedAt, closedAt, end);
    if (review) {
      ledger.count(PROCESS, 'community-reviews-due', { month: review.month });
      if (review.within) ledger.count(PROCESS, 'community-reviews-within-timescale', { month: review.month });
    }
    const named = keyWorkerDue ? clockOutcome(keyWorkerDue, namedAt, closedAt, end) : undefined;
    if (named) {
      ledger.count(PROCESS, 'key-workers-due', { month: named.month });
      if (named.within) ledger.count(PROCESS, 'key-workers-named-within-target', { month: named.month });
    }
    if (admittedWithoutReview && closedAt)
      ledger.count(PROCESS, 'admitted-without-community-review', { month: monthOf(closedAt) });
    // Each week from the first meeting while at risk: its end (the end of a London day), and a discussion in it.
    if (!firstWeekDue) return;
    for (let day = dayOf(firstWeekDue); ; day = addCalendarDays(day, 7)) {
      const due = endOfLondonDay(day);
      if (due.getTime() > end.getTime() || (closedAt && due.getTime() >= closedAt.getTime())) break;
      ledger.count(PROCESS, 'weekly-meetings-due', { month: monthOf(due) });
      const from = addCalendarDays(day, -6);
      const discussed = meetings.some((m) => {
        const held = londonDateOf(m);
        return compareLocalDates(held, from) >= 0 && compareLocalDates(held, day) <= 0 && m <= due;
      });
      if (discussed) ledger.count(PROCESS, 'weekly-meetings-held', { month: monthOf(due) });
    }
  });

  /** The day and time of something planned, not before tomorrow. */
  const on = (day: LocalDate, from: string, to: string) => {
    const tomorrow = addCalendarDays(dayOf(world.now()), 1);
    return world.slot(timeOn(rng, compareLocalDates(day, tomorrow) < 0 ? tomorrow : day, from, to));
  };

  // What is planned: the key worker, the community review, the first meeting, and the end of the time at risk.
  const admittedBeforeReview = rng.chance(c.admittedBeforeReviewShare);
  const reviewOnTime = rng.chance(c.communityReviewOnTimeShare);
  const reviewDueDay = dayOf(reviewDue);
  let reviewAt: Date | undefined = admittedBeforeReview
    ? undefined
    : reviewOnTime
      ? on(addCalendarDays(reviewDueDay, -rng.int(0, 3)), '10:00', '16:00')
      : on(wd.addWorkingDays(reviewDueDay, rng.int(1, 5)), '10:00', '16:00');
  let keyWorkerAt: Date | undefined = keyWorkerAtRating
    ? undefined
    : on(
        wd.addWorkingDays(ratedDay, rng.chance(c.keyWorkerWithinFiveWorkingDaysShare) ? rng.int(1, 5) : rng.int(6, 10)),
        '09:00',
        '17:00',
      );
  let meetingDay = addCalendarDays(ratedDay, rng.chance(c.firstMeetingWithinSevenDaysShare) ? rng.int(1, 7) : 8);
  let meetingAt: Date | undefined = on(meetingDay, '10:00', '10:30');
  const endAt = admittedBeforeReview
    ? on(addCalendarDays(ratedDay, rng.int(1, 4)), '18:00', '20:00')
    : on(
        addCalendarDays(ratedDay, 7 * rng.int(c.weeksAtRisk.from, c.weeksAtRisk.to) + rng.int(0, 6)),
        '12:00',
        '17:00',
      );
  const admitted = admittedBeforeReview || rng.chance(c.admittedShare);

  for (;;) {
    const at = new Date(
      Math.min(
        endAt.getTime(),
        reviewAt?.getTime() ?? Infinity,
        keyWorkerAt?.getTime() ?? Infinity,
        meetingAt?.getTime() ?? Infinity,
      ),
    );
    if (at > ctx.end) return;
    await world.at(at);
    const t = at.getTime();
    if (t === keyWorkerAt?.getTime()) {
      keyWorkerAt = undefined;
      const named = await event({ type: 'keyWorkerNamed', keyWorker: KEY_WORKER }, 'key worker');
      if (named.status >= 300) return;
      namedAt = world.now();
    } else if (t === reviewAt?.getTime()) {
      reviewAt = undefined;
      const held = await event({ type: 'communityReviewHeld', heldOn: dayOf(world.now()) }, 'community review');
      if (held.status >= 300) return;
      reviewedAt = world.now();
      if (!reviewOnTime) ledger.note(reviewedAt, PROCESS, key, 'community review held after its due date');
    } else if (t === meetingAt?.getTime()) {
      const first = meetings.length === 0;
      // The young person is discussed most weeks (the first meeting always, once it is held).
      if (first || rng.chance(c.discussedEachWeekShare)) {
        const held = await event(
          {
            type: 'meetingHeld',
            heldAt: world.now().toISOString(),
            organisationsPresent: PRESENT,
            decisions: 'Support at home continues with the crisis team visiting daily',
            plan: 'Review at next week’s meeting',
          },
          'meeting',
        );
        if (held.status >= 300) return;
        meetings.push(world.now());
        if (first) firstWeekDue = dueOf(held, 'all-agency-meetings');
      } else ledger.note(world.now(), PROCESS, key, 'not discussed at this week’s all-agency meeting');
      meetingDay = addCalendarDays(meetingDay, 7);
      meetingAt = world.slot(timeOn(rng, meetingDay, '10:00', '10:30'));
    } else {
      const ended = await event(
        {
          type: 'riskOfAdmissionEnded',
          at: world.now().toISOString(),
          outcome: admitted ? 'admitted' : 'stayingInCommunity',
        },
        'time at risk ended',
      );
      if (ended.status >= 300) return;
      closedAt = world.now();
      admittedWithoutReview = admitted && !reviewedAt;
      if (admittedWithoutReview) ledger.note(closedAt, PROCESS, key, 'admitted before a community review was held');
      return;
    }
  }
}
