/**
 * A partnership's configuration: its organisations and their mailboxes, each organisation's closure
 * days, and the local targets it sets. Validated when loaded. A statutory (or national) clock can be
 * shortened, never lengthened, by any setting.
 */

import { dayOfWeek, isLocalDate } from '../calendar';
import {
  type CheckpointTiming,
  type ClockDefinition,
  clockOwners,
  isRecurring,
  isSetNationally,
  type RecurringTiming,
} from '../clocks/model';
import * as z from '../schema/zod';

const localDate = z.string().check(z.refine(isLocalDate, 'must be a date written YYYY-MM-DD'));
const email = z.email();
const organisationId = z.string().check(z.regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens'));

/** The kinds of organisation in a partnership (a clock's owner is one of them). */
export const organisationKinds = clockOwners;

const organisationSchema = z.strictObject({
  id: organisationId,
  kind: z.enum(organisationKinds),
  name: z.string().check(z.minLength(1)),
  /** For a council: its local authority code (three digits). */
  localAuthorityCode: z.optional(z.string().check(z.regex(/^\d{3}$/))),
  /** For a health provider: the ICB it belongs to. */
  icb: z.optional(z.string()),
  /**
   * For a police force: the councils whose area it covers; for a health provider or an ICB: the councils
   * it serves. Each names a council of the directory. An organisation outside the partnership's area (a
   * host area's health provider) names none.
   */
  councils: z.optional(z.array(organisationId).check(z.minLength(1, 'must name at least one council, or be left out'))),
  /** Team mailboxes by role, e.g. assessmentTeam, designatedNurse, childrenInCareManager. */
  mailboxes: z.record(z.string(), email),
});

/**
 * A checkpoint's timing as a partnership may set it. `shareOfLength` and `every` only for a local
 * target's checkpoints (effectiveClocks). `every` sets the rhythm of a checkpoint the process made
 * recurring: how often and, if given, at what time; the condition it recurs while (and whether it
 * follows pauses) stay the process's.
 */
export type TimingOverride =
  | Exclude<CheckpointTiming, RecurringTiming>
  | Pick<RecurringTiming, 'every' | 'unit' | 'atTime'>;

const timingSchema: z.ZodMiniType<TimingOverride> = z.union([
  z.strictObject({ after: z.number().check(z.int(), z.gte(0)) }),
  z.strictObject({ due: z.literal(true) }),
  z.strictObject({ beforeDueDays: z.number().check(z.int(), z.gte(0)) }),
  z.strictObject({ afterDueHours: z.number().check(z.gte(0)) }),
  z.strictObject({
    shareOfLength: z
      .number()
      .check(
        z.gt(0, 'must be more than 0'),
        z.lt(1, 'must be less than 1 (the due checkpoint is at the whole length)'),
      ),
  }),
  z.strictObject({
    every: z.number().check(z.int(), z.gte(1)),
    unit: z.enum(['days', 'weeks', 'workingDays']),
    atTime: z.optional(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a London time written HH:MM'))),
  }),
]);

const checkpointOverrideSchema = z.strictObject({
  at: z.optional(timingSchema),
  recipients: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
});

const clockOverrideSchema = z.strictObject({
  length: z.optional(z.number().check(z.int(), z.positive())),
  checkpoints: z.optional(z.record(z.string(), checkpointOverrideSchema)),
});

const processOverrideSchema = z.strictObject({
  clocks: z.optional(z.record(z.string(), clockOverrideSchema)),
  /** Reasons offered when a timescale is missed, by code. */
  delayReasons: z.optional(z.record(z.string().check(z.regex(/^[a-zA-Z]+$/)), z.string().check(z.minLength(1)))),
  /**
   * The reasons the process's pausable local targets may be paused for, by code (replacing the
   * process's own list). A statutory or national clock keeps the reasons its definition gives.
   */
  pauseReasons: z.optional(z.record(z.string().check(z.regex(/^[a-zA-Z]+$/)), z.string().check(z.minLength(1)))),
  /**
   * The process's own settings: plain JSON values (a time, a number, a list of a level's members...),
   * each parsed by the process's settings schema at start (processSettings), which names a bad key.
   */
  settings: z.optional(z.record(z.string(), z.json())),
});

export const partnershipSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  name: z.string().check(z.minLength(1)),
  /**
   * The pages' address (they live under `/app` there); emails link to a page there (ids only, never
   * personal data), through sign-in. In AWS the HTTP API's address replaces it (PAGES_BASE_URL).
   */
  signInUrl: z.url(),
  /** Where people send feedback about RightTime: the phase banner's link on every page. */
  feedbackMailbox: z.optional(z.email('must be an email address')),
  /**
   * Days an organisation is closed (e.g. the council between Christmas and New Year). Each belongs to
   * one organisation and lengthens only that organisation's local targets, never a statutory clock.
   */
  closureDays: z._default(
    z.array(
      z.strictObject({
        organisation: z.pipe(
          z.string({ error: 'must name the organisation that closes (an organisation id from the directory)' }),
          organisationId,
        ),
        date: localDate,
        reason: z.string().check(z.minLength(1)),
      }),
    ),
    [],
  ),
  /**
   * Bank holidays proclaimed for one year (the State Funeral on 19 September 2022, the Coronation on
   * 8 May 2023), with the proclamation as the citation: a bank holiday in England under the Banking and
   * Financial Dealings Act 1971 s1(3), so every clock skips it, statutory clocks too, as the law does.
   * Only adds days off: nothing here can remove a bank holiday or lengthen a clock otherwise.
   */
  proclaimedBankHolidays: z._default(
    z.array(
      z.strictObject({
        date: localDate.check(
          z.refine(
            (d) => !isLocalDate(d) || dayOfWeek(d) <= 5,
            'must be a weekday: a bank holiday is proclaimed for a weekday',
          ),
        ),
        name: z
          .string()
          .check(
            z.trim(),
            z.minLength(1, 'must name the day, e.g. "Bank holiday for the Coronation of King Charles III"'),
          ),
        proclamation: z
          .string()
          .check(
            z.trim(),
            z.minLength(1, 'must cite the proclamation that made it a bank holiday (the citation shown with the day)'),
          ),
      }),
    ),
    [],
  ),
  organisations: z.array(organisationSchema).check(z.minLength(1)),
  processes: z._default(z.record(z.string(), processOverrideSchema), {}),
});

