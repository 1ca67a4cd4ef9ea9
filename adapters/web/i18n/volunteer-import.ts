import type { PlannedFact, Reason, VolunteerPreview } from '../../../application/import';
import { longDate } from '../dates';
import { reasonIn } from './import-reasons';
import { t } from './index';

/*
 * The volunteer import's sentences in the language of the page (`volunteerImport.*` in the catalogues); outside a
 * request, in English, as the API and the command line give them.
 */

const course = (code: string) => t(`volunteerImport.courses.${code}`, { defaultValue: code });

export const reasonText = (reason: Reason): string => reasonIn('volunteerImport.reasons', reason, { course });

/** "row 4, EMAIL": where a refusal or a difference is, as the spreadsheet shows it. */
export const whereText = (at: { row?: number; field?: string }): string =>
  [at.row !== undefined ? t('volunteerImport.preview.row', { row: at.row }) : undefined, at.field]
    .filter(Boolean)
    .join(', ');

function factText(fact: PlannedFact): string {
  const on = longDate(fact.on);
  switch (fact.kind) {
    case 'applied':
      return t('volunteerImport.facts.applied', { on });
    case 'email':
    case 'phone':
      return t(`volunteerImport.facts.${fact.kind}Added`);
    case 'dbs':
      return t('volunteerImport.facts.dbs', { on, level: t(`volunteerImport.dbsLevels.${fact.level}`) });
    case 'reference':
      return t(
        fact.satisfactory
          ? 'volunteerImport.facts.reference'
          : 'volunteerImport.facts.referenceNotSatisfactory',
        { on },
      );
    case 'training':
      return t('volunteerImport.facts.training', { on, course: course(fact.course!) });
  }
}

/** What would be recorded for a volunteer, in one line: "Applied on 5 January 2026, DBS check (…) issued on …". */
export function factsText(volunteer: VolunteerPreview): string {
  if (volunteer.facts.length === 0)
    return t(
      volunteer.outcome === 'refused'
        ? 'volunteerImport.facts.notImported'
        : 'volunteerImport.facts.nothingNew',
    );
  const text = volunteer.facts.map(factText).join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
