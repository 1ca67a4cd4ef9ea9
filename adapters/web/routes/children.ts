import { mayDo, type Principal } from '../../../application/access';
import { answerProblems, WHEN_FIELDS } from '../../../application/actions';
import type { App } from '../../../application/app';
import { CHILD_ACTIONS, type ChildAction, ENTER_CARE_FIELDS } from '../../../application/children/actions';
import {
  enterCare,
  MISTAKE_FIELDS,
  markableEntries,
  markEntryInError,
  recordForChild,
  viewChild,
} from '../../../application/children/children';
import type { Field } from '../../../application/fields';
import {
  CONCERN_OUTCOMES,
  CONCERN_SUBJECTS,
  LEFT_CARE_REASONS,
  labelOf,
  SEX,
} from '../../../application/labels';
import { searchChildren } from '../../../application/lists/search';
import { fullName, staffChoices } from '../../../application/people';
import { shownValue, withheldText } from '../../../application/personal-data/visibility';
import { daysLeftText, obligationRows } from '../../../application/timeline';
import { ageOn, calendarFor, londonDateOf } from '../../../domain/calendar';
import type { ChildState } from '../../../domain/child';
import { isMatchSuspended } from '../../../domain/child/concerns';
import { RecordId } from '../../../events/contracts/common';
import { ETHNICITY } from '../../../events/contracts/ethnicity';
import { commandIdentity } from '../../http/idempotency';
import { notFound } from '../../http/problem';
import { personalDataLine } from '../child-summary';
import { longDate } from '../dates';
import { t, term, WORDS } from '../i18n';
import {
  answerRows,
  childTableHead,
  childTableRows,
  dueStatusHtml,
  escapeHtml,
  paginationOf,
  withChoices,
  withParam,
} from '../lists';
import { matchReviewsView } from '../match-reviews';
import type { Form, Page, PageResult } from '../pages';
import { type FormPage, formKeyOf, hiddenAnswers, submit } from './forms';

/** Records that cannot be undone: entering care and every ending get a check-answers step. */
const CHECKED_ACTIONS = new Set([
  'iv-resignation',
  'termination',
  'objection-to-continuing',
  'leaving-care',
  'care-leaver-relationship-end',
]);

function childReference(value: string): string {
  if (!RecordId.safeParse(value).success)
    throw notFound('There is no child with that reference in your local authority.');
  return value;
}

/** A form page: its fields (staff fields as choices of the LA's staff), the same checks as the API, and the page. */
async function formPage(
  app: App,
  principal: Principal,
  fields: readonly Field[],
  context: Record<string, unknown>,
  confirm?: { title: string; submitText: string; caption?: string },
): Promise<FormPage> {
  const choices = await staffChoices(app, principal.la, fields);
  const names = Object.fromEntries(
    Object.values(choices)
      .flat()
      .map((c) => [c.value, c.text]),
  );
  const shown = withChoices(fields, choices);
  const render = (extra: object): PageResult => ({
    view: 'pages/form.njk',
    context: { ...context, fields: shown, values: {}, ...extra },
  });
  return {
    fields,
    render,
    check: (json) => answerProblems(app, principal, fields, json),
    ...(confirm
      ? {
          confirm: (input: Record<string, unknown>) => ({
            view: 'pages/check-answers.njk',
            context: {
              title: confirm.title,
              caption: confirm.caption,
              action: context.action,
              rows: answerRows(fields, input, names),
              submitText: confirm.submitText,
            },
          }),
        }
      : {}),
  };
}

/** The hidden answers of the check-answers page, set by submit's caller from the posted form. */
const withAnswers = (result: PageResult, form: Form): PageResult =>
  'view' in result && result.view === 'pages/check-answers.njk'
    ? { ...result, context: { ...result.context, answers: hiddenAnswers(form) } }
    : result;

