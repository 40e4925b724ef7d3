/**
 * Health of children in care: children entering care on any day, the council's request to health (most
 * within 5 working days, some late), the appointment, the initial health assessment (some late, each with
 * its reason), review health assessments every 6 months under 5 and 12 from 5 (most on time), and some
 * children leaving care. Each child is one story; the ledger takes each clock's deadline from what the
 * case showed the person acting, and what was done when.
 */
import {
  addCalendarDays,
  addCalendarMonths,
  endOfLondonDay,
  type LocalDate,
  startOfLondonDay,
} from '#core/calendar/index';
import { defaultDelayReasons } from '#workflows/initial-health-assessment/settings';
import { childInCare } from './children-in-care';
import {
  clockOutcome,
  dayOf,
  daysFrom,
  dueOf,
  monthOf,
  type SimulationContext,
  timeOn,
  workingDayFrom,
} from './context';
import { people } from './partnership';
import type { Random } from './random';

const PROCESS = 'initial-health-assessment';
const NAMES = ['Amara', 'Jayden', 'Lily', 'Noah', 'Maya', 'Ethan', 'Zara', 'Ruby', 'Kai', 'Evie', 'Omar', 'Nia'];
const SURNAMES = ['Johnson', 'Clarke', 'Evans', 'Williams', 'Hussain', 'Brown', 'Ahmed', 'Taylor', 'Nowak', 'Mensah'];

export function startChildrenInCare(ctx: SimulationContext) {
  const perDay = (ctx.config.healthAssessments.childrenEnteringCarePerYear * ctx.scale) / 365;
  let n = 0;
  for (const day of daysFrom(dayOf(ctx.start), dayOf(ctx.end))) {
    const rng = ctx.world.random(`care-${day}`);
    const count = rng.poisson(perDay);
    for (let i = 0; i < count; i++) {
      const id = ++n;
      const at = ctx.world.slot(timeOn(rng, day, '08:00', '20:00'));
      if (at.getTime() > ctx.end.getTime()) continue;
      ctx.world.spawn(`child-${id}`, at, () => child(ctx, id, ctx.world.random(`child-${day}-${i}`)));
    }
  }
}

function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A date of birth for an age band ('0', '1-4', '10-15'), before the day. */
function dateOfBirthIn(rng: Random, band: string, day: LocalDate): string {
  const [from, to] = band.includes('-') ? band.split('-').map(Number) : [Number(band), Number(band)];
  const age = rng.int(from!, to!);
  return addCalendarDays(addCalendarMonths(day, -12 * age), -rng.int(1, 360));
}

