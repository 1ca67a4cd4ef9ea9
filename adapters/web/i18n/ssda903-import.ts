import type { ChildPreview, ImportResult, Preview, Reason } from '../../../application/import';
import { longDate } from '../dates';
import { reasonIn } from './import-reasons';
import { t } from './index';

/*
 * The SSDA903 import's sentences in the language of the page (`imports.*` in the catalogues); outside a request, in
 * English, as the API and the command line give them.
 */

/** Values that are the catalogue's own words: a fact's kind, an area. */
const VALUE_WORDS = {
  fact: (kind: string) => t(`imports.factKinds.${kind}`),
  extract: (area: string) => t(`imports.areas.${area}`, { defaultValue: area }),
  record: (area: string) => t(`imports.areas.${area}`, { defaultValue: area }),
};

export function reasonText(reason: Reason): string {
  const field = reason.values?.field;
  // A code refused is named by its DfE list, which the field it is in says.
  const codeList: Record<string, string> =
    reason.key.startsWith('code') && field ? { codeList: t(`imports.codeLists.${field}`) } : {};
  return reasonIn('imports.reasons', { ...reason, values: { ...reason.values, ...codeList } }, VALUE_WORDS);
}

/** A child's additions in words, for a line of the preview: "Entered care on 3 March 2024, 2 reviews". */
export function summaryOf(child: ChildPreview): string {
  if (child.facts.length === 0)
    return t(child.outcome === 'refused' ? 'imports.notImported' : 'imports.nothingNew');
  const on = (date: string) => ({ on: longDate(date) });
  const parts = child.facts
    .filter((f) => f.kind === 'period-start')
    .map((f, i) =>
      t(
        i === 0 && child.outcome === 'new' ? 'imports.summary.enteredCare' : 'imports.summary.reEnteredCare',
        on(f.on),
      ),
    );
  for (const [kind, key] of [
    ['placement', 'placements'],
    ['review', 'reviews'],
  ] as const) {
    const count = child.facts.filter((f) => f.kind === kind).length;
    if (count > 0) parts.push(t(`imports.summary.${key}`, { count }));
  }
  const left = child.facts.findLast((f) => f.kind === 'left');
  if (left) parts.push(t('imports.summary.leftCare', on(left.on)));
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Each refusal and difference with its sentence beside its key, for a reader and for a program (the API, --json). */
const worded = <T extends { reason: Reason }>(item: T) => ({ ...item, message: reasonText(item.reason) });

export const previewInWords = (preview: Preview) => ({
  ...preview,
  fileProblems: preview.fileProblems.map(worded),
  refusals: preview.refusals.map(worded),
  notes: preview.notes.map(reasonText),
  children: preview.children.map((c) => ({
    ...c,
    refusals: c.refusals.map(worded),
    conflicts: c.conflicts.map(worded),
    notes: c.notes.map(reasonText),
  })),
});

export const resultInWords = (result: ImportResult) => ({
  ...result,
  preview: previewInWords(result.preview),
  failed: result.failed.map(worded),
});