export type PartnershipConfig = z.infer<typeof partnershipSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type ProcessOverride = z.infer<typeof processOverrideSchema>;

/** The kinds of organisation that name the councils they cover or serve (`councils`). */
const KINDS_SERVING_COUNCILS: readonly string[] = ['police', 'healthProvider', 'icb'];

export class PartnershipConfigError extends Error {
  override readonly name = 'PartnershipConfigError';
  constructor(readonly problems: string[]) {
    super(`The partnership configuration is not valid:\n- ${problems.join('\n- ')}`);
  }
}

export function parsePartnership(raw: unknown): PartnershipConfig {
  const parsed = partnershipSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PartnershipConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const org of parsed.data.organisations) {
    if (ids.has(org.id)) problems.push(`organisations: ${org.id} is listed twice`);
    ids.add(org.id);
  }
  const byId = new Map(parsed.data.organisations.map((o) => [o.id, o]));
  parsed.data.organisations.forEach((org) => {
    if (org.icb && !ids.has(org.icb)) problems.push(`organisations.${org.id}.icb: no organisation ${org.icb}`);
    if (!org.councils) return;
    if (!KINDS_SERVING_COUNCILS.includes(org.kind)) {
      problems.push(
        `organisations.${org.id}.councils: ${org.id} is a ${org.kind}; only a police force, a health provider ` +
          'or an ICB names the councils it covers or serves',
      );
      return;
    }
    const seen = new Set<string>();
    org.councils.forEach((id, j) => {
      const at = `organisations.${org.id}.councils.${j}`;
      const named = byId.get(id);
      if (seen.has(id)) problems.push(`${at}: ${id} is listed twice for ${org.id}`);
      else if (!named) problems.push(`${at}: no organisation ${id} in the directory (${org.id} names it)`);
      else if (named.kind !== 'council') problems.push(`${at}: ${id} is a ${named.kind}, not a council (${org.id})`);
      seen.add(id);
    });
  });
  // A local authority code names one council: Operation Encompass finds a school's council by it.
  const councilOfCode = new Map<string, string>();
  parsed.data.organisations.forEach((org) => {
    if (org.kind !== 'council' || !org.localAuthorityCode) return;
    const first = councilOfCode.get(org.localAuthorityCode);
    if (first)
      problems.push(
        `organisations.${org.id}.localAuthorityCode: ${org.localAuthorityCode} is already ${first}'s; ` +
          'each council has its own local authority code',
      );
    else councilOfCode.set(org.localAuthorityCode, org.id);
  });
  parsed.data.closureDays.forEach((day, i) => {
    if (!ids.has(day.organisation))
      problems.push(`closureDays.${i}.organisation: no organisation ${day.organisation} in the directory`);
  });
  if (problems.length) throw new PartnershipConfigError(problems);
  return parsed.data;
}