async function child(ctx: SimulationContext, n: number, rng: Random) {
  const { world, ledger, config, workingDays: wd } = ctx;
  const c = config.healthAssessments;
  const key = `CIC-${n}`;
  const enteredAt = world.now();
  const entryDay = dayOf(enteredAt);
  const dateOfBirth = dateOfBirthIn(rng, rng.weighted(c.agesOnEntry), entryDay);
  const outOfArea = rng.chance(c.outOfAreaShare);
  const healthStaff = outOfArea ? people.healthNorthvale : people.health;
  const council = people.socialWorker;
  const name = `${rng.pick(NAMES)} ${rng.pick(SURNAMES)}`;
  const opened = await world.expect(
    council,
    'POST',
    `/processes/${PROCESS}/cases`,
    {
      caseReference: `RCC-SIM-${n}`,
      child: { name, dateOfBirth },
      enteredCareAt: enteredAt.toISOString(),
      legalBasis: rng.pick(['section20', 'interimCareOrder', 'emergencyProtectionOrder', 'policeProtection']),
      placement: { area: outOfArea ? 'outOfArea' : 'inArea', icb: outOfArea ? 'northvale-icb' : 'riverside-icb' },
      healthProvider: outOfArea ? 'northvale-health' : 'riverside-health',
      icb: 'riverside-icb',
      socialWorker: { name: council.name, email: council.email },
      socialWorkManager: { name: 'Ruth Green', email: 'ruth.green@riverside.example.gov.uk' },
    },
    `${key} entered care`,
  );
  if (opened.status >= 300) return;
  const caseId = opened.body.caseId as string;
  ledger.count(PROCESS, 'children-entering-care', { month: monthOf(enteredAt) });
  const requestDue = dueOf(opened, 'request-to-health')!;
  const assessmentDue = dueOf(opened, 'initial-health-assessment')!;
  const event = (by: typeof council, body: Record<string, unknown>, what: string) =>
    world.expect(by, 'POST', `/cases/${caseId}/events`, body, `${key} ${what}`);

  // When the child's case closes without anyone acting: turning 18 (the case's own timer) or leaving care.
  const eighteen = startOfLondonDay(addCalendarMonths(dateOfBirth, 18 * 12));
  const leaves = rng.chance(c.leaveCareWithinAYearShare)
    ? workingDayFrom(wd, addCalendarDays(entryDay, rng.int(30, 365)))
    : undefined;
  let closedAt: Date | undefined;
  let requestSentAt: Date | undefined;
  let assessedAt: Date | undefined;
  const reviews: { due: string; doneAt?: Date }[] = [];
  let reasonCode: string | undefined;
  ctx.atEnd.push((end) =>
    settle(ctx, { enteredAt, closedAt: closedAt ?? (eighteen < end ? eighteen : undefined) }, end, {
      requestDue,
      requestSentAt,
      assessmentDue,
      assessedAt,
      reasonCode,
      reviews,
      dateOfBirth,
    }),
  );

  const leaveAt = leaves ? world.slot(timeOn(rng, leaves, '16:00', '16:30')) : undefined;
  // The same entry into care, in the council's case system: the child's reviews and visits (./children-in-care.ts).
  world.spawn(`cic-${n}`, enteredAt, () =>
    childInCare(ctx, {
      n,
      caseReference: `RCC-SIM-${n}`,
      child: { name, dateOfBirth },
      enteredAt,
      ...(leaves && leaveAt ? { leaves: { on: leaves, at: leaveAt } } : {}),
      eighteen,
      rng: world.random(`cic-${n}`),
    }),
  );
  /** Wait for an instant; false when the child has left care (or turned 18) first, or the year ended. */
  const until = async (at: Date): Promise<boolean> => {
    if (closedAt) return false;
    if (leaveAt && leaveAt <= at && leaveAt <= ctx.end && leaveAt < eighteen) {
      await world.at(leaveAt);
      const left = await event(
        council,
        { type: 'childLeftCare', leftOn: leaves!, reason: 'returnedToFamily' },
        'left care',
      );
      if (left.status < 300) closedAt = world.now();
      return false;
    }
    if (at > ctx.end || at >= eighteen) return false;
    await world.at(at);
    return true;
  };

  // The request to health: within 5 working days, or later.
  const requestOffset = rng.chance(c.requestWithinFiveWorkingDaysShare) ? rng.int(0, 5) : rng.int(6, 12);
  const requestDay = requestOffset ? wd.addWorkingDays(entryDay, requestOffset) : entryDay;
  const requestAt = world.slot(timeOn(rng, requestDay, '09:00', '17:00'));
  if (!(await until(requestAt.getTime() < enteredAt.getTime() ? enteredAt : requestAt))) return;
  const sent = await event(
    council,
    { type: 'requestSentToHealth', sentAt: world.now().toISOString(), consentIncluded: rng.chance(0.9) },
    'request',
  );
  if (sent.status < 300) requestSentAt = world.now();
  const requestLate = !requestSentAt || requestSentAt.getTime() > Date.parse(requestDue);

  // The appointment and the assessment.
  const within = rng.chance(c.assessmentWithinTwentyWorkingDaysShare);
  const completeOffset = within ? rng.int(Math.min(20, requestOffset + 3), 20) : rng.int(21, 35);
  const completeDay = wd.addWorkingDays(entryDay, Math.max(completeOffset, requestOffset + 1));
  if (!(await until(world.slot(timeOn(rng, wd.addWorkingDays(dayOf(world.now()), 1), '10:00', '12:00'))))) return;
  await event(healthStaff, { type: 'appointmentBooked', appointmentOn: completeDay }, 'appointment');
  if (!(await until(world.slot(timeOn(rng, completeDay, '15:00', '15:30'))))) return;
  const late = endOfLondonDay(completeDay).getTime() > Date.parse(assessmentDue);
  reasonCode = late
    ? requestLate
      ? 'requestLate'
      : rng.pick(['healthCapacity', 'consentNotReceived', 'notBroughtToAppointment'] as const)
    : undefined;
  const assessed = await event(
    healthStaff,
    {
      type: 'assessmentCompleted',
      completedOn: completeDay,
      practitioner: { name: 'Dr Helen Ward', role: 'Community paediatrician' },
      healthPlanShared: true,
      ...(reasonCode ? { delayReason: { code: reasonCode } } : {}),
    },
    'assessment',
  );
  if (assessed.status >= 300) return;
  assessedAt = world.now();
  if (reasonCode)
    ledger.note(assessedAt, PROCESS, key, `initial health assessment late: ${defaultDelayReasons[reasonCode]}`);

  // Reviews, each due from the last assessment, until the child leaves care or the year ends.
  let answer = assessed;
  for (;;) {
    const clock = (answer.body?.clocks as { id: string; status: string; dueAt: string }[] | undefined)?.find(
      (x) => x.id.startsWith('review-health-assessment') && x.status === 'running',
    );
    if (!clock) return;
    const review: { due: string; doneAt?: Date } = { due: clock.dueAt };
    reviews.push(review);
    const dueDay = dayOf(clock.dueAt);
    const underFive = ageOn(dateOfBirth, dueDay) < 5;
    const onTime = rng.chance(underFive ? c.reviewOnTimeUnderFiveShare : c.reviewOnTimeFiveAndOverShare);
    const lastDay = dayOf(world.now());
    const day = onTime
      ? (() => {
          const d = addCalendarDays(dueDay, -rng.int(0, 28));
          return d > lastDay ? d : addCalendarDays(lastDay, 1);
        })()
      : addCalendarDays(dueDay, rng.int(1, 40));
    if (!(await until(world.slot(timeOn(rng, day, '14:00', '14:30'))))) return;
    answer = await event(
      healthStaff,
      { type: 'reviewAssessmentCompleted', completedOn: dayOf(world.now()), practitioner: { name: 'Nurse Ada Obi' } },
      'review',
    );
    if (answer.status >= 300) return;
    review.doneAt = world.now();
    if (!onTime) ledger.note(review.doneAt, PROCESS, key, 'review health assessment after its due date');
  }
}

