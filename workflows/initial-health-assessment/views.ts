/** Initial health assessment: the commissioner's pseudonymous view of a case (readers see every detail). */
import type { ProcessViews } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import type { IhaDetails } from './details';

export const views: ProcessViews<IhaDetails> = {
  commissionerView(record: CaseRecord<IhaDetails>): Record<string, unknown> {
    const d = record.details;
    return {
      caseCode: record.caseCode,
      stage: record.stage,
      status: record.status,
      enteredCareMonth: d.enteredCareAt?.slice(0, 7),
      placementArea: d.placement?.area,
      requestWorkingDays: d.request?.workingDaysAfterEntry ?? null,
      assessment: d.assessment
        ? { onTime: d.assessment.onTime, delayReason: d.assessment.delayReason?.label ?? null, segments: d.assessment.segments }
        : null,
      clocks: Object.values(record.clocks).map((c) => ({ title: c.title, status: c.status, dueAt: c.dueAt, stoppedAt: c.stoppedAt ?? null })),
    };
  },
};