/**
 * A process's settings in a partnership, parsed by the process's own schema (defaults filled in). A bad
 * setting is refused naming its key, e.g. `processes.operation-encompass.settings.earlyYears: expected
 * boolean`; a key the process does not have is refused too. Checked when the runtime starts.
 */
export function processSettings<S extends z.ZodMiniType>(
  processId: string,
  schema: S,
  partnership: Pick<PartnershipConfig, 'processes'>,
): z.output<S> {
  const parsed = schema.safeParse(partnership.processes?.[processId]?.settings ?? {});
  if (parsed.success) return parsed.data;
  const at = `processes.${processId}.settings`;
  throw new PartnershipConfigError(
    parsed.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => `${[at, ...i.path, k].join('.')}: ${processId} has no setting '${k}'`)
        : [`${[at, ...i.path].join('.')}: ${i.message}`],
    ),
  );
}

const clockOverrideKeys = ['length', 'checkpoints'];
const checkpointOverrideKeys = ['at', 'recipients'];

/**
 * The clocks a process runs in this partnership: the process's defaults with the partnership's
 * overrides applied. Only a clock's length and its checkpoints' timing and recipients can be set.
 * A statutory or national clock may be shortened but never lengthened: not by a longer length, nor by
 * moving its due checkpoint, nor by any other field (its kind, source, owner, pausing, closure days);
 * and it never counts closure days whatever the configuration says (see workingDaysOf).
 */
export function effectiveClocks(
  processId: string,
  defaults: ClockDefinition[],
  partnership: PartnershipConfig,
): ClockDefinition[] {
  const override = partnership.processes[processId]?.clocks ?? {};
  const pauseReasons = partnership.processes[processId]?.pauseReasons;
  const problems: string[] = [];
  if (pauseReasons && !defaults.some((c) => c.pausable && !isSetNationally(c.source))) {
    problems.push(`processes.${processId}.pauseReasons: ${processId} has no local target that can be paused`);
  }
  for (const id of Object.keys(override)) {
    if (!defaults.some((c) => c.id === id))
      problems.push(`processes.${processId}.clocks.${id}: ${processId} has no clock ${id}`);
  }
  const clocks = defaults.map((withDefaultReasons) => {
    // A pausable local target is paused for the partnership's reasons, when it lists them.
    const clock =
      pauseReasons && withDefaultReasons.pausable && !isSetNationally(withDefaultReasons.source)
        ? { ...withDefaultReasons, pauseReasons }
        : withDefaultReasons;
    const o = override[clock.id];
    if (!o || typeof o !== 'object') return clock; // the schema names anything that is not an object
    const at = `processes.${processId}.clocks.${clock.id}`;
    const national = isSetNationally(clock.source);
    const what = clock.source.kind === 'statutory' ? 'statutory' : 'a national standard';
    // Checked here as well as by the schema, so a configuration changed after loading is still refused.
    for (const key of Object.keys(o).filter((k) => !clockOverrideKeys.includes(k))) {
      problems.push(
        national
          ? `${at}.${key}: ${clock.title} is ${what}; its ${key} cannot be configured (only a shorter ` +
              `length, and its checkpoints' warnings and recipients)`
          : `${at}.${key}: only length and checkpoints can be configured for a clock`,
      );
    }
    if (o.length !== undefined) {
      if (clock.kind === 'calendarDate') {
        problems.push(
          `${at}.length: ${clock.title} has a due date set by the process, not a length; it cannot be configured`,
        );
      } else if (national && o.length > clock.length) {
        problems.push(
          `${at}.length: ${clock.title} is ${what} (${clock.length}); ` +
            `configuration may shorten it but not lengthen it to ${o.length}`,
        );
      }
    }
    for (const [cpId, co] of Object.entries(o.checkpoints ?? {})) {
      const cp = clock.checkpoints.find((c) => c.id === cpId);
      if (!cp) {
        problems.push(`${at}.checkpoints.${cpId}: no such checkpoint`);
        continue;
      }
      if (!co || typeof co !== 'object') continue; // named by the schema
      for (const key of Object.keys(co).filter((k) => !checkpointOverrideKeys.includes(k))) {
        problems.push(
          `${at}.checkpoints.${cpId}.${key}: only a checkpoint's timing (at) and recipients can be configured`,
        );
      }
      const timing: unknown = co.at;
      const atDue =
        typeof timing === 'object' &&
        timing !== null &&
        'due' in timing &&
        timing.due === true &&
        Object.keys(timing).length === 1;
      if (cp.kind === 'due' && timing !== undefined && !atDue) {
        problems.push(
          `${at}.checkpoints.${cpId}.at: the due checkpoint of ${clock.title} is at its due instant; ` +
            (national
              ? `the clock is ${what}, so it may be shortened by its length, never moved later`
              : 'change the length instead'),
        );
        continue;
      }
      if (typeof timing === 'object' && timing !== null)
        problems.push(...timingProblems(clock, cp.at, timing, `${at}.checkpoints.${cpId}.at`, what));
    }
    return {
      ...clock,
      length: o.length ?? clock.length,
      checkpoints: clock.checkpoints.map((cp) => {
        const co = o.checkpoints?.[cp.id];
        return co ? { ...cp, at: timingWith(cp.at, co.at), recipients: co.recipients ?? cp.recipients } : cp;
      }),
    };
  });
  if (problems.length) throw new PartnershipConfigError(problems);
  return clocks;
}