/** The child's pages: search, enter care, the child's record with its history, and a form for each action. */
export function childPages(app: App): Page[] {
  const enterCareFields = [...ENTER_CARE_FIELDS, ...WHEN_FIELDS];
  const enterCarePage = (principal: Principal) =>
    formPage(
      app,
      principal,
      enterCareFields,
      {
        title: t('home.recordEnteringCare'),
        action: '/children',
        backHref: '/',
        submitText: t('form.continue'),
      },
      { title: t('checkAnswers.title'), submitText: t('checkAnswers.recordEnteringCare') },
    );
  return [
    {
      method: 'GET',
      path: '/children',
      action: 'child:read',
      handle: async ({ query }) => ({ redirect: `/children/search${withParam(query, {})}` }),
    },
    {
      method: 'GET',
      path: '/children/search',
      action: 'child:read',
      handle: async ({ principal, query }) => {
        const q = (query.get('q') ?? '').trim();
        const page = Number(query.get('page') ?? '1') || 1;
        if (!q) return { redirect: '/' };
        const result = await searchChildren(app, principal, q, page);
        if ('problem' in result)
          return {
            view: 'pages/search.njk',
            status: 400,
            context: {
              title: t('home.findAChild'),
              q,
              errors: [{ text: t('search.tooShort'), href: '#q' }],
              fieldError: t('search.tooShort'),
            },
          };
        const count = t(result.tooMany ? 'search.orMore' : 'search.found', { count: result.total, q });
        return {
          view: 'pages/search.njk',
          context: {
            title: t('home.findAChild'),
            q,
            heading: count,
            by: t(`search.by.${result.kind}`),
            tooMany: result.tooMany,
            table: {
              caption: t('search.caption', { q }),
              head: childTableHead(),
              rows: childTableRows(result.rows),
              empty: t('search.noMatch'),
            },
            pagination: paginationOf(
              result.page,
              result.pages,
              (n) => `/children/search${withParam(query, { page: String(n) })}`,
            ),
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/children/new',
      action: 'child:record',
      handle: async ({ principal }) =>
        (await enterCarePage(principal)).render({ values: {}, fieldErrors: {}, errors: [] }),
    },
    {
      method: 'POST',
      path: '/children',
      action: 'child:record',
      handle: async ({ form, principal, event }) =>
        withAnswers(
          await submit(await enterCarePage(principal), form, async (input) => {
            const { childId } = await enterCare(
              app,
              principal,
              input as Parameters<typeof enterCare>[2],
              commandIdentity(event, principal, formKeyOf(form)),
            );
            return { redirect: `/children/${childId}`, flash: t('child.enteringCareRecorded') };
          }),
          form,
        ),
    },
    {
      method: 'GET',
      path: '/children/{childId}',
      action: 'child:read',
      handle: async ({ params, principal }) =>
        childPage(app, principal, childReference(params.childId ?? '')),
    },
    ...mistakePages(app),
    ...CHILD_ACTIONS.flatMap((action) => actionPages(app, action)),
  ];
}

/** The child's safeguarding concerns, for the roles that act on them: what each is and how far it has got. */
function concernRows(state: ChildState) {
  return Object.values(state.concerns).map((c) => {
    const step = (on: string | undefined, done: string, notYet: string) =>
      on ? t(`child.concerns.${done}`, { on: longDate(on) }) : t(`child.concerns.${notYet}`);
    const steps = [
      step(c.acknowledgedOn, 'acknowledgedOn', 'notYetAcknowledged'),
      step(c.socialWorkerInformedOn, 'socialWorkerToldOn', 'socialWorkerNotYetTold'),
      ...(c.about === 'visitor'
        ? [step(c.referredToLadoOn, 'referredToLadoOn', 'notYetReferredToLado')]
        : []),
    ];
    return [
      { text: `${c.number}: ${term(labelOf(CONCERN_SUBJECTS, c.about))}` },
      { text: longDate(c.raisedOn) },
      {
        text: c.outcome
          ? t('child.concerns.closedOn', {
              on: longDate(c.outcomeOn!),
              outcome: term(labelOf(CONCERN_OUTCOMES, c.outcome)).toLowerCase(),
            })
          : t('child.concerns.open', { steps: steps.join(', ') }),
      },
    ];
  });
}

async function childPage(app: App, principal: Principal, childId: string): Promise<PageResult> {
  const view = await viewChild(app, principal, childId, 'ui', WORDS);
  const { state, names } = view;
  const policy = app.policies(view.la);
  const calendar = calendarFor(policy.jurisdiction);
  const today = londonDateOf(app.now());
  const details = state.details;
  const row = (key: string, value: string | undefined, html?: string) => ({
    key: { text: t(`child.who.${key}`) },
    value: html ? { html } : { text: value ?? t('child.notRecorded') },
  });
  const placement =
    state.placementInLaArea === undefined
      ? undefined
      : t(state.placementInLaArea ? 'child.insideArea' : 'child.outsideArea', {
          // An erased or hidden town is left out.
          area: state.placementArea && !withheldText(state.placementArea) ? `${state.placementArea}, ` : '',
        });
  const who = [
    row(
      'age',
      shownValue(details?.dateOfBirth, (born) =>
        t('child.ageBorn', { age: ageOn(born, today), born: longDate(born) }),
      ),
    ),
    row('placement', placement),
    row('socialWorker', names.socialWorker),
    row('iro', names.iro),
    row(
      'independentVisitor',
      names.volunteer ? undefined : t('child.none'),
      names.volunteer && mayDo(principal, 'volunteer:read')
        ? `<a class="govuk-link" href="/volunteers/${encodeURIComponent(names.volunteer.id)}">${escapeHtml(names.volunteer.name)}</a>`
        : names.volunteer && escapeHtml(names.volunteer.name),
    ),
    row(
      'status',
      state.status === 'looked-after'
        ? t('child.inCareSince', { on: longDate(state.period!.startedOn) })
        : state.leftCare
          ? t('child.leftCareOn', {
              on: longDate(state.leftCare.on),
              reason: term(labelOf(LEFT_CARE_REASONS, state.leftCare.reason)).toLowerCase(),
            })
          : undefined,
    ),
    row('caseSystemId', details?.caseSystemId),
    row(
      'sexAndEthnicity',
      details &&
        `${term(labelOf(SEX, details.sex))}, ${shownValue(details.ethnicity, (code) => term(ETHNICITY[code]?.label ?? '')) ?? ''}`,
    ),
    row('personalData', personalDataLine(state, policy)),
  ];
  const obligations = obligationRows(view.obligations, calendar, app.now());
  const next = obligations[0];
  const STATUS_TAGS = {
    done: { text: t('child.steps.done'), classes: 'govuk-tag--green' },
    'to-do': { text: t('child.steps.toDo'), classes: 'govuk-tag--blue' },
    waiting: { text: t('child.steps.waiting'), classes: 'govuk-tag--yellow' },
    'not-yet': { text: t('child.steps.notYet'), classes: 'govuk-tag--grey' },
    'not-needed': { text: t('child.steps.notNeeded'), classes: 'govuk-tag--grey' },
  } as const;
  return {
    view: 'pages/child.njk',
    context: {
      title: names.full,
      childId: view.childId,
      called: names.called,
      who,
      journey: view.journey.map((step) => ({
        title: { text: term(step.title) },
        ...(step.detail ? { hint: { text: term(step.detail) } } : {}),
        status: { tag: STATUS_TAGS[step.status] },
      })),
      words: view.journey
        .filter((s) => s.childsWords)
        .map((s) => ({ step: term(s.title), words: s.childsWords })),
      next: next && {
        summary: term(next.summary),
        dueOn: longDate(next.dueOn),
        status: dueStatusHtml(next.daysLeft),
      },
      obligations: obligations.map((o) => [
        { text: term(o.summary) },
        { text: longDate(o.dueOn) },
        { html: dueStatusHtml(o.daysLeft) },
      ]),
      matchReviews: matchReviewsView(view.events, state.relationship?.matchId, {
        child: names.called,
        visitor: names.volunteer?.name,
      }),
      timeline: view.history,
      actions: view.actions,
      mayMatch:
        mayDo(principal, 'match:make') &&
        state.status === 'looked-after' &&
        !!state.referral &&
        !state.relationship,
      concerns: mayDo(principal, 'concern:read') ? concernRows(state) : [],
      suspended: isMatchSuspended(state),
      mayCorrect: mayDo(principal, 'child:record'),
      mayAudit: mayDo(principal, 'audit:read'),
      daysLeftText,
    },
  };
}

function actionPages(app: App, action: ChildAction): Page[] {
  const fields = [...action.fields, ...WHEN_FIELDS];
  const page = async (principal: Principal, childId: string) => {
    const view = await viewChild(app, principal, childId, 'ui', WORDS);
    return formPage(
      app,
      principal,
      fields,
      {
        title: term(action.title),
        caption: view.names.full,
        action: `/children/${childId}/${action.slug}`,
        backHref: `/children/${childId}`,
        ...(action.slug === 'details-correction'
          ? {
              intro: t('form.correctionIntro'),
            }
          : {}),
        ...(CHECKED_ACTIONS.has(action.slug) ? { submitText: t('form.continue') } : {}),
      },
      CHECKED_ACTIONS.has(action.slug)
        ? {
            title: t('checkAnswers.titleOf', { action: term(action.title) }),
            submitText: t('checkAnswers.recordIt'),
            caption: view.names.full,
          }
        : undefined,
    );
  };
  return [
    {
      method: 'GET',
      path: `/children/{childId}/${action.slug}`,
      action: action.permission,
      handle: async ({ params, principal }) =>
        (await page(principal, childReference(params.childId ?? ''))).render({
          values: {},
          fieldErrors: {},
          errors: [],
        }),
    },
    {
      method: 'POST',
      path: `/children/{childId}/${action.slug}`,
      action: action.permission,
      handle: async ({ params, form, principal, event }) => {
        const childId = childReference(params.childId ?? '');
        return withAnswers(
          await submit(await page(principal, childId), form, async (input) => {
            const recorded = await recordForChild(
              app,
              principal,
              childId,
              action,
              input,
              commandIdentity(event, principal, formKeyOf(form)),
            );
            return {
              redirect: `/children/${childId}`,
              flash:
                recorded.version === undefined
                  ? t('child.nothingChanged')
                  : t('child.saved', { action: term(action.title) }),
            };
          }),
          form,
        );
      },
    },
  ];
}

/** Marking an entry as recorded by mistake: which one (radios of the entries that can be), and what was wrong. */
function mistakePages(app: App): Page[] {
  const page = async (principal: Principal, childId: string): Promise<FormPage<typeof MISTAKE_FIELDS>> => {
    const view = await viewChild(app, principal, childId, 'ui', WORDS);
    const entries = markableEntries(view);
    // Each entry as its history tells it, in the page's language.
    const told = new Map(view.history.map((h) => [h.version, h.sentence]));
    const shown = [
      {
        ...MISTAKE_FIELDS[0],
        kind: 'choice' as const,
        options: entries.map((e) => ({
          value: String(e.version),
          text: `${longDate(e.on)}: ${told.get(e.version) ?? e.sentence}`,
        })),
      },
      MISTAKE_FIELDS[1],
    ];
    return {
      fields: MISTAKE_FIELDS,
      render: (extra) => ({
        view: 'pages/form.njk',
        context: {
          title: t('child.markMistake'),
          caption: term(fullName(view.state.details)),
          intro: t(entries.length > 0 ? 'child.mistakeIntro' : 'child.noMistakeToMark'),
          action: `/children/${childId}/mistake`,
          backHref: `/children/${childId}`,
          fields: entries.length > 0 ? shown : [],
          submitText: t('child.markAsMistake'),
          ...extra,
        },
      }),
    };
  };
  return [
    {
      method: 'GET',
      path: '/children/{childId}/mistake',
      action: 'child:record',
      handle: async ({ params, principal }) =>
        (await page(principal, childReference(params.childId ?? ''))).render({
          values: {},
          fieldErrors: {},
          errors: [],
        }),
    },
    {
      method: 'POST',
      path: '/children/{childId}/mistake',
      action: 'child:record',
      handle: async ({ params, form, principal, event }) => {
        const childId = childReference(params.childId ?? '');
        return submit(await page(principal, childId), form, async (input) => {
          await markEntryInError(
            app,
            principal,
            childId,
            input,
            commandIdentity(event, principal, formKeyOf(form)),
          );
          return {
            redirect: `/children/${childId}#history`,
            flash: t('child.markedAsMistake'),
          };
        });
      },
    },
  ];
}
