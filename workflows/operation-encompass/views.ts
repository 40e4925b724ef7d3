/**
 * Operation Encompass: what each role sees of a notification, the commissioner's pseudonymous view, and
 * the figures across cases (who may read and record is in access.ts).
 */
import { suppressColumns, suppressMedian, suppressShare } from '#core/figures/suppression';
import type { Actor } from '#core/identity/actor';
import type { ProcessViews } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { NOT_KNOWN, type EncompassDetails } from './details';
import { KEY_ADULT_CLOCK } from './clocks';

type Record_ = CaseRecord<EncompassDetails>;

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const views: ProcessViews<EncompassDetails> = {
  viewFor(actor: Actor, record: Record_): unknown {
    const d = record.details;
    const clock = record.clocks[KEY_ADULT_CLOCK];
    const status = d.administratorClosure || (record.status === 'closed' && !d.acknowledgement) ? 'closed' : d.acknowledgement ? 'acknowledged' : d.heldUntil ? 'heldOverHoliday' : d.school ? 'waiting' : 'findingSchool';
    if (actor.role === 'school-key-adult') {
      return { school: d.school?.name, child: d.child, policeAttendedAt: d.attendedAt, policeContact: d.policeContact, deadline: clock?.dueAt ?? null, status, acknowledgement: d.acknowledgement ? { at: d.acknowledgement.at, supportOffered: d.acknowledgement.supportOffered ?? null } : null };
    }
    if (actor.role === 'police') {
      // Police see the status of their notification, never the school's notes.
      return { forceIncidentReference: d.forceIncidentReference, child: d.child, schoolUrn: d.school?.urn ?? null, deadline: clock?.dueAt ?? null, status, acknowledgedAt: d.acknowledgement?.at ?? null };
    }
    return d;
  },
  commissionerView(record: Record_): Record<string, unknown> {
    const d = record.details;
    const clock = record.clocks[KEY_ADULT_CLOCK];
    return {
      caseCode: record.caseCode,
      schoolUrn: d.school?.urn ?? null,
      localAuthorityCode: d.localAuthorityCode,
      month: d.attendedAt.slice(0, 7),
      status: record.stage,
      deadline: clock?.dueAt ?? null,
      acknowledgedBeforeSchoolStart: d.acknowledgement?.beforeSchoolStart ?? null,
      minutesToAcknowledge: d.acknowledgement && d.notifiedAt ? Math.round((new Date(d.acknowledgement.at).getTime() - new Date(d.notifiedAt).getTime()) / 60000) : null,
      escalated: d.escalated,
      heldOverHoliday: d.heldOverHoliday,
      workingDaysToFindSchool: d.schoolFoundAfterWorkingDays ?? null,
    };
  },
  figures(records: Record_[]): Record<string, unknown> {
    // Every figure here is broken down below the partnership (by school or local authority, and month),
    // so small numbers are suppressed: 1 to 4 as 'fewer than 5', and a second cell withheld where a total
    // would reveal one. The schools of one authority in one month add up to its row; the authority rows
    // add up to the partnership's count of cases.
    type Row = { month: string; localAuthorityCode: string; id: string; notifications: number; acknowledgedBeforeSchoolStart: number; acknowledged: number; minutes: number[]; escalations: number; heldOverHoliday: number; unknownSchools: number; daysToFind: number[] };
    const groups = { bySchool: new Map<string, Row>(), byLocalAuthority: new Map<string, Row>() };
    const row = (m: Map<string, Row>, month: string, localAuthorityCode: string, id: string) => {
      const k = `${month}|${localAuthorityCode}|${id}`;
      let r = m.get(k);
      if (!r) m.set(k, (r = { month, localAuthorityCode, id, notifications: 0, acknowledgedBeforeSchoolStart: 0, acknowledged: 0, minutes: [], escalations: 0, heldOverHoliday: 0, unknownSchools: 0, daysToFind: [] }));
      return r;
    };
    for (const r of records) {
      const d = r.details;
      const month = d.attendedAt.slice(0, 7);
      for (const target of [row(groups.bySchool, month, d.localAuthorityCode, d.school?.urn ?? 'not yet found'), row(groups.byLocalAuthority, month, d.localAuthorityCode, d.localAuthorityCode)]) {
        target.notifications++;
        if (d.acknowledgement) {
          target.acknowledged++;
          if (d.acknowledgement.beforeSchoolStart) target.acknowledgedBeforeSchoolStart++;
          if (d.notifiedAt) target.minutes.push((new Date(d.acknowledgement.at).getTime() - new Date(d.notifiedAt).getTime()) / 60000);
        }
        if (d.escalated) target.escalations++;
        if (d.heldOverHoliday) target.heldOverHoliday++;
        if (d.schoolUrnGiven === NOT_KNOWN || d.schoolFoundAfterWorkingDays !== undefined) target.unknownSchools++;
        if (d.schoolFoundAfterWorkingDays !== undefined) target.daysToFind.push(d.schoolFoundAfterWorkingDays);
      }
    }
    const table = (m: Map<string, Row>, groupOf: (r: Row) => string, withSchool: boolean) => {
      const rows = [...m.values()].sort((a, b) => `${a.month}|${a.localAuthorityCode}|${a.id}`.localeCompare(`${b.month}|${b.localAuthorityCode}|${b.id}`));
      const shown = suppressColumns(
        rows.map((r) => ({ group: groupOf(r), notifications: r.notifications, escalations: r.escalations, heldOverHolidays: r.heldOverHoliday, unknownSchools: r.unknownSchools })),
        ['notifications', 'escalations', 'heldOverHolidays', 'unknownSchools'],
        (c) => c.group,
      );
      return rows.map((r, i) => ({
        month: r.month,
        ...(withSchool ? { schoolUrn: r.id } : {}),
        localAuthorityCode: r.localAuthorityCode,
        notifications: shown[i]!.notifications,
        shareAcknowledgedBeforeSchoolStart: suppressShare(r.acknowledgedBeforeSchoolStart, r.notifications, shown[i]!.notifications),
        medianMinutesToAcknowledge: suppressMedian(r.minutes, (v) => median([...v])),
        escalations: shown[i]!.escalations,
        heldOverHolidays: shown[i]!.heldOverHolidays,
        unknownSchools: shown[i]!.unknownSchools,
        medianWorkingDaysToFindSchool: suppressMedian(r.daysToFind, (v) => median([...v])),
      }));
    };
    return {
      bySchool: table(groups.bySchool, (r) => `${r.month}|${r.localAuthorityCode}`, true),
      byLocalAuthority: table(groups.byLocalAuthority, () => 'partnership', false),
      // One row per case, without its school: with the school and the month, a row could point to a child.
      caseFigures: records.map((r) => {
        const { schoolUrn: _school, ...view } = views.commissionerView(r) as { schoolUrn?: unknown };
        return view;
      }),
    };
  },
};
