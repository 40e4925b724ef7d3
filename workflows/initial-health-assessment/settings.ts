/**
 * Initial health assessment: what a partnership may set. It has no settings of its own (its local
 * target is a clock override, its delay reasons a list), so any key under `settings` is refused at start.
 */

import type { PartnershipConfig } from '#core/partnership/config';
import * as z from '#core/schema/zod';
import { PROCESS_ID } from './details';

export const settingsSchema = z.strictObject({});

export const defaultDelayReasons: Record<string, string> = {
  requestLate: 'Request to health sent late',
  consentNotReceived: 'Consent not received',
  notBroughtToAppointment: 'Child not brought to the appointment',
  placementMoved: 'Placement moved',
  healthCapacity: 'Health capacity',
  other: 'Other',
};

export function delayReasonsFor(partnership: PartnershipConfig): Record<string, string> {
  return partnership.processes[PROCESS_ID]?.delayReasons ?? defaultDelayReasons;
}
