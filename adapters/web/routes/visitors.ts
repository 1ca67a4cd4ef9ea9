import type { Principal } from '../../../application/access';
import { answerProblems } from '../../../application/actions';
import type { App } from '../../../application/app';
import type { Field, InputOf } from '../../../application/fields';
import { CONCERN_FIELDS, VISIT_FIELDS } from '../../../application/visitors/fields';
import {
  type ConcernStatus,
  myMatch,
  myMatches,
  raiseMyConcern,
  recordMyVisit,
  type VisitorMatch,
} from '../../../application/visitors/matches';
import { RecordId } from '../../../events/contracts/common';
import { commandIdentity } from '../../http/idempotency';
import { notFound } from '../../http/problem';
import { longDate } from '../dates';
import { t } from '../i18n';
import type { Page, PageResult } from '../pages';
import { type FormPage, formKeyOf, submit } from './forms';

const childReference = (value: string | undefined): string => {
  if (!RecordId.safeParse(value).success) throw notFound(t('myVisits.notYourChild'));
  return value!;
};

const STATUS_WORDS: Record<ConcernStatus, string> = {
  received: 'myVisits.concernReceived',
  acknowledged: 'myVisits.concernAcknowledged',
  closed: 'myVisits.concernClosed',
};
const v = (key: string, values?: Record<string, unknown>) => t(`myVisits.${key}`, values);

/** What the IV reads of one match: dates in words, the next visit first. */
function rowsOf(m: VisitorMatch) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return [
    m.visitsPaused
      ? row(v('visits'), v('visitsPaused'))
      : row(v('nextVisitDueBy'), m.nextVisitDueOn ? longDate(m.nextVisitDueOn) : v('noVisitDue')),
    row(v('lastVisit'), m.lastVisitOn ? longDate(m.lastVisitOn) : v('noVisitYet')),
    row(v('livesIn'), m.area ?? v('askYourCoordinator')),
    row(v('yourCoordinator'), m.coordinator),
    row(v('matchedSince'), longDate(m.matchedOn)),
    ...m.concernsRaised.map((c) =>
      row(v('concernYouRaised', { on: longDate(c.raisedOn) }), t(STATUS_WORDS[c.status])),
    ),
  ];
}

/** One form of the IV's own about a child they visit, and what posting it records. */
function visitorForm<const Fs extends readonly Field[]>(
  app: App,
  form: {
    slug: string;
    fields: Fs;
    title: (name: string) => string;
    /** Catalogue keys, read in the page's language. */
    intro?: string;
    submitText: string;
    record: (
      app: App,
      principal: Principal,
      childId: string,
      input: InputOf<Fs>,
      identity: ReturnType<typeof commandIdentity>,
    ) => Promise<{ version?: number }>;
    saved: string;
  },
): Page[] {
  const page = async (principal: Principal, childId: string): Promise<FormPage<Fs>> => {
    const match = await myMatch(app, principal, childId, 'ui');
    return {
      fields: form.fields,
      check: (json) => answerProblems(app, principal, form.fields, json),
      render: (extra): PageResult => ({
        view: 'pages/form.njk',
        context: {
          title: form.title(match.name),
          intro: form.intro && t(form.intro),
          action: `/my-visits/${childId}/${form.slug}`,
          backHref: '/my-visits',
          fields: form.fields,
          submitText: t(form.submitText),
          ...extra,
        },
      }),
    };
  };
  const path = `/my-visits/{childId}/${form.slug}`;
  return [
    {
      method: 'GET',
      path,
      action: 'visitor:own-matches',
      handle: async ({ principal, params }) =>
        (await page(principal, childReference(params.childId))).render({
          values: {},
          fieldErrors: {},
          errors: [],
        }),
    },
    {
      method: 'POST',
      path,
      action: 'visitor:own-matches',
      handle: async ({ principal, params, form: posted, event }) => {
        const childId = childReference(params.childId);
        return submit(await page(principal, childId), posted, async (input) => {
          const recorded = await form.record(
            app,
            principal,
            childId,
            input,
            commandIdentity(event, principal, formKeyOf(posted)),
          );
          return {
            redirect: '/my-visits',
            flash: recorded.version === undefined ? v('alreadyRecorded') : t(form.saved),
          };
        });
      },
    },
  ];
}

/** The Independent Visitor's own pages: the children they visit, recording a visit and raising a concern. */
export function visitorPages(app: App): Page[] {
  return [
    {
      method: 'GET',
      path: '/my-visits',
      action: 'visitor:own-matches',
      handle: async ({ principal }) => ({
        view: 'pages/my-matches.njk',
        context: {
          title: v('title'),
          matches: (await myMatches(app, principal, 'ui')).map((m) => ({ ...m, rows: rowsOf(m) })),
        },
      }),
    },
    ...visitorForm(app, {
      slug: 'visit',
      fields: VISIT_FIELDS,
      title: (name) => v('recordVisitWith', { name }),
      submitText: 'myVisits.recordTheVisit',
      record: recordMyVisit,
      saved: 'myVisits.visitRecorded',
    }),
    ...visitorForm(app, {
      slug: 'concern',
      fields: CONCERN_FIELDS,
      title: (name) => v('raiseConcernAbout', { name }),
      intro: 'myVisits.concernIntro',
      submitText: 'myVisits.sendTheConcern',
      record: raiseMyConcern,
      saved: 'myVisits.concernSent',
    }),
  ];
}
