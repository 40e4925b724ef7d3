/**
 * Child protection: referrals to children's social care on any day, most concluded without an enquiry;
 * for some a strategy discussion starts a section 47 enquiry, which concludes that an initial child
 * protection conference is needed or that support goes on another way; the initial conference (most within
 * 15 working days of the strategy discussion, some later) agrees a plan or not (some plans a repeat); the
 * first core group (most within 10 working days); review conferences (3 months, then 6; most on time), at
 * which the plan continues or ends. Each referral is one story; the ledger takes each clock's deadline
 * from what the case showed the person acting, and what was done when.
 *
 * Step-ups from Family Help are referrals too, naming the episode (./family-support.ts starts them).
 * Not told (yet): later core groups, children of 15 and over (so that none turns 18 within a two-year run),
 * plans ended outside a review.
 */
import {
  addCalendarDays,
  addCalendarMonths,
  compareLocalDates,
  type LocalDate,
  startOfLondonDay,
} from '#core/calendar/index';
import { clockOutcome, dayOf, daysFrom, dueOf, monthOf, type SimulationContext, timeOn } from './context';
import { people } from './partnership';
import type { Random } from './random';
import type { Answer } from './world';

const PROCESS = 'child-protection';
const NAMES = ['Leo', 'Isla', 'Mo', 'Freya', 'Yusuf', 'Poppy', 'Ravi', 'Esme', 'Theo', 'Ada'];
const SURNAMES = ['Morris', 'Begum', 'Kelly', 'Adeyemi', 'Walsh', 'Chen', 'Murphy', 'Ali'];
const MANAGER = { name: 'Taylor Green', email: 'taylor.green@riverside.example.gov.uk' };
const CHAIR = { name: 'Jordan Ellis', email: 'jordan.ellis@riverside.example.gov.uk' };
const SOURCES = ['police', 'health', 'education', 'family', 'community', 'anotherCouncil', 'otherAgency'];
const BEFORE_PLAN = ['childInNeedSupport', 'steppedDownToFamilyHelp', 'noFurtherSupportNeeded'];

interface Clock {
  due: string;
  doneAt?: Date;
}

export function startReferrals(ctx: SimulationContext) {
  const c = ctx.config.childProtection;
  const perDay = (c.referralsPer10000 * (c.children / 10_000) * ctx.scale) / 365;
  let n = 0;
  for (const day of daysFrom(dayOf(ctx.start), dayOf(ctx.end))) {
    const rng = ctx.world.random(`referrals-${day}`);
    const count = rng.poisson(perDay);
    for (let i = 0; i < count; i++) {
      const id = ++n;
      const at = ctx.world.slot(timeOn(rng, day, '07:00', '21:00'));
      if (at.getTime() > ctx.end.getTime()) continue;
      ctx.world.spawn(`referral-${id}`, at, () => referral(ctx, `CP-${id}`, ctx.world.random(`referral-${day}-${i}`)));
    }
  }
}

/**
 * A step-up from Family Help (./family-support.ts): a referral for a child of the family, naming the
 * episode that stepped up; unless the child turns 18 before the year ends (this story leaves them out).
 */
export function stepUp(ctx: SimulationContext, familyKey: string, familyHelpCaseCode: string, child: Child) {
  const eighteen = startOfLondonDay(addCalendarMonths(child.dateOfBirth, 18 * 12));
  if (!familyHelpCaseCode || eighteen.getTime() <= ctx.end.getTime()) return;
  const at = ctx.world.slot(new Date(ctx.world.now().getTime() + 60_000));
  if (at.getTime() > ctx.end.getTime()) return;
  const key = `CP-${familyKey}`;
  ctx.world.spawn(key, at, () =>
    referral(ctx, key, ctx.world.random(`step-up-${familyKey}`), { familyHelpCaseCode, child }),
  );
}

interface Child {
  name: string;
  dateOfBirth: string;
}

