/**
 * Children in care, reviews and visits: each child entering care in the health story (./health-assessments.ts)
 * is also recorded, as the council's case system would, as looked after: the same council reference, child
 * and instant. Then the child's social worker visits (within a week of each placement, then within 6 weeks,
 * or 3 months after the first year of a placement meant to last until 18; most on time, some late), the
 * independent reviewing officer chairs the reviews (the first within 20 working days, the second within 3
 * months, later ones within 6; most on time), some children move placement (the visits start again) and the
 * child leaves care when the health story says so, or turns 18. The ledger takes each clock's deadline from
 * what the case showed the person acting, and what was done when.
 */
import { addCalendarDays, compareLocalDates, type LocalDate } from '#core/calendar/index';
import { clockOutcome, dayOf, monthOf, type SimulationContext, timeOn } from './context';
import { people } from './partnership';
import type { Random } from './random';
import type { Answer } from './world';

const PROCESS = 'children-in-care';
const MANAGER = { name: 'Ruth Green', email: 'ruth.green@riverside.example.gov.uk' };
const REVIEWING_OFFICER = { name: 'Dee Carter', email: 'dee.carter@riverside.example.gov.uk' };

/** The entry into care the health story drew, shared by the two records of it. */
export interface EntryIntoCare {
  n: number;
  caseReference: string;
  child: { name: string; dateOfBirth: string };
  enteredAt: Date;
  /** The day the child leaves care and the instant it is recorded (none: they stay in care). */
  leaves?: { on: LocalDate; at: Date };
  /** The start of the child's 18th birthday: the case's own timer closes it. */
  eighteen: Date;
  rng: Random;
}

interface Clock {
  id: string;
  due: string;
  doneAt?: Date;
}

const isVisitClock = (id: string) => /^(first-visit|visit|visit-long-term)-\d+$/.test(id);
const isReviewClock = (id: string) => id === 'first-review' || /^review-\d+$/.test(id);

/** The running clock of a kind on an answer's case. */
function running(answer: Answer, kind: (id: string) => boolean): Clock | undefined {
  const clock = answer.body.clocks?.find((c) => kind(c.id) && c.status === 'running');
  return clock ? { id: clock.id, due: clock.dueAt } : undefined;
}

