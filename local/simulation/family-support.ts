/**
 * Family support (Supporting Families / Family Help): families' requests arriving at the front door on
 * working days, decisions, allocations to a locality team's lead practitioner or a partner, assessments,
 * plans, Team Around the Family reviews, pauses a team leader approves, step-ups and closures with each
 * need's result, and the six-month check after Outcomes Met. Each family is one story; what it did is
 * written to the ledger as it does it.
 */
import { addCalendarDays, addCalendarMonths, daysBetween, endOfLondonDay, type LocalDate } from '#core/calendar/index';
import { needs as allNeeds } from '#workflows/supporting-families/details';
import { stepUp } from './child-protection';
import { dayOf, daysFrom, dueOf, later, monthOf, type SimulationContext, timeOn, workingDayFrom } from './context';
import { people } from './partnership';
import type { Random } from './random';
import type { Person } from './world';

const PROCESS = 'supporting-families';
const NOT_RECORDED = 'not recorded';
const pad = (n: number) => String(n).padStart(2, '0');
const CHILD_NAMES = ['Mia', 'Leo', 'Ava', 'Noah', 'Isla', 'Theo', 'Zara', 'Ezra', 'Ruby', 'Kai', 'Ella', 'Finn'];
const FAMILY_NAMES = ['Carter', 'Okoro', 'Hughes', 'Begum', 'Novak', 'Price', 'Mensah', 'Doyle', 'Ali', 'Sousa'];

/** Start every family's story: requests on working days, 09:00 to 17:00. */
export function startFamilies(ctx: SimulationContext) {
  const c = ctx.config.familySupport;
  const perDay = (c.requestsPerYear * ctx.scale) / 253;
  let n = 0;
  for (const day of daysFrom(dayOf(ctx.start), dayOf(ctx.end))) {
    if (!ctx.workingDays.isWorkingDay(day)) continue;
    const rng = ctx.world.random(`families-${day}`);
    const count = rng.poisson(perDay);
    for (let i = 0; i < count; i++) {
      const id = ++n;
      const at = ctx.world.slot(timeOn(rng, day, '09:00', '16:30'));
      if (at.getTime() > ctx.end.getTime()) continue;
      ctx.world.spawn(`family-${id}`, at, () => family(ctx, id, ctx.world.random(`family-${day}-${i}`)));
    }
  }
}

const teams = new Map<string, ReturnType<typeof people.team>>();
function teamOf(ctx: SimulationContext, locality: string) {
  let t = teams.get(locality);
  if (!t) {
    t = people.team(locality, ctx.config.familySupport.leadPractitionersPerLocality);
    teams.set(locality, t);
  }
  return t;
}