async function referral(
  ctx: SimulationContext,
  key: string,
  rng: Random,
  stepUp?: { familyHelpCaseCode: string; child: Child },
) {
  const { world, ledger, config, workingDays: wd } = ctx;
  const c = config.childProtection;
  const receivedAt = world.now();
  const receivedDay = dayOf(receivedAt);
  const frontDoor = rng.pick(people.frontDoor);
  const social = people.socialWorker;
  const groups = { council: social.organisation };
  const opened = await world.expect(
    frontDoor,
    'POST',
    `/processes/${PROCESS}/cases`,
    {
      caseReference: `RCC-SIM-${key}`,
      child: stepUp?.child ?? {
        name: `${rng.pick(NAMES)} ${rng.pick(SURNAMES)}`,
        dateOfBirth: addCalendarDays(receivedDay, -(365 * rng.int(0, 14) + rng.int(1, 360))),
      },
      receivedAt: receivedAt.toISOString(),
      ...(stepUp
        ? { source: 'familyHelp', familyHelpCaseCode: stepUp.familyHelpCaseCode }
        : { source: rng.pick(SOURCES) }),
    },
    `${key} referral`,
  );
  if (opened.status >= 300) return;
  const caseId = opened.body.caseId as string;
  ledger.count(PROCESS, 'referrals', { month: monthOf(receivedAt), groups });
  const event = (body: Record<string, unknown>, what: string) =>
    world.expect(social, 'POST', `/cases/${caseId}/events`, body, `${key} ${what}`);

  let closedAt: Date | undefined;
  let conference: Clock | undefined;
  let coreGroup: Clock | undefined;
  const reviews: Clock[] = [];
  const count = (clock: Clock | undefined, due: string, within: string, end: Date) => {
    const outcome = clock && clockOutcome(clock.due, clock.doneAt, closedAt, end);
    if (!outcome) return;
    ledger.count(PROCESS, due, { month: outcome.month, groups });
    if (outcome.within) ledger.count(PROCESS, within, { month: outcome.month, groups });
  };
  ctx.atEnd.push((end) => {
    count(conference, 'initial-conferences-due', 'initial-conferences-within-15-working-days', end);
    count(coreGroup, 'first-core-groups-due', 'first-core-groups-within-10-working-days', end);
    for (const review of reviews) count(review, 'review-conferences-due', 'review-conferences-on-time', end);
  });

  /** Wait for an instant (at once if it has passed); false when the year ends first. */
  const until = async (at: Date) => {
    if (at > ctx.end) return false;
    await world.at(at);
    return true;
  };
  const on = (day: LocalDate, from: string, to: string) => {
    const today = dayOf(world.now());
    return world.slot(timeOn(rng, compareLocalDates(day, today) < 0 ? today : day, from, to));
  };

  // Most referrals conclude without a section 47 enquiry (a step-up from Family Help goes on to one more often).
  if (!rng.chance(stepUp ? c.stepUpEnquiryShare : c.enquiryShare)) {
    if (!(await until(on(wd.addWorkingDays(receivedDay, rng.int(1, 3)), '09:00', '17:00')))) return;
    const concluded = await event(
      { type: 'referralConcluded', concludedOn: dayOf(world.now()), outcome: rng.pick(BEFORE_PLAN) },
      'referral concluded',
    );
    if (concluded.status < 300) closedAt = world.now();
    return;
  }

  // A strategy discussion starts the enquiry: the initial conference is due within 15 working days of it.
  const strategyDay = wd.addWorkingDays(receivedDay, rng.int(0, 2));
  if (!(await until(on(strategyDay, '09:00', '17:00')))) return;
  const discussed = await event(
    {
      type: 'strategyDiscussionHeld',
      heldAt: world.now().toISOString(),
      agencies: ['council', 'police', 'health', ...(rng.chance(0.6) ? ['education'] : [])],
      section47Enquiry: true,
      socialWorker: { name: social.name, email: social.email },
      manager: MANAGER,
    },
    'strategy discussion',
  );
  if (discussed.status >= 300) return;
  ledger.count(PROCESS, 'enquiries', { month: monthOf(world.now()), groups });
  conference = { due: dueOf(discussed, 'initial-conference')! };
  const heldDay = dayOf(world.now());

  // The enquiry concludes: a conference is needed, or support goes on another way (no conference is then due).
  const enquiryDays = rng.int(3, 10);
  if (!(await until(on(wd.addWorkingDays(heldDay, enquiryDays), '12:00', '17:00')))) return;
  const needed = rng.chance(c.conferenceShare);
  const concluded = await event(
    {
      type: 'section47Completed',
      completedOn: dayOf(world.now()),
      outcome: needed ? 'conferenceNeeded' : rng.pick(BEFORE_PLAN),
    },
    'enquiry concluded',
  );
  if (concluded.status >= 300) return;
  if (!needed) {
    conference = undefined;
    closedAt = world.now();
    return;
  }

  // The initial conference: within 15 working days of the strategy discussion, or later.
  const onTime = enquiryDays < 15 && rng.chance(c.conferenceWithinFifteenWorkingDaysShare);
  const conferenceDay = onTime
    ? wd.addWorkingDays(heldDay, rng.int(enquiryDays + 1, 15))
    : wd.addWorkingDays(dayOf(conference.due), rng.int(1, 10));
  if (!(await until(on(conferenceDay, '10:00', '15:00')))) return;
  const plan = rng.chance(c.planShare);
  const previousPlans = rng.chance(c.repeatPlanShare) ? rng.int(1, 2) : 0;
  const held = await event(
    {
      type: 'initialConferenceHeld',
      heldOn: dayOf(world.now()),
      chair: CHAIR,
      childProtectionPlan: plan,
      ...(plan
        ? { leadPractitioner: { name: social.name, email: social.email, socialWorker: true }, manager: MANAGER }
        : { outcome: rng.pick(BEFORE_PLAN) }),
      ...(plan ? { previousPlans } : {}),
    },
    'initial conference',
  );
  if (held.status >= 300) return;
  conference.doneAt = world.now();
  if (!onTime) ledger.note(world.now(), PROCESS, key, 'initial conference after 15 working days');
  if (!plan) {
    closedAt = world.now();
    return;
  }
  const startedMonth = monthOf(world.now());
  ledger.count(PROCESS, 'plans-started', { month: startedMonth, groups });
  if (previousPlans > 0) ledger.count(PROCESS, 'repeat-plans', { month: startedMonth, groups });
  coreGroup = { due: dueOf(held, 'first-core-group')! };
  let review: Clock = { due: running(held)! };
  reviews.push(review);

  // The first core group.
  const coreOnTime = rng.chance(c.coreGroupWithinTenWorkingDaysShare);
  const coreDay = coreOnTime
    ? addCalendarDays(dayOf(coreGroup.due), -rng.int(0, 7))
    : wd.addWorkingDays(dayOf(coreGroup.due), rng.int(1, 5));
  if (!(await until(on(coreDay, '10:00', '16:00')))) return;
  const core = await event({ type: 'coreGroupMeetingHeld', heldOn: dayOf(world.now()) }, 'core group');
  if (core.status >= 300) return;
  coreGroup.doneAt = world.now();

  // Review conferences until the plan ends.
  for (let i = 0; ; i++) {
    const reviewOnTime = rng.chance(c.reviewOnTimeShare);
    const dueDay = dayOf(review.due);
    const day = reviewOnTime ? addCalendarDays(dueDay, -rng.int(0, 14)) : addCalendarDays(dueDay, rng.int(1, 20));
    if (!(await until(on(day, '10:00', '15:00')))) return;
    const ends = rng.chance(i === 0 ? c.planEndsAtFirstReviewShare : c.planEndsAtLaterReviewShare);
    const ending = rng.weighted(c.planEndings);
    const answer = await event(
      {
        type: 'reviewConferenceHeld',
        heldOn: dayOf(world.now()),
        chair: CHAIR,
        planContinues: !ends,
        ...(ends ? { outcome: ending } : {}),
      },
      'review conference',
    );
    if (answer.status >= 300) return;
    review.doneAt = world.now();
    if (!reviewOnTime) ledger.note(world.now(), PROCESS, key, 'review conference after its due date');
    if (ends) {
      closedAt = world.now();
      ledger.count(PROCESS, 'plans-ended', { month: monthOf(world.now()), groups: { ...groups, ending } });
      return;
    }
    review = { due: running(answer)! };
    reviews.push(review);
  }
}

/** The review conference clock running on an answer's case: its due instant. */
function running(answer: Answer) {
  return answer.body.clocks?.find((c) => c.id.startsWith('review-conference') && c.status === 'running')?.dueAt;
}