export async function childInCare(ctx: SimulationContext, entry: EntryIntoCare) {
  const { world, ledger, config } = ctx;
  const c = config.childrenInCare;
  const { rng, n, enteredAt, eighteen } = entry;
  const key = `CIC-${n}`;
  const council = people.socialWorker;
  const groups = { council: council.organisation };
  const opened = await world.expect(
    council,
    'POST',
    `/processes/${PROCESS}/cases`,
    {
      caseReference: entry.caseReference,
      child: entry.child,
      enteredCareAt: enteredAt.toISOString(),
      placementUntilEighteen: rng.chance(c.placementUntilEighteenShare),
      socialWorker: { name: council.name, email: council.email },
      manager: MANAGER,
    },
    `${key} looked after`,
  );
  if (opened.status >= 300) return;
  const caseId = opened.body.caseId as string;
  ledger.count(PROCESS, 'became-looked-after', { month: monthOf(enteredAt), groups });
  const event = (body: Record<string, unknown>, what: string) =>
    world.expect(council, 'POST', `/cases/${caseId}/events`, body, `${key} ${what}`);

  const reviews: Clock[] = [];
  const visits: Clock[] = [];
  let closedAt: Date | undefined;
  ctx.atEnd.push((end) => {
    const closed = closedAt ?? (eighteen < end ? eighteen : undefined);
    reviews.forEach((review, i) => {
      const outcome = clockOutcome(review.due, review.doneAt, closed, end);
      if (!outcome) return;
      const [due, within] =
        i === 0
          ? ['first-reviews-due', 'first-reviews-within-20-working-days']
          : ['later-reviews-due', 'later-reviews-on-time'];
      ledger.count(PROCESS, due, { month: outcome.month, groups });
      if (outcome.within) ledger.count(PROCESS, within, { month: outcome.month, groups });
    });
    for (const visit of visits) {
      const outcome = clockOutcome(visit.due, visit.doneAt, closed, end);
      if (!outcome) continue;
      ledger.count(PROCESS, 'visits-due', { month: outcome.month, groups });
      if (outcome.within) ledger.count(PROCESS, 'visits-on-time', { month: outcome.month, groups });
    }
  });

  const leaves = entry.leaves;
  /** Wait for an instant; false when the child has left care (or turned 18) first, or the year ended. */
  const until = async (at: Date): Promise<boolean> => {
    if (closedAt) return false;
    if (leaves && leaves.at <= at && leaves.at <= ctx.end && leaves.at < eighteen) {
      await world.at(leaves.at);
      const left = await event({ type: 'childLeftCare', leftOn: leaves.on, reason: 'returnedToFamily' }, 'left care');
      if (left.status < 300) closedAt = world.now();
      return false;
    }
    if (at > ctx.end || at >= eighteen) return false;
    await world.at(at);
    return true;
  };

  /** When to act on a clock: on time (a day up to `early` days before it is due, not before tomorrow) or late. */
  const plan = (clock: Clock, onTime: boolean, early: number, late: number, hours: [string, string]) => {
    const dueDay = dayOf(clock.due);
    const tomorrow = addCalendarDays(dayOf(world.now()), 1);
    const day = onTime ? addCalendarDays(dueDay, -rng.int(0, early)) : addCalendarDays(dueDay, rng.int(1, late));
    return { at: world.slot(timeOn(rng, compareLocalDates(day, tomorrow) < 0 ? tomorrow : day, ...hours)), onTime };
  };

  let review = running(opened, isReviewClock);
  let visit = running(opened, isVisitClock);
  if (!review || !visit) throw new Error(`${key}: the case showed no first review or visit clock`);
  reviews.push(review);
  visits.push(visit);
  let nextReview = plan(review, rng.chance(c.firstReviewWithinTwentyWorkingDaysShare), 8, 15, ['10:00', '12:00']);
  let nextVisit = plan(visit, rng.chance(c.visitOnTimeShare), 4, 10, ['13:00', '16:00']);
  let move: Date | undefined;

  for (;;) {
    const at = new Date(Math.min(nextReview.at.getTime(), nextVisit.at.getTime(), move?.getTime() ?? Infinity));
    if (!(await until(at))) return;
    const today = dayOf(world.now());
    if (move && at.getTime() === move.getTime()) {
      // A new placement: the visit due in the last one no longer applies (it was not yet due), a new first week.
      move = undefined;
      const moved = await event(
        { type: 'placementMoved', movedOn: today, untilEighteen: rng.chance(c.placementUntilEighteenShare) },
        'placement moved',
      );
      if (moved.status >= 300) return;
      visits.pop();
      ledger.count(PROCESS, 'placement-moves', { month: monthOf(world.now()), groups });
      ledger.note(world.now(), PROCESS, key, 'placement moved: the visits start again');
      visit = running(moved, isVisitClock)!;
      visits.push(visit);
      nextVisit = plan(visit, rng.chance(c.visitOnTimeShare), 4, 10, ['13:00', '16:00']);
    } else if (at.getTime() === nextReview.at.getTime()) {
      const held = await event(
        { type: 'reviewHeld', heldOn: today, independentReviewingOfficer: REVIEWING_OFFICER },
        'review',
      );
      if (held.status >= 300) return;
      review.doneAt = world.now();
      if (!nextReview.onTime) ledger.note(world.now(), PROCESS, key, 'review held after its due date');
      review = running(held, isReviewClock)!;
      reviews.push(review);
      nextReview = plan(review, rng.chance(c.laterReviewOnTimeShare), 21, 30, ['10:00', '12:00']);
    } else {
      const made = await event({ type: 'visitMade', visitedOn: today, seenAlone: rng.chance(0.7) }, 'visit');
      if (made.status >= 300) return;
      visit.doneAt = world.now();
      if (!nextVisit.onTime) ledger.note(world.now(), PROCESS, key, 'visit made after its due date');
      visit = running(made, isVisitClock)!;
      visits.push(visit);
      nextVisit = plan(visit, rng.chance(c.visitOnTimeShare), 14, 10, ['13:00', '16:00']);
      // Sometimes the child moves placement before the next visit is due (never once it has fallen due).
      if (rng.chance(c.placementMoveBetweenVisitsShare)) {
        const [visitDay, dueDay] = [dayOf(nextVisit.at), dayOf(visit.due)];
        const day = addCalendarDays(today, rng.int(1, 30));
        if (day < visitDay && day < dueDay) move = world.slot(timeOn(rng, day, '11:00', '12:00'));
      }
    }
  }
}
