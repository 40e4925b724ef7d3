/** Moving the local clock forward: what `POST /local/clock` and the local page accept, and where the clock lands. */

import { addHours, endOfLondonDay, londonDateOf, londonDateTime, londonTimeOf } from '#core/calendar/index';
import * as z from '#core/schema/zod';
import type { Platform } from './platform';

export const advanceSchema = z.union([
  z.strictObject({ to: z.iso.datetime({ offset: true }) }),
  z.strictObject({
    advance: z
      .strictObject({
        minutes: z.optional(z.number().check(z.int(), z.positive())),
        hours: z.optional(z.number().check(z.int(), z.positive())),
        days: z.optional(z.number().check(z.int(), z.positive(), z.lte(3660))),
        workingDays: z.optional(z.number().check(z.int(), z.positive(), z.lte(2600))),
      })
      .check(
        z.refine(
          (a) => Object.values(a).filter((v) => v !== undefined).length === 1,
          'give exactly one of minutes, hours, days, workingDays',
        ),
      ),
  }),
]);

/** Where the clock lands when moved forward. Working days keep the time of day, on the Nth working day after today. */
export function advanceTarget(platform: Platform, body: z.infer<typeof advanceSchema>): Date {
  const now = platform.clock.now();
  if ('to' in body) return new Date(body.to);
  const a = body.advance;
  if (a.minutes) return new Date(now.getTime() + a.minutes * 60_000);
  if (a.hours) return addHours(now, a.hours);
  if (a.days) return new Date(now.getTime() + a.days * 86_400_000);
  const day = platform.runtime.workingDays.addWorkingDays(londonDateOf(now), a.workingDays!);
  const target = londonDateTime(day, londonTimeOf(now));
  return target > now ? target : endOfLondonDay(day);
}