/** What the child counts for, once the year is over. */
function settle(
  ctx: SimulationContext,
  { enteredAt, closedAt }: { enteredAt: Date; closedAt: Date | undefined },
  end: Date,
  done: {
    requestDue: string;
    requestSentAt: Date | undefined;
    assessmentDue: string;
    assessedAt: Date | undefined;
    reasonCode: string | undefined;
    reviews: { due: string; doneAt?: Date }[];
    dateOfBirth: string;
  },
) {
  const { ledger } = ctx;
  const request = clockOutcome(done.requestDue, done.requestSentAt, closedAt, end);
  if (request) {
    ledger.count(PROCESS, 'requests-to-health-due', { month: request.month });
    if (request.within) ledger.count(PROCESS, 'requests-within-5-working-days', { month: request.month });
  }
  const assessment = clockOutcome(done.assessmentDue, done.assessedAt, closedAt, end);
  if (assessment) {
    ledger.count(PROCESS, 'assessments-due', { month: assessment.month });
    if (assessment.within) ledger.count(PROCESS, 'assessments-within-20-working-days', { month: assessment.month });
    else {
      const reason = (done.reasonCode && defaultDelayReasons[done.reasonCode]) || 'No reason recorded yet';
      ledger.count(PROCESS, 'assessments-missed', { month: assessment.month, groups: { reason } });
      if (request && !request.within) ledger.count(PROCESS, 'missed-after-a-late-request', { month: assessment.month });
    }
  }
  for (const review of done.reviews) {
    const outcome = clockOutcome(review.due, review.doneAt, closedAt, end);
    if (!outcome) continue;
    const band = ageOn(done.dateOfBirth, dayOf(review.due)) < 5 ? 'under-5' : '5-and-over';
    ledger.count(PROCESS, `reviews-due-${band}`, { month: outcome.month });
    if (outcome.within) ledger.count(PROCESS, `reviews-on-time-${band}`, { month: outcome.month });
  }
  // In care at the end of each month from the one they entered in (in the month under way: now).
  const endMonth = monthOf(end);
  for (let first = `${monthOf(enteredAt)}-01`; first.slice(0, 7) <= endMonth; first = addCalendarMonths(first, 1)) {
    const month = first.slice(0, 7);
    const at = month === endMonth ? end : endOfLondonDay(addCalendarDays(addCalendarMonths(first, 1), -1));
    if (closedAt && closedAt.getTime() <= at.getTime()) break;
    ledger.count(PROCESS, 'children-in-care', { month });
  }
}
