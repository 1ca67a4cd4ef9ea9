import { type Field, fromForm, type InputOf, schemaOf } from '../../../application/fields';
import { DomainRuleBroken } from '../../../domain/decider';
import type { Form, PageResult } from '../pages';

/** The message GOV.UK's design system would show for a field the person got wrong. */
function messageFor(field: Field | undefined, fallback: string): string {
  if (!field) return fallback;
  const label = field.label.replace(/\s*\(optional\)$/, '');
  switch (field.kind) {
    case 'date':
      return `${label} must be a real date, for example 27 3 2026`;
    case 'boolean':
    case 'choice':
      return `Select an answer for “${label}”`;
    case 'number':
      return `${label} must be a whole number${field.min !== undefined ? ` from ${field.min}` : ''}${field.max !== undefined ? ` to ${field.max}` : ''}`;
    case 'text':
      return fallback.includes('empty') || fallback.includes('expected string')
        ? `Enter ${label.toLowerCase()}`
        : `${label} ${fallback}`;
    default:
      return `${label}: ${fallback}`;
  }
}

/** The key rendered into each form: a fresh one per page view, echoed back when the form is shown again. */
export const formKeyOf = (form: Form): string | undefined =>
  typeof form.formKey === 'string' ? form.formKey : undefined;

export interface FormPage<Fs extends readonly Field[] = readonly Field[]> {
  fields: Fs;
  /** Renders the form again with what was typed and what is wrong. */
  render(extra: {
    values: Form;
    fieldErrors: Record<string, string>;
    errors: Array<{ text: string; href?: string }>;
  }): PageResult;
}

/**
 * Validates a posted form with the same schema as the API; on success runs the command, on failure (bad fields or
 * a rule of the domain) shows the form again with an error summary. Nothing is written unless everything is right.
 */
export async function submit<const Fs extends readonly Field[]>(
  page: FormPage<Fs>,
  form: Form,
  onValid: (input: InputOf<Fs>) => Promise<PageResult>,
): Promise<PageResult> {
  const parsed = schemaOf(page.fields).safeParse(fromForm(page.fields, form));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '');
      const field = page.fields.find((f) => f.name === name);
      fieldErrors[name] ??= messageFor(field, issue.message);
    }
    const errors = Object.entries(fieldErrors).map(([name, text]) => {
      const field = page.fields.find((f) => f.name === name);
      return { text, href: `#${name}${field?.kind === 'date' ? '-day' : ''}` };
    });
    return withStatus(page.render({ values: form, fieldErrors, errors }), 400);
  }
  try {
    return await onValid(parsed.data);
  } catch (error) {
    if (!(error instanceof DomainRuleBroken)) throw error;
    return withStatus(
      page.render({ values: form, fieldErrors: {}, errors: [{ text: error.message }] }),
      error.status,
    );
  }
}

const withStatus = (result: PageResult, status: number): PageResult =>
  'view' in result ? { ...result, status } : result;
