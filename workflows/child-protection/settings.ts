/**
 * Child protection: what a partnership may set (`processes.child-protection.settings`), parsed at start
 * so a bad setting is refused naming its key. Its clocks are statutory: a partnership may shorten the
 * working-day ones (`clocks`), never lengthen them; the review conferences' months are not configurable.
 */

import { type PartnershipConfig, processSettings } from '#core/partnership/config';
import * as z from '#core/schema/zod';
import { PROCESS_ID } from './details';

const mailbox = z.string().check(z.regex(/^[a-zA-Z]+$/, 'expected the name of one of the council’s mailboxes'));

export const settingsSchema = z.strictObject({
  /**
   * The council's mailboxes (config organisations[].mailboxes): the conference chairs (told until a
   * conference names its chair), the head of service (told of a missed timescale), and the Family Help
   * front door (asked for the linked request when a child steps down to Family Help).
   */
  chairsMailbox: z._default(mailbox, 'childProtectionChairs'),
  headOfServiceMailbox: z._default(mailbox, 'headOfService'),
  familyHelpFrontDoorMailbox: z._default(mailbox, 'earlyHelpFrontDoor'),
});

export type Settings = z.output<typeof settingsSchema>;

export function settingsFor(partnership: PartnershipConfig): Settings {
  return processSettings(PROCESS_ID, settingsSchema, partnership);
}