async function family(ctx: SimulationContext, n: number, rng: Random) {
  const { world, ledger, config, workingDays: wd } = ctx;
  const c = config.familySupport;
  const frontDoor = rng.pick(people.frontDoor);
  const requestedAt = world.now();
  const key = `FAM-${n}`;
  const consent = rng.chance(c.consentShare);
  const channel = rng.weighted(c.channels);
  const partnerKind = channel === 'partner' ? rng.weighted(c.partnerKindsOfRequests) : undefined;
  const base = {
    requestReference: `RFS-${dayOf(requestedAt).slice(0, 4)}-${String(n).padStart(5, '0')}`,
    channel,
    ...(partnerKind ? { partnerKind } : {}),
    requestedAt: requestedAt.toISOString(),
    consent,
  };
  if (!consent) {
    const opened = await world.expect(frontDoor, 'POST', `/processes/${PROCESS}/cases`, base, `${key} request`);
    if (opened.status >= 300) return;
    ledger.count(PROCESS, 'requests', {
      month: monthOf(requestedAt),
      groups: { channel, locality: NOT_RECORDED },
    });
    ledger.note(requestedAt, PROCESS, key, 'request without consent: channel and date only');
    return;
  }
  // The route first: an intensive episode is for a family with three or more needs.
  const draw = rng.next();
  const route =
    draw < c.routes.partnerLed
      ? 'partnerLed'
      : draw < c.routes.partnerLed + c.routes.familyHubOffer
        ? 'familyHubOffer'
        : draw < c.routes.partnerLed + c.routes.familyHubOffer + c.routes.stepUpToMash
          ? 'stepUpToMash'
          : 'intensiveEpisode';
  const needCount = route === 'intensiveEpisode' ? rng.int(3, 5) : rng.int(1, 4);
  const needs = [...allNeeds].sort(() => rng.next() - 0.5).slice(0, needCount);
  // Sorting by a random comparator is not a fair shuffle, but it is the same for the same seed.
  const childCount = Number(rng.weighted(c.childrenPerRequest));
  const surname = rng.pick(FAMILY_NAMES);
  const year = Number(dayOf(requestedAt).slice(0, 4));
  const children = Array.from({ length: childCount }, () => ({
    name: `${rng.pick(CHILD_NAMES)} ${surname}`,
    dateOfBirth: `${year - rng.int(1, 16)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`,
  }));
  const locality = rng.pick(c.localities);
  const opened = await world.expect(
    frontDoor,
    'POST',
    `/processes/${PROCESS}/cases`,
    {
      ...base,
      familyReference: `${key}-${world.seed}`,
      locality,
      ...(channel === 'stepDownFromSocialCare' ? { socialCareReference: `SC-${n}` } : {}),
      family: { children, adults: [{ name: `Jo ${surname}`, relationship: 'parent' }] },
      needs,
    },
    `${key} request`,
  );
  if (opened.status >= 300) return;
  const caseId = opened.body.caseId as string;
  const decisionDue = dueOf(opened, 'front-door-decision')!;
  ledger.count(PROCESS, 'requests', { month: monthOf(requestedAt), groups: { channel, locality } });
  ledger.count(PROCESS, 'children', { month: monthOf(requestedAt), weight: childCount });
  const event = (by: Person, body: Record<string, unknown>, what: string) =>
    world.expect(by, 'POST', `/cases/${caseId}/events`, body, `${key} ${what}`);

  // The front door decides: most within 1 working day, some later.
  const requestDay = dayOf(requestedAt);
  const decideOn = rng.chance(c.decisionWithinOneWorkingDayShare)
    ? rng.chance(0.5)
      ? requestDay
      : wd.addWorkingDays(requestDay, 1)
    : wd.addWorkingDays(requestDay, rng.int(2, 3));
  await world.at(
    world.slot(later(timeOn(rng, decideOn, '10:00', '17:00'), new Date(requestedAt.getTime() + 30 * 60_000))),
  );
  const familyHelp = requestDay >= familyHelpFrom(ctx);
  const heldBy = route === 'partnerLed' ? rng.weighted(c.partnerKindsHeld) : undefined;
  const childInNeed = (route === 'intensiveEpisode' || route === 'partnerLed') && rng.chance(c.childInNeedShare);
  const decided = await event(
    frontDoor,
    {
      type: 'frontDoorDecision',
      route,
      reason: 'Decided with the family’s request and what partners know',
      ...(heldBy ? { partnerKind: heldBy } : {}),
      ...(familyHelp && (route === 'intensiveEpisode' || route === 'partnerLed') ? { childInNeed } : {}),
    },
    'decision',
  );
  if (decided.status >= 300) return;
  const decidedAt = world.now();
  const within = decidedAt.getTime() <= Date.parse(decisionDue);
  ledger.count(PROCESS, 'decisions', { month: monthOf(decidedAt), groups: { route } });
  if (within) ledger.count(PROCESS, 'decided-within-1-working-day', { month: monthOf(decidedAt), groups: { route } });
  if (route === 'familyHubOffer' || route === 'stepUpToMash') {
    ledger.note(decidedAt, PROCESS, key, `decided: ${route}${within ? ' within 1 working day' : ' late'}`);
    return;
  }
  const statutoryDue = familyHelp && childInNeed ? dueOf(decided, 'family-help-assessment') : undefined;

  // Allocation: a lead practitioner of the family's locality team, or a partner.
  const team = teamOf(ctx, locality);
  const leader = rng.pick(team.leaders);
  const school = heldBy === 'school' ? rng.pick(ctx.schools) : undefined;
  const lead: Person = school ? school.lead : heldBy === 'health' ? people.healthLead : rng.pick(team.leads);
  const manager = school ? school.head : { name: leader.name, email: leader.email };
  const within5 = rng.chance(c.allocationWithinFiveWorkingDaysShare);
  const allocateOn = wd.addWorkingDays(
    dayOf(decidedAt),
    (within5 ? rng.int(0, 5) : rng.int(6, 10)) + c.allocationExtraWorkingDays,
  );
  await world.at(
    world.slot(later(timeOn(rng, allocateOn, '10:00', '16:00'), new Date(decidedAt.getTime() + 30 * 60_000))),
  );
  const allocatedAt = world.now();
  const allocated = await event(
    leader,
    {
      type: 'leadPractitionerAllocated',
      allocatedAt: allocatedAt.toISOString(),
      leadPractitioner: {
        userId: lead.sub,
        name: lead.name,
        email: lead.email,
        organisation: lead.organisation,
        socialWorker: false,
        ...(lead.schoolUrn ? { schoolUrn: lead.schoolUrn } : {}),
      },
      manager,
    },
    'allocation',
  );
  if (allocated.status >= 300) return;
  const allocationDay = dayOf(allocatedAt);
  ledger.count(PROCESS, 'episodes-opened', { month: monthOf(allocatedAt), groups: { locality } });
  if (heldBy) ledger.count(PROCESS, 'partner-held', { month: monthOf(allocatedAt), groups: { kind: heldBy } });
  if (channel === 'partner') ledger.count(PROCESS, 'started-by-partners', { month: monthOf(allocatedAt) });
  const recorder = lead;

  // The episode's shape, drawn now: when it closes (calendar days from allocation), and what happens before.
  const closeOffset = rng.chance(c.closedWithinSixteenWeeksShare) ? rng.int(42, 112) : rng.int(113, 210);
  const closeDay = workingDayFrom(wd, addCalendarDays(allocationDay, closeOffset));
  const reason = rng.weighted(c.closureReasons);
  const assessOffset = rng.chance(c.assessmentWithinFourWeeksShare) ? rng.int(5, 28) : rng.int(29, 45);
  const assessDay = rng.chance(c.assessmentShare)
    ? workingDayFrom(wd, addCalendarDays(allocationDay, assessOffset))
    : undefined;
  const planDay = rng.chance(c.planShare)
    ? workingDayFrom(wd, addCalendarDays(allocationDay, rng.int(Math.min(assessOffset + 1, 41), 42)))
    : undefined;
  const pause =
    rng.chance(c.pauseShare) && daysBetween(allocationDay, closeDay) > 84
      ? (() => {
          const from = workingDayFrom(wd, addCalendarDays(allocationDay, rng.int(50, 60)));
          const until = workingDayFrom(wd, addCalendarDays(from, rng.int(7, 28)));
          return daysBetween(until, closeDay) >= 7 ? { from, until } : undefined;
        })()
      : undefined;
  let assessedAt: Date | undefined;
  // What is settled at the end if the episode is still open then: past 20 weeks, a statutory clock missed.
  const settle = (closedAt: Date | undefined) => (end: Date) => {
    const twenty = addCalendarDays(allocationDay, 140);
    const endDay = dayOf(end);
    if (twenty < endDay && (!closedAt || dayOf(closedAt) > twenty))
      ledger.count(PROCESS, 'past-20-weeks', { month: twenty.slice(0, 7), groups: { locality } });
    if (statutoryDue) {
      const stop = assessedAt;
      const due = Date.parse(statutoryDue);
      const known = stop ? true : closedAt ? closedAt.getTime() >= due : end.getTime() >= due;
      if (known) {
        ledger.count(PROCESS, 'family-help-assessments-due', { month: monthOf(new Date(due)) });
        if (stop && stop.getTime() <= due)
          ledger.count(PROCESS, 'family-help-assessments-within-45-working-days', { month: monthOf(new Date(due)) });
      }
    }
  };

  type Step = { day: LocalDate; time: string; run: () => Promise<void> };
  const steps: Step[] = [];
  if (assessDay && assessDay < closeDay)
    steps.push({
      day: assessDay,
      time: '15:00',
      run: async () => {
        const done = await event(
          recorder,
          { type: 'assessmentCompleted', completedOn: dayOf(world.now()) },
          'assessment',
        );
        if (done.status >= 300) return;
        assessedAt = world.now();
        ledger.count(PROCESS, 'assessments', { month: monthOf(assessedAt) });
      },
    });
  if (planDay && planDay < closeDay && (!assessDay || planDay > assessDay || !(assessDay < closeDay)))
    steps.push({
      day: planDay,
      time: '15:30',
      run: async () => {
        await event(
          recorder,
          {
            type: 'planAgreed',
            agreedOn: dayOf(world.now()),
            ...(familyHelp ? { familyNetworkMeetingOffered: rng.chance(0.6) } : {}),
          },
          'plan',
        );
      },
    });
  for (let week = 6; week * 7 < daysBetween(allocationDay, closeDay); week += 6) {
    const day = workingDayFrom(wd, addCalendarDays(allocationDay, week * 7));
    if (day >= closeDay || !rng.chance(c.reviewHeldShare)) continue;
    if (pause && day >= pause.from && day <= pause.until) continue;
    steps.push({
      day,
      time: '11:00',
      run: async () =>
        void (await event(recorder, { type: 'teamAroundFamilyReviewHeld', heldOn: dayOf(world.now()) }, 'review')),
    });
  }
  let pausedDays = 0;
  if (pause) {
    steps.push({
      day: pause.from,
      time: '12:00',
      run: async () =>
        void (await event(
          leader,
          { type: 'episodePaused', reason: rng.pick(['familyAway', 'parentInHospital', 'bereavement']) },
          'pause',
        )),
    });
    steps.push({
      day: pause.until,
      time: '12:00',
      run: async () => {
        await event(leader, { type: 'episodeResumed' }, 'resume');
        pausedDays = daysBetween(pause.from, pause.until);
      },
    });
  }
  steps.sort((a, b) => (a.day === b.day ? a.time.localeCompare(b.time) : a.day.localeCompare(b.day)));
  const settleOpen = () => {
    ctx.atEnd.push(settle(undefined));
  };
  for (const step of steps) {
    const at = world.slot(timeOn(rng, step.day, step.time, step.time.replace(/:\d\d$/, ':30')));
    if (at.getTime() > ctx.end.getTime()) return settleOpen();
    await world.at(at);
    await step.run();
  }

  const closeAt = world.slot(timeOn(rng, closeDay, '14:00', '14:30'));
  if (closeAt.getTime() > ctx.end.getTime()) return settleOpen();
  await world.at(closeAt);
  const results = needs.map((need, i) => ({
    need,
    result:
      reason === 'outcomesMet'
        ? 'improved'
        : reason === 'needsPartlyMet' && i === 0
          ? 'unchanged'
          : rng.chance(0.5)
            ? 'improved'
            : 'unchanged',
  }));
  const closed =
    reason === 'steppedUpToSocialCare'
      ? await event(
          recorder,
          { type: 'steppedUpToSocialCare', reason: 'The family need more help than early help gives' },
          'step-up',
        )
      : await event(
          recorder,
          { type: 'episodeClosed', closedOn: dayOf(world.now()), outcome: reason, needResults: results },
          'closure',
        );
  if (closed.status >= 300) return settleOpen();
  const closedAt = world.now();
  // Stepped up: the council's children's social care receives a referral for the youngest child, naming the episode.
  if (reason === 'steppedUpToSocialCare') {
    const youngest = [...children].sort((a, b) => b.dateOfBirth.localeCompare(a.dateOfBirth))[0]!;
    stepUp(ctx, key, String(opened.body.caseCode ?? ''), youngest);
  }
  const month = monthOf(closedAt);
  const calendarDays = daysBetween(allocationDay, dayOf(closedAt));
  const counted = calendarDays - pausedDays;
  ledger.count(PROCESS, 'episodes-closed', { month, groups: { reason, locality } });
  if (calendarDays <= 112) ledger.count(PROCESS, 'closed-within-16-weeks', { month });
  if (counted <= 112) ledger.count(PROCESS, 'closed-within-16-weeks-pauses-left-out', { month });
  if (pausedDays) ledger.count(PROCESS, 'paused-days', { month, value: pausedDays });
  if (reason === 'outcomesMet') ledger.count(PROCESS, 'outcomes-met', { month });
  if (reason !== 'steppedUpToSocialCare') {
    ledger.count(PROCESS, 'need-results', { month, weight: results.length });
    const improved = results.filter((r) => r.result === 'improved').length;
    if (improved) ledger.count(PROCESS, 'needs-improved', { month, weight: improved });
  }
  ledger.note(
    closedAt,
    PROCESS,
    key,
    `closed (${reason}) after ${calendarDays} calendar days${pausedDays ? `, ${pausedDays} paused` : ''}: ` +
      `${calendarDays <= 112 ? 'within' : 'not within'} 16 weeks as the board counts`,
  );
  ctx.atEnd.push(settle(closedAt));

  // Six months after Outcomes Met, the check that they lasted.
  if (reason === 'outcomesMet' && rng.chance(c.sustainCheckShare)) {
    const checkDay = workingDayFrom(wd, addCalendarDays(addCalendarMonths(dayOf(closedAt), 6), rng.int(0, 10)));
    const checkAt = timeOn(rng, checkDay, '10:00', '16:00');
    if (checkAt.getTime() > ctx.end.getTime() || endOfLondonDay(checkDay).getTime() > ctx.end.getTime()) return;
    await world.at(world.slot(checkAt));
    await event(
      recorder,
      { type: 'sustainCheckRecorded', checkedOn: dayOf(world.now()), outcomesLasted: rng.chance(0.8) },
      'six-month check',
    );
  }
}

/** The day Family Help (version 2) opens from, as the partnership sets it. */
function familyHelpFrom(ctx: SimulationContext): string {
  const settings = ctx.world.platform.partnership.processes?.[PROCESS]?.settings as
    | { familyHelpFrom?: string }
    | undefined;
  return settings?.familyHelpFrom ?? '2025-04-01';
}
