import { answerProblems } from '../../../application/actions';
import type { App } from '../../../application/app';
import {
  MY_TRAINING_FIELDS,
  myTraining,
  recordMyTraining,
  type trainingOf,
} from '../../../application/volunteers/training';
import { commandIdentity } from '../../http/idempotency';
import { longDate } from '../dates';
import { t, term } from '../i18n';
import type { Page, PageResult } from '../pages';
import { formKeyOf, submit } from './forms';

/** A volunteer's training in the page's language: each course with its dates, and the mandatory ones lapsed. */
export function trainingWords(training: ReturnType<typeof trainingOf>) {
  return {
    rows: training.courses.map((c) => ({
      key: { text: term(c.courseText) },
      value: {
        text: [
          t('training.completed', { on: longDate(c.completedOn) }),
          c.expiresOn
            ? t(c.lapsed ? 'training.lapsedOn' : 'training.renewBy', { on: longDate(c.expiresOn) })
            : t('training.doesNotExpire'),
        ].join('. '),
      },
    })),
    lapsed: training.lapsedMandatory.map((m) =>
      t('training.lapsedMandatory', { course: term(m.courseText), on: longDate(m.expiredOn!) }),
    ),
    notYetRecorded: training.notYetRecorded.map((m) => term(m.courseText)),
  };
}

/** The Independent Visitor's own training: what they hold and until when, and a form to add a course. */
export function trainingPages(app: App): Page[] {
  const formPage = (principal: Parameters<typeof myTraining>[1]) => ({
    fields: MY_TRAINING_FIELDS,
    check: (json: Record<string, unknown>) => answerProblems(app, principal, MY_TRAINING_FIELDS, json),
    render: (extra: object): PageResult => ({
      view: 'pages/form.njk',
      context: {
        title: t('training.recordTitle'),
        action: '/my-visits/training',
        backHref: '/my-visits/training',
        fields: MY_TRAINING_FIELDS,
        submitText: t('training.recordButton'),
        values: {},
        ...extra,
      },
    }),
  });
  return [
    {
      method: 'GET',
      path: '/my-visits/training',
      action: 'visitor:own-matches',
      handle: async ({ principal }) => ({
        view: 'pages/my-training.njk',
        context: { title: t('training.myTitle'), training: trainingWords(await myTraining(app, principal)) },
      }),
    },
    {
      method: 'GET',
      path: '/my-visits/training/new',
      action: 'visitor:own-matches',
      handle: async ({ principal }) => formPage(principal).render({ fieldErrors: {}, errors: [] }),
    },
    {
      method: 'POST',
      path: '/my-visits/training',
      action: 'visitor:own-matches',
      handle: async ({ principal, form, event }) =>
        submit(formPage(principal), form, async (input) => {
          await recordMyTraining(app, principal, input, commandIdentity(event, principal, formKeyOf(form)));
          return { redirect: '/my-visits/training', flash: t('training.recorded') };
        }),
    },
  ];
}
