import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../../../adapters/web/i18n';
import type { Field } from '../../../../application/fields';
import { CLAIM_STATUS, EXPENSE_CATEGORIES } from '../../../../application/labels';
import { TRAINING_EXPIRY } from '../../../../application/volunteers/actions';
import { EXPENSE_FIELDS, REJECTION_FIELDS } from '../../../../application/volunteers/expense-fields';
import { RECEIPT_MESSAGES, receiptKindText } from '../../../../application/volunteers/receipts';
import { MY_TRAINING_FIELDS } from '../../../../application/volunteers/training';

describe('the expense claims and training in Welsh', () => {
  it('translate every word the claim and rejection forms, the receipt checks and the claim lists take from the application', () => {
    const texts = new Set<string>();
    for (const f of [
      ...EXPENSE_FIELDS,
      ...REJECTION_FIELDS,
      ...MY_TRAINING_FIELDS,
      TRAINING_EXPIRY,
    ] as readonly Field[]) {
      texts.add(f.label);
      if (f.hint) texts.add(f.hint);
      for (const m of Object.values(f.messages ?? {})) texts.add(m);
      if ('options' in f) for (const o of f.options) texts.add(o.text);
    }
    for (const o of [...EXPENSE_CATEGORIES, ...CLAIM_STATUS]) texts.add(o.text);
    for (const m of Object.values(RECEIPT_MESSAGES)) texts.add(m);
    for (const key of ['a.jpg', 'a.png', 'a.pdf']) texts.add(receiptKindText(key));
    const terms: Record<string, string> = CATALOGUES.cy.terms;
    expect([...texts].filter((text) => !terms[text])).toEqual([]);
  });
});
