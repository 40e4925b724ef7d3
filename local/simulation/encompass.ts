/**
 * Operation Encompass: police attending domestic abuse where children are involved, on any day and mostly
 * in the evening, sending each incident's children in one batch; the local authority finding a school
 * police could not name; each school's Key Adult reading the notification (the deadline it shows: the start
 * of the school's next school day, by its own term dates) and acknowledging it, most before the school day
 * starts, some later, a few never. Each incident is one story, each child one within it.
 */
import { londonDateTime } from '#core/calendar/index';
import { dayOf, daysFrom, monthOf, type SimulationContext, timeOn, workingDayFrom } from './context';
import { people, type SimSchool } from './partnership';
import type { Random } from './random';

const PROCESS = 'operation-encompass';
const NAMES = ['Leo', 'Ella', 'Ava', 'Oscar', 'Freya', 'Yusuf', 'Maisie', 'Reggie', 'Aisha', 'Tomasz', 'Poppy'];
const SURNAMES = ['Martin', 'Khan', 'Lewis', 'Wood', 'Begum', 'Kowalski', 'Hall', 'Ward', 'Patel', 'Jones'];
const pad = (n: number) => String(n).padStart(2, '0');
const HOURS: Record<string, number> = { '00': 4, '06': 1, '09': 1, '12': 2, '15': 3, '18': 5, '21': 5 };

export function startIncidents(ctx: SimulationContext) {
  const c = ctx.config.encompass;
  const meanChildren =
    Object.entries(c.childrenPerIncident).reduce((n, [k, w]) => n + Number(k) * w, 0) /
    Object.values(c.childrenPerIncident).reduce((n, w) => n + w, 0);
  const perDay = (c.childrenNotifiedPerYear * ctx.scale) / meanChildren / 365;
  let n = 0;
  for (const day of daysFrom(dayOf(ctx.start), dayOf(ctx.end))) {
    const rng = ctx.world.random(`incidents-${day}`);
    const count = rng.poisson(perDay);
    for (let i = 0; i < count; i++) {
      const id = ++n;
      const from = rng.weighted(HOURS);
      const attendedAt = timeOn(rng, day, `${from}:00`, `${String(Number(from) + 2).padStart(2, '0')}:59`);
      // The force's case system sends the batch a little after the officers leave.
      const sendAt = ctx.world.slot(new Date(attendedAt.getTime() + rng.int(20, 120) * 60_000));
      if (sendAt.getTime() > ctx.end.getTime()) continue;
      ctx.world.spawn(`incident-${id}`, sendAt, () =>
        incident(ctx, id, attendedAt, ctx.world.random(`incident-${day}-${i}`)),
      );
    }
  }
}

const schoolsOf = (ctx: SimulationContext, phase: SimSchool['phase']) => ctx.schools.filter((s) => s.phase === phase);

async function incident(ctx: SimulationContext, n: number, attendedAt: Date, rng: Random) {
  const { world, config } = ctx;
  const c = config.encompass;
  const count = Number(rng.weighted(c.childrenPerIncident));
  const surname = rng.pick(SURNAMES);
  const year = Number(dayOf(attendedAt).slice(0, 4));
  const children = Array.from({ length: count }, () => {
    const age = rng.int(5, 16);
    const school = rng.chance(0.05)
      ? rng.pick(schoolsOf(ctx, 'special'))
      : rng.pick(schoolsOf(ctx, age <= 10 ? 'primary' : 'secondary'));
    const known = !rng.chance(c.schoolNotKnownShare);
    return {
      school,
      known,
      payload: {
        name: `${rng.pick(NAMES)} ${surname}`,
        dateOfBirth: `${year - age - 1}-${pad(rng.int(9, 12))}-${pad(rng.int(1, 28))}`,
        schoolUrn: known ? school.urn : 'not known',
        present: rng.chance(0.6),
        welfareCheck: rng.chance(0.8),
        policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
      },
    };
  });
  const { sent, outcomes } = await world.expectBatch(
    people.police,
    '/processes/operation-encompass/submissions',
    {
      forceIncidentReference: `RP-SIM-${String(n).padStart(6, '0')}`,
      attendedAt: attendedAt.toISOString(),
      children: children.map((x) => x.payload),
    },
    `incident ${n}`,
  );
  if (sent.status >= 300) return;
  const submittedAt = world.now();
  const results = sent.body.results as { eventId: string; caseId: string; outcome: string }[];
  await Promise.all(
    results.map(async (r, i) => {
      const outcome = outcomes[i]!;
      if (outcome.status >= 300 || outcome.body.outcome !== 'applied') {
        world.stats.refusals.push(`incident ${n} child ${i}: ${JSON.stringify(outcome.body)}`);
        return;
      }
      const child = children[i]!;
      world.spawn(`incident-${n}-${i}`, world.now(), () =>
        notification(ctx, `${n}-${i}`, r.caseId, attendedAt, submittedAt, child.school, child.known, rng.fork(`${i}`)),
      );
    }),
  );
}

