/**
 * Mental health crisis: young people presenting on any day and at any hour, assessed face to face (most
 * within 4 or 24 hours), met by the Bronze MDT (first within a working day, then daily while Red and weekly
 * while Amber), medically fit and, when the discharge is delayed, escalated by the platform to Silver at 24
 * hours and Gold at 72 (the chair holding each level's meeting, most in time), Tier 4 referrals and bed
 * offers, Care, Education and Treatment Reviews after an admission, and intensive home treatment. Each
 * young person is one story; the ledger works each escalation out from the instants it chose.
 */
import { addCalendarDays, endOfLondonDay, type LocalDate, londonDateTime } from '#core/calendar/index';
import { dayOf, daysFrom, dueOf, monthOf, type SimulationContext, timeOn } from './context';
import { people } from './partnership';
import type { Random } from './random';
import type { Answer } from './world';

const PROCESS = 'crisis-escalation';
const HOUR = 3_600_000;
const ACUTE = ['emergencyDepartment', 'paediatricWard'];
const ORGS = ['riverside-health', 'riverside-council', 'riverside-icb'];

export function startPresentations(ctx: SimulationContext) {
  const perDay = (ctx.config.crisis.presentationsPerYear * ctx.scale) / 365;
  let n = 0;
  for (const day of daysFrom(dayOf(ctx.start), dayOf(ctx.end))) {
    const rng = ctx.world.random(`crisis-${day}`);
    const count = rng.poisson(perDay);
    for (let i = 0; i < count; i++) {
      const id = ++n;
      const at = ctx.world.slot(timeOn(rng, day, '00:00', '23:30'));
      if (at.getTime() > ctx.end.getTime()) continue;
      ctx.world.spawn(`crisis-${id}`, at, () => youngPerson(ctx, id, ctx.world.random(`crisis-${day}-${i}`)));
    }
  }
}

interface Meeting {
  at: Date;
}

