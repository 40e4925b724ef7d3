/**
 * Supporting Families / Family Help: what a partnership may set (`processes.supporting-families.settings`),
 * parsed at start so a bad setting is refused naming its key. Its local targets are clock overrides and
 * its pause reasons `processes.supporting-families.pauseReasons`.
 */

import { isLocalDate } from '#core/calendar/index';
import { type PartnershipConfig, processSettings } from '#core/partnership/config';
import { localDate } from '#core/schema/index';
import * as z from '#core/schema/zod';
import { PROCESS_ID } from './details';

const mailbox = z.string().check(z.regex(/^[a-zA-Z]+$/, 'expected the name of one of the council’s mailboxes'));

/**
 * The days a partnership may start Family Help (version 2) from. Not before 15 December 2023, when
 * Working Together to Safeguard Children 2023, which sets out Family Help, came into force: an earlier
 * day would open requests under rules that did not yet exist. Not after 31 March 2027, two years after
 * councils began moving to Family Help with the Families First Partnership programme (April 2025): a day
 * far ahead would keep every new request under Supporting Families (version 1), which has no statutory
 * 45-working-day assessment of a child in need, so configuration would quietly drop a statutory clock.
 * A day outside is refused at start, naming the key; it is never moved to the nearest bound.
 */
export const FAMILY_HELP_FROM = { default: '2025-04-01', earliest: '2023-12-15', latest: '2027-03-31' } as const;

export const settingsSchema = z.strictObject({
  /** The day Family Help (version 2) starts for new requests in this partnership. */
  familyHelpFrom: z._default(
    localDate.check(
      z.refine(
        (day) => !isLocalDate(day) || day >= FAMILY_HELP_FROM.earliest,
        `expected a day from ${FAMILY_HELP_FROM.earliest} (Working Together 2023, ` +
          `which sets out Family Help, in force) to ${FAMILY_HELP_FROM.latest}`,
      ),
      z.refine(
        (day) => !isLocalDate(day) || day <= FAMILY_HELP_FROM.latest,
        `expected a day from ${FAMILY_HELP_FROM.earliest} to ${FAMILY_HELP_FROM.latest}: ` +
          `a later day would keep new requests under Supporting Families, ` +
          `without the statutory 45-working-day assessment`,
      ),
    ),
    FAMILY_HELP_FROM.default,
  ),
  /** The council's mailboxes (config organisations[].mailboxes) for each recipient that is a team. */
  frontDoorMailbox: z._default(mailbox, 'earlyHelpFrontDoor'),
  teamLeaderMailbox: z._default(mailbox, 'familySupportTeamLeaders'),
  serviceManagerMailbox: z._default(mailbox, 'familySupportServiceManager'),
  mashMailbox: z._default(mailbox, 'mash'),
});

export type Settings = z.output<typeof settingsSchema>;

export function settingsFor(partnership: PartnershipConfig): Settings {
  return processSettings(PROCESS_ID, settingsSchema, partnership);
}

/** Reasons an episode may be paused for, unless the partnership lists its own (`pauseReasons`). */
export const defaultPauseReasons: Record<string, string> = {
  parentInHospital: 'A parent or carer is in hospital',
  familyAway: 'The family is away',
  bereavement: 'The family asked for time after a bereavement',
};
