/**
 * Crisis escalation: what a partnership sets (`processes.crisis-escalation.settings`), parsed at start
 * so a bad setting is refused naming its key. Local targets (the crisis assessment, the first Bronze
 * meeting, the 24-hour Silver threshold, the Silver and Gold meetings) are clock overrides
 * (`processes.crisis-escalation.clocks`); the 72-hour Gold threshold is the delayed-discharge clock's
 * `gold-escalation` checkpoint (`at: {after: 72}`).
 */

import { organisation, type PartnershipConfig, processSettings } from '#core/partnership/config';
import * as z from '#core/schema/zod';
import { PROCESS_ID } from './details';

const time = z
  .string({ error: 'expected a time written HH:MM' })
  .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time written HH:MM (24-hour, London time)'));
const organisationId = z
  .string()
  .check(z.regex(/^[a-z0-9-]+$/, 'expected an organisation id from the partnership directory'));

/**
 * One member of a level: what they do there, their organisation (whose delegated
 * authority they carry) and where they are told.
 */
const member = z.strictObject({
  /** 'chair' leads the level (the Bronze chair is told of a meeting not recorded); 'member' takes part. */
  role: z.enum(['chair', 'member']),
  /** Their post, in words (e.g. 'Director of nursing'). */
  title: z.string().check(z.minLength(1), z.maxLength(120)),
  organisation: organisationId,
  address: z.email(),
});

export const settingsSchema = z.strictObject({
  /** The members of each level, told when a case reaches it. Bronze needs a chair. */
  levels: z.optional(
    z.strictObject({
      bronze: z.array(member).check(
        z.minLength(1),
        z.refine((m) => m.some((x) => x.role === 'chair'), 'expected at least one member with role chair'),
      ),
      silver: z.array(member).check(z.minLength(1)),
      gold: z.array(member).check(z.minLength(1)),
    }),
  ),
  /**
   * The intensive home treatment team: where it is told, its hours (e.g. 08:00 to
   * 20:00, 7 days) and a package's usual length.
   */
  intensiveHomeTreatment: z.optional(
    z.strictObject({
      organisation: organisationId,
      address: z.email(),
      opensAt: z._default(time, '08:00'),
      closesAt: z._default(time, '20:00'),
      daysPerWeek: z._default(z.number().check(z.int(), z.gte(1), z.lte(7)), 7),
      typicalWeeks: z._default(z.number().check(z.int(), z.gte(1), z.lte(26)), 6),
    }),
  ),
});

export type Settings = z.output<typeof settingsSchema>;
export type LevelMember = z.output<typeof member>;

/** The partnership's crisis escalation settings, parsed (a bad one throws PartnershipConfigError naming its key). */
export function settingsFor(partnership: Pick<PartnershipConfig, 'processes'>): Settings {
  return processSettings(PROCESS_ID, settingsSchema, partnership);
}

/**
 * A level's members who hear of a young person: the health and ICB members always, a council's members
 * only for their own council's young people (the case's local authority).
 */
export function levelMembersFor(
  partnership: Pick<PartnershipConfig, 'processes' | 'organisations'>,
  level: 'bronze' | 'silver' | 'gold',
  localAuthority: string,
): LevelMember[] {
  const isCouncil = (id: string) => partnership.organisations.find((o) => o.id === id)?.kind === 'council';
  return (settingsFor(partnership).levels?.[level] ?? []).filter(
    (m) => !isCouncil(m.organisation) || m.organisation === localAuthority,
  );
}

/** A package's usual length when the partnership names none. */
export const TYPICAL_HOME_TREATMENT_WEEKS = 6;

/**
 * Each level member's organisation, and the home treatment team's, must be in the
 * partnership directory (checked at start).
 */
export function checkConfiguration(partnership: PartnershipConfig): string[] {
  const s = settingsFor(partnership);
  const at = `processes.${PROCESS_ID}.settings`;
  const unknown = (id: string) => !organisation(partnership, id);
  const problems: string[] = [];
  for (const level of ['bronze', 'silver', 'gold'] as const) {
    s.levels?.[level].forEach((m, i) => {
      if (unknown(m.organisation))
        problems.push(`${at}.levels.${level}.${i}.organisation: no organisation '${m.organisation}' in the directory`);
    });
  }
  if (s.intensiveHomeTreatment && unknown(s.intensiveHomeTreatment.organisation)) {
    problems.push(
      `${at}.intensiveHomeTreatment.organisation: no organisation ` +
        `'${s.intensiveHomeTreatment.organisation}' in the directory`,
    );
  }
  return problems;
}