async function notification(
  ctx: SimulationContext,
  key: string,
  caseId: string,
  attendedAt: Date,
  submittedAt: Date,
  school: SimSchool,
  known: boolean,
  rng: Random,
) {
  const { world, ledger, config, workingDays: wd } = ctx;
  const c = config.encompass;
  const month = monthOf(attendedAt);
  let toldAt = submittedAt;
  let found = known;
  if (!known) {
    // The local authority finds the school the next working day (or, sometimes, never in the year).
    const at = world.slot(
      timeOn(rng, workingDayFrom(wd, dayOf(new Date(submittedAt.getTime() + 86_400_000))), '10:00', '12:00'),
    );
    if (at.getTime() <= ctx.end.getTime() && !rng.chance(0.05)) {
      await world.at(at);
      const identified = await world.expect(
        people.councilAdministrator,
        'POST',
        `/cases/${caseId}/events`,
        { type: 'schoolIdentified', schoolUrn: school.urn },
        `notification ${key} school found`,
      );
      found = identified.status < 300;
      toldAt = world.now();
    } else found = false;
  }
  const group = found ? `${school.name} (${school.urn})` : 'not yet found';
  ledger.count(PROCESS, 'notifications', { month, groups: { school: group } });
  if (!found) return;
  // The Key Adult opens the notification: its deadline, and whether it waits for the holiday's end.
  const read = await world.api(school.keyAdult, 'GET', `/cases/${caseId}`);
  if (read.status !== 200) {
    world.stats.refusals.push(`notification ${key}: the Key Adult could not read it (${read.status})`);
    return;
  }
  const view = read.body.details as { deadline: string; status: string };
  const deadline = new Date(view.deadline as string);
  const held = view.status === 'heldOverHoliday';
  const releaseAt = held
    ? new Date(Math.min(londonDateTime(dayOf(deadline), '07:00').getTime(), deadline.getTime()))
    : undefined;
  if (held) ledger.count(PROCESS, 'held-over-holiday', { month, groups: { school: group } });

  const settle = (ackAt: Date | undefined) => (end: Date) => {
    const told = held ? (!ackAt || ackAt.getTime() >= releaseAt!.getTime() ? releaseAt! : undefined) : toldAt;
    if (told && told.getTime() <= deadline.getTime() && (!held || told.getTime() <= end.getTime()))
      ledger.count(PROCESS, 'told-before-next-school-day', { month, groups: { school: group } });
    if (ackAt) {
      ledger.count(PROCESS, 'acknowledged', { month, groups: { school: group } });
      if (ackAt.getTime() <= deadline.getTime())
        ledger.count(PROCESS, 'acknowledged-before-school-start', { month, groups: { school: group } });
    }
    const escalation = deadline.getTime() + 2 * 3_600_000;
    if ((!ackAt || ackAt.getTime() >= escalation) && escalation <= end.getTime())
      ledger.count(PROCESS, 'escalated', { month, groups: { school: group } });
  };
  if (rng.chance(c.neverAcknowledgedShare)) {
    ctx.atEnd.push(settle(undefined));
    return;
  }
  const slotMs = world.slotMinutes * 60_000;
  const now = world.now().getTime();
  let ackAt: number;
  if (rng.chance(c.acknowledgedBeforeSchoolStartShare) && now <= deadline.getTime()) {
    // Before the school day: the last slot at or before a moment up to two hours before the deadline.
    const moment = deadline.getTime() - rng.int(0, 120) * 60_000;
    ackAt = Math.max(now, Math.floor(moment / slotMs) * slotMs);
  } else ackAt = world.slot(new Date(Math.max(now, deadline.getTime()) + rng.int(10, 240) * 60_000)).getTime();
  if (ackAt > ctx.end.getTime()) {
    ctx.atEnd.push(settle(undefined));
    return;
  }
  await world.at(new Date(ackAt));
  const acked = await world.expect(
    school.keyAdult,
    'POST',
    `/cases/${caseId}/events`,
    { type: 'acknowledged', supportOffered: rng.chance(0.7) },
    `notification ${key} acknowledged`,
  );
  ctx.atEnd.push(settle(acked.status < 300 ? world.now() : undefined));
}
