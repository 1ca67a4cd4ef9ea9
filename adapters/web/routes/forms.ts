import { InvalidInput } from '../../../application/errors';
import { type Field, fromForm, type InputOf, schemaOf } from '../../../application/fields';
import { fieldOfRule } from '../../../application/rule-fields';
import { DomainRuleBroken } from '../../../domain/decider';
import { inPageLanguage, WORDING } from '../i18n/fields';
import { ruleSentence } from '../i18n/rules';
import type { Form, PageResult } from '../pages';

/** The key rendered into each form: a fresh one per page view, echoed back when the form is shown again. */
export const formKeyOf = (form: Form): string | undefined =>
  typeof form.formKey === 'string' ? form.formKey : undefined;

export type ErrorItem = { text: string; href?: string };

export interface FormPage<Fs extends readonly Field[] = readonly Field[]> {
  fields: Fs;
  /** Renders the form again with what was typed and what is wrong. */
  render(extra: { values: Form; fieldErrors: Record<string, string>; errors: ErrorItem[] }): PageResult;
  /**
   * Checks that need the outside world (a member of staff in the directory), run on whatever parsed, in the same
   * round as the field checks, so every problem is shown at once.
   */
  check?(json: Record<string, unknown>): Promise<Array<{ field: string; message: string }>>;
  /** For a record that cannot be undone: the answers to check before it is recorded (GOV.UK check answers). */
  confirm?(input: InputOf<Fs>): Promise<PageResult> | PageResult;
}

/** Where an error links: the field's input (the day of a date). */
const hrefOf = (fields: readonly Field[], name: string) => {
  const field = fields.find((f) => f.name === name);
  if (!field) return undefined;
  const suffix = field.kind === 'date' ? '-day' : '';
  return `#${name}${suffix}`;
};

/**
 * Validates a posted form with the same schema as the API and the same checks; on success runs the command (after
 * the check-answers step when the page has one), on failure (bad fields, someone not in the directory, or a rule
 * of the domain) shows the form again with an error summary whose every item links to its field. Nothing is
 * written unless everything is right.
 */
export async function submit<const Fs extends readonly Field[]>(
  page: FormPage<Fs>,
  form: Form,
  onValid: (input: InputOf<Fs>) => Promise<PageResult>,
): Promise<PageResult> {
  const json = fromForm(page.fields, form);
  // The messages are the GOV.UK ones, built from the labels in the page's language.
  const parsed = schemaOf(inPageLanguage(page.fields), WORDING).safeParse(json);
  const fieldErrors: Record<string, string> = {};
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '');
      fieldErrors[name] ??= issue.message;
    }
  for (const problem of (await page.check?.(json)) ?? []) fieldErrors[problem.field] ??= problem.message;
  const again = (errors: ErrorItem[], status: number) =>
    withStatus(page.render({ values: form, fieldErrors, errors }), status);
  if (Object.keys(fieldErrors).length > 0 || !parsed.success)
    return again(
      Object.entries(fieldErrors).map(([name, text]) => ({ text, href: hrefOf(page.fields, name) })),
      400,
    );
  // "Change your answers" from the check-answers page shows the form again as it was filled in.
  if (form.change === 'yes') return page.render({ values: form, fieldErrors: {}, errors: [] });
  if (page.confirm && form.confirmed !== 'yes') return page.confirm(parsed.data);
  try {
    return await onValid(parsed.data);
  } catch (error) {
    if (error instanceof InvalidInput) {
      for (const p of error.problems) fieldErrors[p.field] = p.message;
      return again(
        error.problems.map((p) => ({ text: p.message, href: hrefOf(page.fields, p.field) })),
        400,
      );
    }
    if (!(error instanceof DomainRuleBroken)) throw error;
    // A rule about one answer is shown beside it, and the summary links there.
    const field = fieldOfRule(error.rule);
    const href = field ? hrefOf(page.fields, field) : undefined;
    const sentence = ruleSentence(error.rule, error.message);
    if (href && field) fieldErrors[field] = sentence;
    return again([{ text: sentence, ...(href ? { href } : {}) }], error.status);
  }
}

const withStatus = (result: PageResult, status: number): PageResult =>
  'view' in result ? { ...result, status } : result;

/** The hidden inputs that carry a form's answers through the check-answers page, as they were posted. */
export function hiddenAnswers(form: Form): Array<{ name: string; value: string }> {
  return Object.entries(form)
    .filter(([name]) => name !== 'confirmed' && name !== 'change')
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: v })));
}
