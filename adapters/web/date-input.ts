import type { LocalDate } from '../../domain/calendar';
import { LocalDateSchema } from '../../events/contracts/common';
import { t } from './i18n';

/*
 * A GOV.UK date input read from a query string (name-day, name-month, name-year): the date it makes, or the error
 * message the design system gives for it. Nothing is guessed: a date that is not real is an error, never a default.
 */

export interface DateInput {
  name: string;
  label: string;
  parts: { day: string; month: string; year: string };
  /** Nothing was typed in any box. */
  blank: boolean;
  value?: LocalDate;
  error?: string;
}

const PARTS = ['day', 'month', 'year'] as const;

export function readDateInput(query: URLSearchParams, name: string, label: string): DateInput {
  const parts = Object.fromEntries(
    PARTS.map((p) => [p, (query.get(`${name}-${p}`) ?? '').trim()]),
  ) as DateInput['parts'];
  const input = { name, label, parts, blank: PARTS.every((p) => parts[p] === '') };
  if (input.blank) return input;
  const missing = PARTS.filter((p) => parts[p] === '');
  const missingParts = missing.map((p) => t(`dateInput.${p}`)).join(t('dateInput.joiner'));
  const notReal = t('dateInput.realDate', { label });
  if (missing.length > 0)
    return { ...input, error: t('dateInput.mustInclude', { label, missing: missingParts }) };
  if (!PARTS.every((p) => /^\d+$/.test(parts[p]))) return { ...input, error: notReal };
  if (parts.year.length !== 4) return { ...input, error: t('dateInput.fourDigitYear') };
  const date = `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  return LocalDateSchema.safeParse(date).success && parts.month.length <= 2 && parts.day.length <= 2
    ? { ...input, value: date }
    : { ...input, error: notReal };
}

/** A date input for the page: its legend, what was typed (or the date used), and its error, for govukDateInput. */
export function dateInputView(input: DateInput, shown?: LocalDate) {
  const [year, month, day] = (shown ?? '').split('-');
  const value = (part: (typeof PARTS)[number], fromDate: string | undefined) =>
    input.blank && fromDate ? String(Number(fromDate)) : input.parts[part];
  const classes = (width: number) => `govuk-input--width-${width}${input.error ? ' govuk-input--error' : ''}`;
  return {
    id: input.name,
    namePrefix: input.name,
    fieldset: { legend: { text: input.label, classes: 'govuk-fieldset__legend--s' } },
    ...(input.error ? { errorMessage: { text: input.error } } : {}),
    items: [
      { name: 'day', label: t('fields.day'), classes: classes(2), value: value('day', day) },
      { name: 'month', label: t('fields.month'), classes: classes(2), value: value('month', month) },
      {
        name: 'year',
        label: t('fields.year'),
        classes: classes(4),
        value: input.blank && year ? year : input.parts.year,
      },
    ],
  };
}

/** An error summary entry that takes the person to the first box of the date. */
export const errorLink = (name: string, text: string) => ({ text, href: `#${name}-day` });
