import type { Field } from '../../application/fields';
import { labelOf } from '../../application/labels';
import type { ChildListRow } from '../../application/lists/children';
import { longDate } from './dates';
import { t, term } from './i18n';
import { withoutOptional } from './i18n/fields';
import { daysLeft } from './i18n/words';

/** GOV.UK pagination: previous, next and the pages around the current one, with ellipses for the rest. */
export function paginationOf(page: number, pages: number, hrefOf: (page: number) => string) {
  if (pages <= 1) return undefined;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = [];
  for (const [i, n] of shown.entries()) {
    if (i > 0 && n - shown[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: hrefOf(n), current: n === page });
  }
  return {
    items,
    ...(page > 1 ? { previous: { href: hrefOf(page - 1) } } : {}),
    ...(page < pages ? { next: { href: hrefOf(page + 1) } } : {}),
    landmarkLabel: t('lists.pages'),
  };
}

/** A query string with one part changed (the page, a filter), keeping the others. */
export function withParam(query: URLSearchParams, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams(query);
  for (const [key, value] of Object.entries(changes))
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  const text = next.toString();
  return text ? `?${text}` : '';
}

/** Text safe inside HTML. */
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A child's name linked to their record, their case-system id beside it as secondary text. */
export const childLinkHtml = (row: Pick<ChildListRow, 'childId' | 'name' | 'caseSystemId'>) =>
  `<a class="govuk-link" href="/children/${encodeURIComponent(row.childId)}">${escapeHtml(row.name)}</a>` +
  (row.caseSystemId
    ? `<br><span class="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">${escapeHtml(row.caseSystemId)}</span>`
    : '');

/** The status of a duty as a tag: red when overdue, plain when there is time. */
export const dueStatusHtml = (days: number) =>
  days < 0
    ? `<strong class="govuk-tag govuk-tag--red">${escapeHtml(daysLeft(days))}</strong>`
    : days <= 5
      ? `<strong class="govuk-tag govuk-tag--yellow">${escapeHtml(daysLeft(days))}</strong>`
      : escapeHtml(daysLeft(days));

/** The rows of the children's table: every list of children in the service shows these columns. */
export const childTableHead = () => [
  { text: t('lists.name') },
  { text: t('lists.age'), format: 'numeric' },
  { text: t('lists.placement') },
  { text: t('lists.socialWorker') },
  { text: t('lists.iro') },
  { text: t('lists.whatIsNext') },
  { text: t('lists.due') },
];
export const childTableRows = (rows: readonly ChildListRow[]) =>
  rows.map((r) => [
    { html: childLinkHtml(r) },
    { text: String(r.age), format: 'numeric' },
    { text: r.placement },
    { text: r.socialWorker },
    { text: r.iro },
    { text: term(r.duty?.label ?? r.stage) },
    r.duty
      ? { html: `${escapeHtml(longDate(r.duty.dueOn))}<br>${dueStatusHtml(r.duty.workingDaysLeft)}` }
      : { text: t('lists.nothingDue') },
  ]);

/** The answers to check before recording: each question and what was answered, in words. */
export function answerRows(
  fields: readonly Field[],
  input: Record<string, unknown>,
  names: Record<string, string> = {},
) {
  return fields.flatMap((field) => {
    const value = input[field.name];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return [];
    let text: string;
    switch (field.kind) {
      case 'date':
        text = longDate(String(value));
        break;
      case 'boolean':
        text = value ? t('fields.yes') : t('fields.no');
        break;
      case 'choice':
        text = term(labelOf(field.options, String(value)));
        break;
      case 'checkboxes':
        text = (value as string[]).map((v) => term(labelOf(field.options, v))).join(', ');
        break;
      case 'staff':
        text = names[String(value)] ?? String(value);
        break;
      case 'list':
        text = (value as string[]).join(', ');
        break;
      default:
        text = String(value);
    }
    return [{ key: { text: withoutOptional(term(field.label)) }, value: { text } }];
  });
}

/** Staff fields become choices of the LA's staff for the form; everything else is shown as it is. */
export const withChoices = (
  fields: readonly Field[],
  choices: Record<string, Array<{ value: string; text: string }>>,
) =>
  fields.map((f) =>
    f.kind === 'staff' ? { ...f, kind: 'choice' as const, options: choices[f.name] ?? [], select: true } : f,
  );
