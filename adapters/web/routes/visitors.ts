import type { Principal } from '../../../application/access';
import { answerProblems } from '../../../application/actions';
import type { App } from '../../../application/app';
import { VISIT_FIELDS } from '../../../application/visitors/fields';
import {
  myMatch,
  myMatches,
  NOT_YOUR_CHILD,
  recordMyVisit,
  type VisitorMatch,
} from '../../../application/visitors/matches';
import { RecordId } from '../../../events/contracts/common';
import { commandIdentity } from '../../http/idempotency';
import { notFound } from '../../http/problem';
import { longDate } from '../dates';
import type { Page } from '../pages';
import { type FormPage, formKeyOf, submit } from './forms';

const childReference = (value: string | undefined): string => {
  if (!RecordId.safeParse(value).success) throw notFound(NOT_YOUR_CHILD);
  return value!;
};

/** What the IV reads of one match: dates in words, the next visit first. */
function rowsOf(m: VisitorMatch) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return [
    row('Next visit due by', m.nextVisitDueOn ? longDate(m.nextVisitDueOn) : 'No visit is due'),
    row('Last visit', m.lastVisitOn ? longDate(m.lastVisitOn) : 'No visit recorded yet'),
    row('Lives in', m.area ?? 'Ask your coordinator'),
    row('Your coordinator', m.coordinator),
    row('Matched since', longDate(m.matchedOn)),
  ];
}

/** The Independent Visitor's own pages: the children they visit, and recording a visit from a phone. */
export function visitorPages(app: App): Page[] {
  const visitForm = async (principal: Principal, childId: string): Promise<FormPage<typeof VISIT_FIELDS>> => {
    const match = await myMatch(app, principal, childId, 'ui');
    return {
      fields: VISIT_FIELDS,
      check: (json) => answerProblems(app, principal, VISIT_FIELDS, json),
      render: (extra) => ({
        view: 'pages/form.njk',
        context: {
          title: `Record a visit with ${match.name}`,
          action: `/my-visits/${childId}/visit`,
          backHref: '/my-visits',
          fields: VISIT_FIELDS,
          submitText: 'Record the visit',
          ...extra,
        },
      }),
    };
  };
  return [
    {
      method: 'GET',
      path: '/my-visits',
      action: 'visitor:own-matches',
      handle: async ({ principal }) => ({
        view: 'pages/my-matches.njk',
        context: {
          title: 'The children you visit',
          matches: (await myMatches(app, principal, 'ui')).map((m) => ({ ...m, rows: rowsOf(m) })),
        },
      }),
    },
    {
      method: 'GET',
      path: '/my-visits/{childId}/visit',
      action: 'visitor:own-matches',
      handle: async ({ principal, params }) =>
        (await visitForm(principal, childReference(params.childId))).render({
          values: {},
          fieldErrors: {},
          errors: [],
        }),
    },
    {
      method: 'POST',
      path: '/my-visits/{childId}/visit',
      action: 'visitor:own-matches',
      handle: async ({ principal, params, form, event }) => {
        const childId = childReference(params.childId);
        const page = await visitForm(principal, childId);
        return submit(page, form, async (input) => {
          const recorded = await recordMyVisit(
            app,
            principal,
            childId,
            input,
            commandIdentity(event, principal, formKeyOf(form)),
          );
          return {
            redirect: '/my-visits',
            flash:
              recorded.version === undefined
                ? 'That visit was already recorded.'
                : 'Your visit has been recorded. Thank you.',
          };
        });
      },
    },
  ];
}
