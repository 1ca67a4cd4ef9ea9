import { mayDo, type Principal } from '../../../application/access';
import type { App } from '../../../application/app';
import { EXPENSE_FIELDS, REJECTION_FIELDS } from '../../../application/volunteers/expense-fields';
import {
  type ClaimView,
  claimMyExpense,
  claimsOf,
  claimViews,
  decideExpenseClaim,
  myClaims,
  receiptOf,
} from '../../../application/volunteers/expenses';
import type { VolunteerState } from '../../../domain/volunteer';
import { RecordId } from '../../../events/contracts/common';
import { ClaimId } from '../../../events/contracts/expenses';
import { commandIdentity } from '../../http/idempotency';
import { notFound } from '../../http/problem';
import { readReceiptUpload } from '../../http/receipt-upload';
import { longDate } from '../dates';
import { t, term } from '../i18n';
import type { Form, Page, PageResult } from '../pages';
import { type ErrorItem, formKeyOf, submit } from './forms';

/*
 * Expense claims on the web: the Independent Visitor's own list and claim form (made for a phone, the receipt a
 * photo or a PDF), and the coordinator's receipt, approval and rejection for one volunteer's claim.
 */

const STATUS_TAG: Record<ClaimView['status'], string> = {
  waiting: 'govuk-tag--blue',
  approved: 'govuk-tag--green',
  rejected: 'govuk-tag--red',
};

/** One claim in the page's language: its money, dates, status and, once decided, when and why. */
export function claimRows(c: ClaimView) {
  const row = (key: string, value: string) => ({ key: { text: t(key) }, value: { text: value } });
  return {
    ...c,
    title: `${c.amount}: ${term(c.categoryText)}`,
    tag: { text: term(c.statusText), classes: STATUS_TAG[c.status] },
    receiptText: t('expenses.receiptLink', { kind: term(c.receiptKind) }),
    rows: [
      row('expenses.spentOn', longDate(c.spentOn)),
      row('expenses.spentOnWhat', c.description),
      row('expenses.claimedOn', longDate(c.claimedOn)),
      ...(c.decidedOn ? [row('expenses.decidedOn', longDate(c.decidedOn))] : []),
      ...(c.reason ? [row('expenses.reason', c.reason)] : []),
    ],
  };
}

/** A volunteer's claims for their page, waiting first, with the receipt and the decisions for who may decide. */
export function volunteerExpenses(principal: Principal, volunteerId: string, state: VolunteerState) {
  const { claims, waiting } = claimViews(state);
  const mayDecide = mayDo(principal, 'expense:decide');
  const ordered = [...waiting, ...claims.filter((c) => c.status !== 'waiting')];
  return {
    waiting: waiting.length,
    claims: ordered.map((c) => {
      const shown = claimRows(c);
      const base = `/volunteers/${volunteerId}/expenses/${c.claimId}`;
      const links = !mayDecide
        ? []
        : [
            { href: `${base}/receipt`, text: shown.receiptText },
            ...(c.status === 'waiting'
              ? [
                  { href: `${base}/approval`, text: t('expenses.approveLink', { amount: c.amount }) },
                  { href: `${base}/rejection`, text: t('expenses.rejectLink', { amount: c.amount }) },
                ]
              : []),
          ];
      return { ...shown, links };
    }),
  };
}

const reference = (value: string | undefined, schema: typeof RecordId | typeof ClaimId): string => {
  if (!schema.safeParse(value).success) throw notFound(t('expenses.noSuchClaim'));
  return value!;
};

function claimForm(extra: {
  values: Form;
  fieldErrors: Record<string, string>;
  errors: ErrorItem[];
}): PageResult {
  return {
    view: 'pages/expense-claim.njk',
    context: {
      title: t('expenses.claimTitle'),
      intro: t('expenses.claimIntro'),
      action: '/my-visits/expenses',
      backHref: '/my-visits/expenses',
      fields: EXPENSE_FIELDS,
      ...extra,
    },
  };
}

const EMPTY = { values: {}, fieldErrors: {}, errors: [] };