async function youngPerson(ctx: SimulationContext, n: number, rng: Random) {
  const { world, ledger, config, workingDays: wd } = ctx;
  const c = config.crisis;
  const key = `CRISIS-${n}`;
  const presentedAt = world.now();
  const setting = rng.weighted(c.settings);
  const routeIn = rng.weighted(c.routesIn);
  const urgency = rng.chance(c.veryUrgentShare) ? 'veryUrgent' : 'urgent';
  const rating = rng.weighted(c.ratings);
  const autistic = rng.chance(c.autisticOrLearningDisabilityShare);
  // Born in the year `age + 1` before: 11 to 17 on the day they present, never 18.
  const age = rng.int(10, 16);
  const year = Number(dayOf(presentedAt).slice(0, 4));
  const opened = await world.expect(
    people.health,
    'POST',
    `/processes/${PROCESS}/cases`,
    {
      caseReference: `CAMHS-SIM-${n}`,
      youngPerson: {
        name: `Young Person ${n}`,
        dateOfBirth: `${year - age - 1}-${String(rng.int(1, 12)).padStart(2, '0')}-15`,
      },
      presentedAt: presentedAt.toISOString(),
      setting,
      routeIn,
      urgency,
      rating,
      autisticOrLearningDisability: autistic,
      healthProvider: 'riverside-health',
      localAuthority: 'riverside-council',
    },
    `${key} presented`,
  );
  if (opened.status >= 300) return;
  const caseId = opened.body.caseId as string;
  const month = monthOf(presentedAt);
  ledger.count(PROCESS, 'presentations', { month, groups: { setting, routeIn } });
  ledger.count(PROCESS, urgency === 'veryUrgent' ? 'very-urgent' : 'urgent', { month });
  const assessmentDue = Date.parse(dueOf(opened, 'crisis-assessment')!);
  const firstMeetingDue = Date.parse(dueOf(opened, 'bronze-first-meeting')!);
  const event = (body: Record<string, unknown>, what: string, by = people.health) =>
    world.expect(by, 'POST', `/cases/${caseId}/events`, body, `${key} ${what}`);
  const slots = (ms: number) => Math.round(ms / (world.slotMinutes * 60_000));
  const slotMs = world.slotMinutes * 60_000;

  // The shape of the stay, drawn now.
  const acute = ACUTE.includes(setting);
  const tier4 = acute && rng.chance(c.tier4ReferralShare);
  const fitAt = acute ? new Date(presentedAt.getTime() + rng.int(24, 120) * slotMs) : undefined;
  // Half-hours from medically fit to leaving, never exactly 24 or 72 hours (the escalations' instants).
  const delay = rng.next();
  const delaySlots = fitAt
    ? delay < c.dischargeDelay.within24Hours
      ? rng.int(1, slots(24 * HOUR) - 1)
      : delay < c.dischargeDelay.within72Hours
        ? rng.int(slots(24 * HOUR) + 1, slots(72 * HOUR) - 1)
        : rng.int(slots(72 * HOUR) + 1, slots(140 * HOUR))
    : 0;
  const dischargeAt = fitAt
    ? new Date(fitAt.getTime() + delaySlots * slotMs)
    : new Date(presentedAt.getTime() + rng.int(8, 96) * slotMs);
  const silverAt = fitAt && delaySlots * slotMs > 24 * HOUR ? new Date(fitAt.getTime() + 24 * HOUR) : undefined;
  const goldAt = fitAt && delaySlots * slotMs > 72 * HOUR ? new Date(fitAt.getTime() + 72 * HOUR) : undefined;
  const outcome = tier4
    ? 'tier4Admission'
    : rng.chance(c.homeTreatmentShare)
      ? 'homeWithHomeTreatment'
      : rng.pick(['carePlacement', 'localityTeam'] as const);

  type Step = { at: Date; run: () => Promise<void> };
  const steps: Step[] = [];
  // The face-to-face assessment.
  const target = urgency === 'veryUrgent' ? 4 : 24;
  const assessAt = rng.chance(c.assessedWithinTargetShare)
    ? new Date(presentedAt.getTime() + rng.int(1, slots(target * HOUR) - 1) * slotMs)
    : new Date(assessmentDue + rng.int(1, 12) * slotMs);
  let assessedAt: Date | undefined;
  steps.push({
    at: assessAt,
    run: async () => {
      const done = await event({ type: 'crisisAssessed', assessedAt: world.now().toISOString() }, 'assessment');
      if (done.status < 300) assessedAt = world.now();
    },
  });
  // Bronze: the first meeting, then the cadence while rated Red (daily) or Amber (weekly).
  const meetings: Meeting[] = [];
  const firstDay = dayOf(new Date(firstMeetingDue));
  const firstAt = rng.chance(c.firstBronzeMeetingOnTimeShare)
    ? (() => {
        const at = world.slot(timeOn(rng, firstDay, '09:00', '12:00'));
        return at.getTime() > presentedAt.getTime() ? at : new Date(presentedAt.getTime() + slotMs);
      })()
    : world.slot(timeOn(rng, wd.addWorkingDays(firstDay, 1), '10:00', '12:00'));
  const bronze = (at: Date) =>
    steps.push({
      at,
      run: async () => {
        const held = await event(
          {
            type: 'bronzeMeetingHeld',
            heldAt: world.now().toISOString(),
            organisationsPresent: ORGS,
            decisions: 'Agreed the support the young person asked for',
            plan: 'Ward and crisis team review together',
          },
          'Bronze meeting',
          people.bronzeChair,
        );
        if (held.status < 300) meetings.push({ at: world.now() });
      },
    });
  bronze(firstAt);
  const firstMeetingDay = dayOf(firstAt);
  if (rating !== 'green') {
    const every = rating === 'red' ? 1 : 7;
    for (let k = 1; ; k++) {
      const day = addCalendarDays(firstMeetingDay, k * every);
      const at = world.slot(timeOn(rng, day, '10:00', '11:00'));
      if (at.getTime() >= dischargeAt.getTime()) break;
      if (rng.chance(c.bronzeMeetingHeldShare)) bronze(at);
    }
  }
  if (fitAt)
    steps.push({
      at: fitAt,
      run: async () => void (await event({ type: 'medicallyFit', fitAt: world.now().toISOString() }, 'medically fit')),
    });
  // Silver and Gold: the chair reads the meeting's deadline on the case, then holds it, most in time.
  const levelDue: { silver?: number; gold?: number } = {};
  const levelHeld: { silver?: Date; gold?: Date } = {};
  for (const [level, at] of [
    ['silver', silverAt],
    ['gold', goldAt],
  ] as const) {
    if (!at) continue;
    steps.push({
      at: new Date(at.getTime() + slotMs),
      run: async () => {
        const read = await world.api(people.bronzeChair, 'GET', `/cases/${caseId}`);
        const due = (read.body?.clocks as { id: string; dueAt: string }[] | undefined)?.find(
          (x) => x.id === `${level}-meeting`,
        )?.dueAt;
        if (!due) return;
        levelDue[level] = Date.parse(due);
        const meetAt = rng.chance(c.levelMeetingOnTimeShare)
          ? new Date(
              Math.max(
                world.now().getTime() + slotMs,
                Math.floor((Date.parse(due) - rng.int(1, 8) * HOUR) / slotMs) * slotMs,
              ),
            )
          : new Date(Date.parse(due) + rng.int(1, 16) * slotMs);
        steps.push({
          at: meetAt,
          run: async () => {
            const held = await event(
              {
                type: `${level}MeetingHeld`,
                heldAt: world.now().toISOString(),
                organisationsPresent: ORGS,
                decisions: 'Agreed who does what to bring the young person home',
                plan: 'A discharge plan with the family',
                outcome: 'resolved',
              },
              `${level} meeting`,
              people.bronzeChair,
            );
            if (held.status < 300) levelHeld[level] = world.now();
          },
        });
      },
    });
  }
  if (tier4) {
    const referAt = new Date(presentedAt.getTime() + rng.int(4, 40) * slotMs);
    steps.push({
      at: referAt,
      run: async () =>
        void (await event({ type: 'tier4Referred', referredAt: world.now().toISOString() }, 'Tier 4 referral')),
    });
    const offerAt = new Date(Math.min(referAt.getTime() + rng.int(24, 120) * slotMs, dischargeAt.getTime() - slotMs));
    if (offerAt > referAt)
      steps.push({
        at: offerAt,
        run: async () =>
          void (await event({ type: 'tier4BedOffered', offeredAt: world.now().toISOString() }, 'Tier 4 bed offer')),
      });
  }
  let discharged: Answer | undefined;
  let dischargedAt: Date | undefined;
  steps.push({
    at: dischargeAt,
    run: async () => {
      discharged = await event({ type: 'discharged', dischargedAt: world.now().toISOString(), outcome }, 'discharge');
      if (discharged.status < 300) dischargedAt = world.now();
    },
  });

  const careReview: { due?: number; heldAt?: Date } = {};
  ctx.atEnd.push((end) =>
    settle(ctx, month, end, {
      urgency,
      assessmentDue,
      assessedAt,
      firstMeetingDue,
      firstMeeting: meetings[0]?.at,
      meetings,
      rating,
      fitAt,
      silverAt,
      goldAt,
      levelDue,
      levelHeld,
      dischargedAt,
      tier4,
      careReview,
    }),
  );

  // Act, in time order, until the young person leaves (nothing about the stay is recorded after) or the year ends.
  while (steps.length) {
    steps.sort((a, b) => a.at.getTime() - b.at.getTime());
    const step = steps.shift()!;
    if (step.at.getTime() > ctx.end.getTime()) return;
    if (dischargedAt && step.at.getTime() >= dischargedAt.getTime()) break;
    await world.at(step.at);
    await step.run();
  }
  if (!dischargedAt || !discharged) return;
  if (outcome === 'tier4Admission' && autistic) {
    careReview.due = Date.parse(dueOf(discharged, 'post-admission-care-review')!);
    const dueDay = dayOf(new Date(careReview.due));
    const day = rng.chance(c.levelMeetingOnTimeShare) ? dueDay : wd.addWorkingDays(dueDay, rng.int(1, 3));
    const at = world.slot(timeOn(rng, day, '15:00', '15:30'));
    if (at.getTime() > ctx.end.getTime()) return;
    await world.at(at);
    const held = await event(
      { type: 'careReviewHeld', kind: 'postAdmission', heldOn: dayOf(world.now()) },
      'care review',
    );
    if (held.status < 300) careReview.heldAt = world.now();
  }
  if (outcome === 'homeWithHomeTreatment') {
    const endsOn = dayOf(new Date(dueOf(discharged, 'intensive-home-treatment') ?? dischargedAt));
    const at = world.slot(londonDateTime(endsOn, '09:00'));
    if (at.getTime() > ctx.end.getTime()) return;
    await world.at(at);
    await event({ type: 'homeTreatmentEnded', endedOn: endsOn }, 'home treatment ended');
  }
}

