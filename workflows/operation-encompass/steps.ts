/**
 * Operation Encompass: what is expected next on a notification, as its rules would accept it. The
 * school is found (when police did not name one the directory knows), then the Key Adult acknowledges,
 * once, after it is sent to the school. Redirecting and closing by an administrator apply until it is
 * acknowledged; nothing applies once its details are removed.
 */
import type { CaseRecord } from '#core/process/model';
import { type ExpectedStep, type ExpectedSteps, type StepReading, stepOfClock } from '#core/process/steps';
import { FIND_SCHOOL_CLOCK, KEY_ADULT_CLOCK } from './clocks';
import type { EncompassDetails } from './details';

export function expectedSteps(record: CaseRecord<EncompassDetails>, reading: StepReading): ExpectedSteps {
  const d = record.details;
  const live = !d.detailsRemovedAt;
  const find = record.clocks[FIND_SCHOOL_CLOCK];
  const steps: ExpectedStep[] = [];
  if (find)
    steps.push(
      stepOfClock(find, reading, {
        event: 'schoolIdentified',
        title: 'Find the school',
        recordable: live && !d.school,
      }),
    );
  const sent = !!d.school && !!(d.heldUntil || d.notifiedAt);
  const keyAdult = record.clocks[KEY_ADULT_CLOCK];
  const acknowledge = {
    event: 'acknowledged',
    title: 'Acknowledged by the school',
    recordable: live && sent && !d.acknowledgement,
    ...(d.acknowledgement ? { doneAt: d.acknowledgement.at } : {}),
  };
  // Until the school is found there is no Key Adult clock: the acknowledgement cannot start yet.
  steps.push(keyAdult ? stepOfClock(keyAdult, reading, acknowledge) : { ...acknowledge, state: 'notYet' as const });
  const open = live && !d.acknowledgement;
  const other: [string, boolean][] = [
    ['redirected', open && !!d.school],
    ['amended', live],
    ['closedByAdministrator', open],
  ];
  return { steps, otherEvents: other.filter(([, ok]) => ok).map(([e]) => e) };
}
