/**
 * Crisis escalation: what a partnership sets (`processes.crisis-escalation.settings`), parsed at start
 * so a bad setting is refused naming its key. Local targets (the crisis assessment, the first Bronze
 * meeting, the 24-hour Silver threshold, the Silver and Gold meetings) are clock overrides
 * (`processes.crisis-escalation.clocks`); the 72-hour Gold threshold is the delayed-discharge clock's
 * `gold-escalation` checkpoint (`at: {after: 72}`).
 */
import * as z from 'zod';
import { organisation, type PartnershipConfig, processSettings } from '#core/partnership/config';
import { PROCESS_ID } from './details';

const time = z
  .string({ error: 'expected a time written HH:MM' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time written HH:MM (24-hour, London time)');
const organisationId = z.string().regex(/^[a-z0-9-]+$/, 'expected an organisation id from the partnership directory');

/**
 * One member of a level: what they do there, their organisation (whose delegated
 * authority they carry) and where they are told.
 */
const member = z.strictObject({
  /** 'chair' leads the level (the Bronze chair is told of a meeting not recorded); 'member' takes part. */
  role: z.enum(['chair', 'member']),
  /** Their post, in words (e.g. 'Director of nursing'). */
  title: z.string().min(1).max(120),
  organisation: organisationId,
  address: z.email(),
});

export const settingsSchema = z.strictObject({
  /** The members of each level, told when a case reaches it. Bronze needs a chair. */
  levels: z
    .strictObject({
      bronze: z
        .array(member)
        .min(1)
        .refine((m) => m.some((x) => x.role === 'chair'), 'expected at least one member with role chair'),
      silver: z.array(member).min(1),
      gold: z.array(member).min(1),
    })
    .optional(),
  /**
   * The intensive home treatment team: where it is told, its hours (e.g. 08:00 to
   * 20:00, 7 days) and a package's usual length.
   */
  intensiveHomeTreatment: z
    .strictObject({
      organisation: organisationId,
      address: z.email(),
      opensAt: time.default('08:00'),
      closesAt: time.default('20:00'),
      daysPerWeek: z.number().int().min(1).max(7).default(7),
      typicalWeeks: z.number().int().min(1).max(26).default(6),
    })
    .optional(),
});

export type Settings = z.output<typeof settingsSchema>;
export type LevelMember = z.output<typeof member>;

/** The partnership's crisis escalation settings, parsed (a bad one throws PartnershipConfigError naming its key). */
export function settingsFor(partnership: Pick<PartnershipConfig, 'processes'>): Settings {
  return processSettings(PROCESS_ID, settingsSchema, partnership);
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
