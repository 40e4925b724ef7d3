/**
 * Operation Encompass: what a partnership may set, as a schema. The partnership's settings are parsed
 * with it when the runtime starts (checkPartnership), so a bad setting is refused there naming its key
 * (`processes.operation-encompass.settings.earlyYears: expected boolean`), never read as a default.
 */

import { type PartnershipConfig, processSettings } from '#core/partnership/config';
import * as z from '#core/schema/zod';
import { PROCESS_ID } from './details';

/**
 * How long the child's details of a notification that is never acknowledged are kept, in days after
 * police attended. The default, 90 days, is long enough for a notification sent as late as accepted
 * (ATTENDANCE_DAYS_BACK, 28 days) to be held over the summer holiday (up to about 6 weeks) and still
 * reach the school, and for the local authority to find the school and follow up with it; and short
 * enough that details a school never needed are not held for longer than a school term. A partnership
 * may set `notificationRetentionDays` from 70 (28 days plus 6 weeks: less could remove a notification
 * held over the summer before its school reads it) to 180 (about two school terms: longer keeps a
 * child's details no school needed). A value outside is refused at start, naming the key: never held
 * to a bound, which would keep details longer, or for less, than the partnership decided.
 */
export const NOTIFICATION_RETENTION_DAYS = { default: 90, min: 70, max: 180 } as const;

/** Days the child's details are kept after the school acknowledged, at most a school year. */
export const RETENTION_DAYS = { default: 30, min: 1, max: 365 } as const;

const days = (what: string) => z.number({ error: `expected a number of days (${what})` });

export const settingsSchema = z.strictObject({
  /** When a notification held over a school holiday is released on the school's first day back (London time). */
  holdReleaseTime: z._default(
    z
      .string({ error: 'expected a time written HH:MM' })
      .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time written HH:MM (24-hour, London time)')),
    '07:00',
  ),
  /** Days the child's details are kept after the school acknowledged. */
  retentionDays: z._default(
    days(`a whole number from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max}`).check(
      z.int(`expected a whole number of days from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max}`),
      z.gte(RETENTION_DAYS.min, `expected a whole number of days from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max}`),
      z.lte(RETENTION_DAYS.max, `expected a whole number of days from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max}`),
    ),
    RETENTION_DAYS.default,
  ),
  /** Days the details of a notification never acknowledged are kept after police attended. */
  notificationRetentionDays: z._default(
    days(`a whole number from ${NOTIFICATION_RETENTION_DAYS.min} to ${NOTIFICATION_RETENTION_DAYS.max}`).check(
      z.int(
        `expected a whole number of days from ${NOTIFICATION_RETENTION_DAYS.min} to ${NOTIFICATION_RETENTION_DAYS.max}`,
      ),
      z.gte(
        NOTIFICATION_RETENTION_DAYS.min,
        `expected a whole number of days from ${NOTIFICATION_RETENTION_DAYS.min} to ` +
          `${NOTIFICATION_RETENTION_DAYS.max}: fewer could remove a notification held over ` +
          `the summer before its school reads it`,
      ),
      z.lte(
        NOTIFICATION_RETENTION_DAYS.max,
        `expected a whole number of days from ${NOTIFICATION_RETENTION_DAYS.min} to ` +
          `${NOTIFICATION_RETENTION_DAYS.max}: more keeps a child's details no school needed`,
      ),
    ),
    NOTIFICATION_RETENTION_DAYS.default,
  ),
  /** Whether early years settings take part, so children below reception age are notified too. */
  earlyYears: z._default(z.boolean({ error: 'expected boolean' }), false),
  /**
   * The local authority of a child whose school is not known, when police name no home council
   * (`child.homeCouncil`) and the sending force covers more than one council, or none (default: the
   * partnership's first council).
   */
  defaultLocalAuthorityCode: z.optional(
    z
      .string({ error: 'expected a local authority code' })
      .check(z.regex(/^\d{3}$/, 'expected a three-digit local authority code')),
  ),
});

export type Settings = z.output<typeof settingsSchema> & { defaultLocalAuthorityCode: string };

/**
 * The partnership's settings for Operation Encompass, parsed (a bad one
 * throws PartnershipConfigError naming its key).
 */
export function settingsFor(partnership: PartnershipConfig): Settings {
  const s = processSettings(PROCESS_ID, settingsSchema, partnership);
  const council = partnership.organisations.find((o) => o.kind === 'council' && o.localAuthorityCode);
  return { ...s, defaultLocalAuthorityCode: s.defaultLocalAuthorityCode ?? council?.localAuthorityCode ?? '' };
}
