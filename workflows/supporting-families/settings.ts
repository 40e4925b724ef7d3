/**
 * Supporting Families / Family Help: what a partnership may set (`processes.supporting-families.settings`),
 * parsed at start so a bad setting is refused naming its key. Its local targets are clock overrides and
 * its pause reasons `processes.supporting-families.pauseReasons`.
 */
import * as z from 'zod';
import { processSettings, type PartnershipConfig } from '#core/partnership/config';
import { localDate } from '#core/schema/index';
import { PROCESS_ID } from './details';

const mailbox = z.string().regex(/^[a-zA-Z]+$/, 'expected the name of one of the council’s mailboxes');

export const settingsSchema = z.strictObject({
  /** The day Family Help (version 2) starts for new requests in this partnership. */
  familyHelpFrom: localDate.default('2025-04-01'),
  /** The council's mailboxes (config organisations[].mailboxes) for each recipient that is a team. */
  frontDoorMailbox: mailbox.default('earlyHelpFrontDoor'),
  teamLeaderMailbox: mailbox.default('familySupportTeamLeaders'),
  serviceManagerMailbox: mailbox.default('familySupportServiceManager'),
  mashMailbox: mailbox.default('mash'),
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
