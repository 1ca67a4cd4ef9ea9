import type { Field, MessageKey, Wording } from '../../../application/fields';
import { t, term } from './index';

/** The GOV.UK error messages' sentences in the page's language: `errors.enter` is "Enter {{phrase}}". */
export const WORDING: Wording = {
  get optional() {
    return t('fields.optional');
  },
  say: (key: MessageKey, values) => t(`errors.${key}`, values),
};

/** A label without its "(optional)" in the page's language: how check-answers names a question. */
export const withoutOptional = (label: string) => {
  const optional = t('fields.optional');
  return label.endsWith(optional) ? label.slice(0, -optional.length).trimEnd() : label;
};

/**
 * A form's fields with their words in the page's language, so the error messages built from them (messagesOf) read
 * in that language too. Names and values stay as they are: the same answers parse the same way in either language.
 */
export const inPageLanguage = <const Fs extends readonly Field[]>(fields: Fs): Fs =>
  fields.map((field) => ({
    ...field,
    label: term(field.label),
    ...(field.hint ? { hint: term(field.hint) } : {}),
    ...(field.messages
      ? {
          messages: Object.fromEntries(
            Object.entries(field.messages).map(([which, message]) => [which, term(message)]),
          ),
        }
      : {}),
    ...('options' in field ? { options: field.options.map((o) => ({ ...o, text: term(o.text) })) } : {}),
  })) as unknown as Fs;