/** The page of one claim for the coordinator: what was claimed, and the form that decides it. */
async function decisionPage(
  app: App,
  principal: Principal,
  params: Record<string, string>,
  decision: 'approval' | 'rejection',
): Promise<PageResult> {
  const volunteerId = reference(params.volunteerId, RecordId);
  const claimId = reference(params.claimId, ClaimId);
  const claim = (await claimsOf(app, principal, volunteerId)).claims.find((c) => c.claimId === claimId);
  if (!claim) throw notFound(t('expenses.noSuchClaim'));
  return {
    view: 'pages/expense-decision.njk',
    context: {
      title: t(decision === 'approval' ? 'expenses.approveTitle' : 'expenses.rejectTitle'),
      claim: claimRows(claim),
      volunteerId,
      action: `/volunteers/${volunteerId}/expenses/${claimId}/${decision}`,
      backHref: `/volunteers/${volunteerId}#expenses`,
      fields: decision === 'rejection' ? REJECTION_FIELDS : [],
      submitText: t(decision === 'approval' ? 'expenses.approve' : 'expenses.reject'),
      ...EMPTY,
    },
  };
}

export function expensePages(app: App): Page[] {
  const decide = (decision: 'approval' | 'rejection'): Page[] => [
    {
      method: 'GET',
      path: `/volunteers/{volunteerId}/expenses/{claimId}/${decision}`,
      action: 'expense:decide',
      handle: ({ principal, params }) => decisionPage(app, principal, params, decision),
    },
    {
      method: 'POST',
      path: `/volunteers/{volunteerId}/expenses/{claimId}/${decision}`,
      action: 'expense:decide',
      handle: async ({ principal, params, form, event }) => {
        // A claim that is not there is a 404 before the form is read.
        const shown = await decisionPage(app, principal, params, decision);
        const render = (extra: typeof EMPTY): PageResult =>
          'view' in shown ? { ...shown, context: { ...shown.context, ...extra } } : shown;
        const record = async (reason?: string): Promise<PageResult> => {
          await decideExpenseClaim(
            app,
            principal,
            params.volunteerId!,
            params.claimId!,
            reason === undefined ? { approve: true } : { approve: false, reason },
            commandIdentity(event, principal, formKeyOf(form)),
          );
          return {
            redirect: `/volunteers/${params.volunteerId}#expenses`,
            flash: t(reason === undefined ? 'expenses.approved' : 'expenses.rejected'),
          };
        };
        return decision === 'approval'
          ? submit({ fields: [], render }, form, () => record())
          : submit({ fields: REJECTION_FIELDS, render }, form, (input) => record(input.rejectionReason));
      },
    },
  ];

  return [
    {
      method: 'GET',
      path: '/my-visits/expenses',
      action: 'visitor:own-matches',
      handle: async ({ principal }) => ({
        view: 'pages/my-expenses.njk',
        context: {
          title: t('expenses.myTitle'),
          claims: (await myClaims(app, principal)).map(claimRows),
        },
      }),
    },
    {
      method: 'GET',
      path: '/my-visits/expenses/new',
      action: 'visitor:own-matches',
      handle: async () => claimForm(EMPTY),
    },
    {
      method: 'POST',
      path: '/my-visits/expenses',
      action: 'visitor:own-matches',
      handle: async ({ principal, event }) => {
        const upload = await readReceiptUpload(event);
        const receiptError = upload.receipt.ok ? undefined : term(upload.receipt.message);
        return submit(
          {
            fields: EXPENSE_FIELDS,
            // The receipt is checked in the same round as the fields, so every problem is shown at once.
            check: async () => (receiptError ? [{ field: 'receipt', message: receiptError }] : []),
            render: (extra) =>
              claimForm({
                ...extra,
                errors: extra.errors.map((e) => (e.text === receiptError ? { ...e, href: '#receipt' } : e)),
              }),
          },
          upload.fields,
          async (input) => {
            if (!upload.receipt.ok) throw new Error('unreachable: the receipt was checked');
            const recorded = await claimMyExpense(
              app,
              principal,
              input,
              upload.receipt,
              upload.identity(principal),
            );
            return {
              redirect: '/my-visits/expenses',
              flash: recorded.version === undefined ? t('expenses.alreadyClaimed') : t('expenses.claimed'),
            };
          },
        );
      },
    },
    {
      method: 'GET',
      path: '/volunteers/{volunteerId}/expenses/{claimId}/receipt',
      action: 'expense:decide',
      handle: async ({ principal, params }) => {
        const receipt = await receiptOf(
          app,
          principal,
          reference(params.volunteerId, RecordId),
          reference(params.claimId, ClaimId),
        );
        return {
          download: {
            body: Buffer.from(receipt.bytes).toString('base64'),
            base64: true,
            contentType: receipt.contentType,
            filename: receipt.filename,
          },
        };
      },
    },
    ...decide('approval'),
    ...decide('rejection'),
  ];
}
