import { mayDo } from '../../../application/access';
import { WHEN_FIELDS } from '../../../application/actions';
import type { App } from '../../../application/app';
import { CHILD_ACTIONS, childActionBySlug, ENTER_CARE_FIELDS } from '../../../application/children/actions';
import { enterCare, recordForChild, viewChild } from '../../../application/children/children';
import { obligationRows, timelineOf } from '../../../application/timeline';
import { calendarFor, londonDateOf } from '../../../domain/calendar';
import { RecordId } from '../../../events/contracts/common';
import { commandIdentity } from '../../http/idempotency';
import { notFound } from '../../http/problem';
import { childSummary, summaryRows as toSummaryRows } from '../child-summary';
import { longDate as formatLongDate } from '../dates';
import type { Page, PageResult } from '../pages';
import { formKeyOf, submit } from './forms';

/** A local date in words, or nothing when it was never recorded. */
const longDate = (date: string | undefined) => (date ? formatLongDate(date) : undefined);

function childReference(value: string): string {
  if (!RecordId.safeParse(value).success)
    throw notFound('There is no child with that reference in your local authority.');
  return value;
}

/** The child's pages: find, enter care, the child's record with its history, and a form for each action. */
export function childPages(app: App): Page[] {
  const enterCareFields = [...ENTER_CARE_FIELDS, ...WHEN_FIELDS];
  const enterCarePage = {
    fields: enterCareFields,
    render: (extra: object): PageResult => ({
      view: 'pages/form.njk',
      context: {
        title: 'Record a child entering care',
        action: '/children',
        fields: enterCareFields,
        backHref: '/',
        submitText: 'Record entering care',
        values: {},
        ...extra,
      },
    }),
  };
  return [
    {
      method: 'GET',
      path: '/children',
      action: 'child:read',
      handle: async ({ query }) => {
        const q = (query.get('q') ?? '').trim();
        return q ? { redirect: `/children/${encodeURIComponent(q)}` } : { redirect: '/' };
      },
    },
    {
      method: 'GET',
      path: '/children/new',
      action: 'child:record',
      handle: async () => enterCarePage.render({ fieldErrors: {}, errors: [] }),
    },
    {
      method: 'POST',
      path: '/children',
      action: 'child:record',
      handle: async ({ form, principal, event }) =>
        submit(enterCarePage, form, async (input) => {
          const { childId } = await enterCare(
            app,
            principal,
            input,
            commandIdentity(event, principal, formKeyOf(form)),
          );
          return { redirect: `/children/${childId}`, flash: 'Entering care recorded.' };
        }),
    },
    {
      method: 'GET',
      path: '/children/{childId}',
      action: 'child:read',
      handle: async ({ params, principal }) => {
        const view = await viewChild(app, principal, childReference(params.childId ?? ''), 'ui');
        const { state } = view;
        const policy = app.policies(view.la);
        const calendar = calendarFor(policy.jurisdiction);
        const summaryRows = toSummaryRows(childSummary(state, policy));
        const today = londonDateOf(app.now());
        const obligations = obligationRows(view.obligations, calendar, app.now()).map((o) => [
          { text: o.summary },
          { text: longDate(o.dueOn) },
          {
            text: o.daysLeft < 0 ? `${-o.daysLeft} overdue` : String(o.daysLeft),
            classes: o.daysLeft < 0 ? 'app-days-left--overdue' : undefined,
          },
        ]);
        return {
          view: 'pages/child.njk',
          context: {
            title: state.status === 'looked-after' ? 'Child in care' : 'Child',
            childId: view.childId,
            today,
            summaryRows,
            obligations,
            timeline: timelineOf(view.events).reverse(),
            actions: view.actions,
            mayMatch:
              mayDo(principal, 'match:make') &&
              state.status === 'looked-after' &&
              !!state.referral &&
              !state.relationship,
            mayAudit: mayDo(principal, 'audit:read'),
          },
        };
      },
    },
    ...CHILD_ACTIONS.flatMap((action): Page[] => {
      const fields = [...action.fields, ...WHEN_FIELDS];
      const formPage = (childId: string) => ({
        fields,
        render: (extra: object): PageResult => ({
          view: 'pages/form.njk',
          context: {
            title: action.title,
            caption: `Child ${childId}`,
            action: `/children/${childId}/${action.slug}`,
            backHref: `/children/${childId}`,
            fields,
            values: {},
            ...extra,
          },
        }),
      });
      return [
        {
          method: 'GET',
          path: `/children/{childId}/${action.slug}`,
          action: action.permission,
          handle: async ({ params }) =>
            formPage(childReference(params.childId ?? '')).render({ fieldErrors: {}, errors: [] }),
        },
        {
          method: 'POST',
          path: `/children/{childId}/${action.slug}`,
          action: action.permission,
          handle: async ({ params, form, principal, event }) => {
            const childId = childReference(params.childId ?? '');
            return submit(formPage(childId), form, async (input) => {
              await recordForChild(
                app,
                principal,
                childId,
                childActionBySlug(action.slug)!,
                input,
                commandIdentity(event, principal, formKeyOf(form)),
              );
              return { redirect: `/children/${childId}`, flash: `${action.title}: saved.` };
            });
          },
        },
      ];
    }),
  ];
}
