/**
 * Children in care, reviews and visits: what a partnership may set (`processes.children-in-care.settings`),
 * parsed at start so a bad setting is refused naming its key. Every timescale is statutory: a partnership
 * may shorten one (a shorter clock `length`; `longTermVisitMonths` below 3), never lengthen it.
 */

import { type PartnershipConfig, processSettings } from '#core/partnership/config';
import * as z from '#core/schema/zod';
import { PROCESS_ID } from './details';

const mailbox = z.string().check(z.regex(/^[a-zA-Z]+$/, 'expected the name of one of the council’s mailboxes'));

/**
 * Regulation 28(2)(c)(i): after a placement's first year, a placement meant to last until 18 is visited
 * every 3 months at most.
 */
export const LONG_TERM_VISIT_MONTHS = 3;

export const settingsSchema = z.strictObject({
  /** Months between visits after the first year of a placement meant to last until 18: 3, or fewer, never more. */
  longTermVisitMonths: z._default(
    z
      .number()
      .check(
        z.int(),
        z.gte(1, 'expected 1 to 3 months'),
        z.lte(
          LONG_TERM_VISIT_MONTHS,
          'expected 1 to 3 months: regulation 28 allows at most 3 months, ' +
            'and configuration may shorten it, never lengthen it',
        ),
      ),
    LONG_TERM_VISIT_MONTHS,
  ),
  /** The council's mailboxes: its independent reviewing officers (until a child's is named), its head of service. */
  reviewingOfficersMailbox: z._default(mailbox, 'independentReviewingOfficers'),
  headOfServiceMailbox: z._default(mailbox, 'headOfService'),
});

export type Settings = z.output<typeof settingsSchema>;

export function settingsFor(partnership: PartnershipConfig): Settings {
  return processSettings(PROCESS_ID, settingsSchema, partnership);
}