/**
 * What is wrong with a checkpoint's timing override beyond its shape: `shareOfLength` and `every` are
 * for a local target only (a statutory or national clock's checkpoints keep the process's kinds of
 * timing); `every` only re-times a checkpoint the process made recurring, and a recurring one is
 * re-timed only by `every`; a rhythm that follows pauses keeps the clock's own units.
 */
function timingProblems(
  clock: ClockDefinition,
  defined: CheckpointTiming,
  timing: object,
  at: string,
  what: string,
): string[] {
  const key = ['shareOfLength', 'every'].find((k) => k in timing);
  if (key && isSetNationally(clock.source))
    return [`${at}.${key}: ${clock.title} is ${what}; ${key} can be set for a local target only`];
  if (key === 'shareOfLength' && clock.kind === 'calendarDate')
    return [`${at}.shareOfLength: ${clock.title} has a due date set by the process, not a length to take a share of`];
  if (key === 'every' && !isRecurring(defined))
    return [`${at}.every: this checkpoint happens once; every sets the rhythm of a recurring checkpoint only`];
  if (key !== 'every' && isRecurring(defined))
    return [`${at}: this checkpoint recurs while ${defined.whileCase}; set its rhythm with every and unit`];
  if (key === 'every' && isRecurring(defined) && defined.followsPauses) {
    const unit = (timing as { unit?: string }).unit;
    const clockUnits =
      clock.kind === 'workingDays' ? ['workingDays'] : clock.kind === 'calendarDays' ? ['days', 'weeks'] : [];
    if (unit !== undefined && !clockUnits.includes(unit))
      return [
        `${at}.unit: this checkpoint's rhythm follows the clock's pauses, ` +
          `so it counts the clock's own days (${clockUnits.join(' or ') || 'none'}), not ${unit}`,
      ];
  }
  return [];
}

/**
 * A checkpoint's timing with the partnership's override: a recurring one keeps its
 * condition and whether it follows pauses.
 */
function timingWith(defined: CheckpointTiming, override: TimingOverride | undefined): CheckpointTiming {
  if (!override) return defined;
  if ('every' in override) {
    if (!isRecurring(defined)) return defined; // refused by timingProblems
    return {
      ...defined,
      every: override.every,
      unit: override.unit,
      ...(override.atTime !== undefined ? { atTime: override.atTime } : {}),
    };
  }
  return override;
}

export function organisation(partnership: PartnershipConfig, id: string): Organisation | undefined {
  return partnership.organisations.find((o) => o.id === id);
}

/**
 * The councils an organisation acts for: a council, itself; a police force, health provider or ICB, the
 * councils it names (`councils`); none for an organisation that names none or is not in the directory.
 */
export function councilsServedBy(
  partnership: Pick<PartnershipConfig, 'organisations'>,
  organisationId: string,
): readonly string[] {
  const org = partnership.organisations.find((o) => o.id === organisationId);
  if (!org) return [];
  return org.kind === 'council' ? [org.id] : (org.councils ?? []);
}

/** An organisation's team mailbox as a recipient, labelled with the recipient role that asked for it. */
export function mailboxRecipient(
  partnership: PartnershipConfig,
  orgId: string | undefined,
  mailboxName: string,
  role = mailboxName,
): { role: string; address: string }[] {
  const address = orgId ? organisation(partnership, orgId)?.mailboxes[mailboxName] : undefined;
  return address ? [{ role, address }] : [];
}