/** What the young person counts for, once the year is over, from the instants the story chose and saw. */
function settle(
  ctx: SimulationContext,
  month: string,
  end: Date,
  s: {
    urgency: string;
    assessmentDue: number;
    assessedAt: Date | undefined;
    firstMeetingDue: number;
    firstMeeting: Date | undefined;
    meetings: Meeting[];
    rating: string;
    fitAt: Date | undefined;
    silverAt: Date | undefined;
    goldAt: Date | undefined;
    levelDue: { silver?: number; gold?: number };
    levelHeld: { silver?: Date; gold?: Date };
    dischargedAt: Date | undefined;
    tier4: boolean;
    careReview: { due?: number; heldAt?: Date };
  },
) {
  const { ledger } = ctx;
  const count = (measure: string, m = month, value?: number) =>
    ledger.count(PROCESS, measure, { month: m, ...(value !== undefined ? { value } : {}) });
  const left = s.dischargedAt;
  const until = (left ?? end).getTime();
  // The assessment within its hours: only one recorded (before discharge) counts.
  if (s.assessedAt && s.assessedAt.getTime() <= s.assessmentDue)
    count(s.urgency === 'veryUrgent' ? 'assessed-within-4-hours' : 'assessed-within-24-hours');
  // Escalations happened where the stay went on past them (and the year reached them).
  const silver = s.silverAt && s.silverAt.getTime() <= until ? s.silverAt : undefined;
  const gold = s.goldAt && s.goldAt.getTime() <= until ? s.goldAt : undefined;
  if (silver) count('escalated-to-silver');
  if (gold) count('escalated-to-gold');
  if (silver && (gold || left))
    count('hours-at-silver', month, round2(((gold ?? left)!.getTime() - silver.getTime()) / HOUR));
  if (gold && left) count('hours-at-gold', month, round2((left.getTime() - gold.getTime()) / HOUR));
  if (s.fitAt && left) count('delayed-discharge-hours', month, round2((left.getTime() - s.fitAt.getTime()) / HOUR));
  if (s.tier4) count('tier4-referrals');
  // Clocks, in the month each fell due: known once stopped, or once due with nothing recorded while open.
  const clock = (dueId: string, withinId: string, due: number, stop: Date | undefined, stoppedOtherwiseAt: number) => {
    // A due instant reached as the stay ended (or the year) fired first: the clock was missed.
    if (!stop && !(stoppedOtherwiseAt >= due)) return;
    const m = monthOf(new Date(due));
    count(dueId, m);
    if (stop && stop.getTime() <= due) count(withinId, m);
  };
  clock(
    'first-bronze-meetings-due',
    'first-bronze-meetings-within-1-working-day',
    s.firstMeetingDue,
    s.firstMeeting,
    until,
  );
  // Escalated to Gold first, the Silver meeting's clock stopped then (a later Silver meeting stops nothing).
  const silverStopped = Math.min(until, gold?.getTime() ?? until);
  const silverHeld =
    s.levelHeld.silver && s.levelHeld.silver.getTime() < silverStopped ? s.levelHeld.silver : undefined;
  if (silver && s.levelDue.silver !== undefined)
    clock('silver-meetings-due', 'silver-meetings-within-1-working-day', s.levelDue.silver, silverHeld, silverStopped);
  if (gold && s.levelDue.gold !== undefined)
    clock('gold-meetings-due', 'gold-meetings-within-24-hours', s.levelDue.gold, s.levelHeld.gold, until);
  if (s.careReview.due !== undefined)
    clock('care-reviews-due', 'care-reviews-within-timescale', s.careReview.due, s.careReview.heldAt, end.getTime());
  // The Bronze cadence: from the first meeting's day, an occurrence at the end of each day (Red) or
  // seventh day (Amber) while the stay lasts; held when a meeting fell in its day or week.
  if (s.firstMeeting && s.rating !== 'green') {
    const every = s.rating === 'red' ? 1 : 7;
    const firstDay = dayOf(s.firstMeeting);
    for (let k = 1; ; k++) {
      const day: LocalDate = addCalendarDays(firstDay, k * every);
      const due = endOfLondonDay(day);
      if (due.getTime() > until) break;
      const from = addCalendarDays(day, 1 - every);
      const held = s.meetings.some((m) => {
        const d = dayOf(m.at);
        return d >= from && d <= day;
      });
      count('bronze-meetings-due', monthOf(due));
      if (held) count('bronze-meetings-on-cadence', monthOf(due));
    }
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;
