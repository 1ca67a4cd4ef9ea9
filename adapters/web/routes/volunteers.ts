import { mayDo } from '../../../application/access';
import { answerProblems, WHEN_FIELDS } from '../../../application/actions';
import type { App } from '../../../application/app';
import {
  AVAILABILITY,
  CONTACT_CHANNELS,
  CORRESPONDENCE_LANGUAGES,
  DBS_LEVELS,
  INDEPENDENCE_WORDINGS,
  labelOf,
  SEX,
  tagList,
  VISITOR_SEX,
  VOLUNTEER_STATUS,
} from '../../../application/labels';
import { PAGE_SIZE } from '../../../application/lists/children';
import {
  MATCH_FIELDS,
  matchVisitor,
  type Suggestions,
  suggestVolunteers,
} from '../../../application/matching';
import { shownValue } from '../../../application/personal-data/visibility';
import { toCsv } from '../../../application/reports/csv';
import {
  PROFILE_FIELDS,
  VOLUNTEER_ACTIONS,
  volunteerActionBySlug,
} from '../../../application/volunteers/actions';
import { trainingOf } from '../../../application/volunteers/training';
import {
  recordForVolunteer,
  registerVolunteer,
  type VolunteerStatus,
  type VolunteerSummary,
  viewVolunteer,
  volunteerRegister,
} from '../../../application/volunteers/volunteers';
import { RecordId } from '../../../events/contracts/common';
import { commandIdentity } from '../../http/idempotency';
import { notFound } from '../../http/problem';
import { longDate } from '../dates';
import { sentence, t, term, WORDS } from '../i18n';
import { ruleSentence } from '../i18n/rules';
import { answerRows, paginationOf, withParam } from '../lists';
import type { Page, PageResult } from '../pages';
import { volunteerExpenses } from './expenses';
import { formKeyOf, hiddenAnswers, submit } from './forms';
import { trainingWords } from './training';

/** GOV.UK tag colours: green is ready, blue in progress, yellow and red need attention, grey is over. */
const STATUS_TAG: Record<VolunteerStatus, string> = {
  approved: 'govuk-tag--green',
  applied: 'govuk-tag--blue',
  paused: 'govuk-tag--yellow',
  suspended: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
};
const DBS_TAG: Record<VolunteerSummary['dbs'], { key: string; classes: string } | undefined> = {
  none: { key: 'volunteers.dbsTags.none', classes: 'govuk-tag--grey' },
  valid: undefined,
  'renew-soon': { key: 'volunteers.dbsTags.renewSoon', classes: 'govuk-tag--orange' },
  expired: { key: 'volunteers.dbsTags.expired', classes: 'govuk-tag--red' },
};

export const statusTag = (status: VolunteerStatus) => ({
  text: term(labelOf(VOLUNTEER_STATUS, status)),
  classes: STATUS_TAG[status],
});
const dbsTag = (summary: VolunteerSummary) => {
  const tag = DBS_TAG[summary.dbs];
  return tag && { text: t(tag.key), classes: tag.classes };
};

function reference(value: string, what: 'child' | 'volunteer'): string {
  if (!RecordId.safeParse(value).success)
    throw notFound(t(what === 'child' ? 'volunteers.noSuchChild' : 'volunteers.noSuchVolunteer'));
  return value;
}

/** The volunteer register, a volunteer's record with a form per action, and matching a child with a volunteer. */
export function volunteerPages(app: App): Page[] {
  const registerFields = [...PROFILE_FIELDS, ...WHEN_FIELDS];
  const registerPage = {
    fields: registerFields,
    render: (extra: object): PageResult => ({
      view: 'pages/form.njk',
      context: {
        title: t('volunteers.register'),
        action: '/volunteers',
        fields: registerFields,
        backHref: '/volunteers',
        submitText: t('volunteers.registerButton'),
        values: {},
        ...extra,
      },
    }),
  };
  return [
    {
      method: 'GET',
      path: '/volunteers',
      action: 'volunteer:read',
      handle: async ({ principal, query }) => {
        const status = query.get('status') ?? '';
        const sort = query.get('sort') === 'status' ? 'status' : 'name';
        const all = (await volunteerRegister(app, principal))
          .filter((v) => !status || v.status === status)
          .sort(
            (a, b) =>
              (sort === 'status' ? a.status.localeCompare(b.status) : 0) || a.name.localeCompare(b.name),
          );
        const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
        const page = Math.min(Math.max(1, Number(query.get('page') ?? '1') || 1), pages);
        return {
          view: 'pages/volunteers.njk',
          context: {
            title: t('volunteers.title'),
            heading: `${t('volunteers.count', { count: all.length })}${status ? `: ${term(labelOf(VOLUNTEER_STATUS, status)).toLowerCase()}` : ''}`,
            volunteers: all
              .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
              .map((v) => ({ ...v, statusTag: statusTag(v.status), dbsTag: dbsTag(v) })),
            filters: {
              status: {
                id: 'status',
                name: 'status',
                label: { text: t('volunteers.status') },
                items: [
                  { value: '', text: t('volunteers.anyStatus') },
                  ...VOLUNTEER_STATUS.map((o) => ({
                    ...o,
                    text: term(o.text),
                    selected: o.value === status,
                  })),
                ],
              },
              sort: {
                id: 'sort',
                name: 'sort',
                label: { text: t('volunteers.sortBy') },
                items: [
                  { value: 'name', text: t('volunteers.sortName'), selected: sort === 'name' },
                  { value: 'status', text: t('volunteers.sortStatus'), selected: sort === 'status' },
                ],
              },
            },
            pagination: paginationOf(
              page,
              pages,
              (n) => `/volunteers${withParam(query, { page: String(n) })}`,
            ),
            csvHref: `/volunteers.csv${withParam(query, { page: undefined })}`,
            mayRecord: mayDo(principal, 'volunteer:record'),
            mayImport: mayDo(principal, 'volunteers:import'),
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/volunteers.csv',
      action: 'volunteer:read',
      handle: async ({ principal, query }) => {
        const status = query.get('status') ?? '';
        const rows = (await volunteerRegister(app, principal)).filter((v) => !status || v.status === status);
        return {
          download: {
            contentType: 'text/csv; charset=utf-8',
            filename: 'volunteers.csv',
            body: toCsv([
              ['name', 'status', 'childrenVisited', 'canVisit', 'dbsStandsUntil'].map((c) =>
                t(`volunteers.csv.${c}`),
              ),
              ...rows.map((v) => [
                term(v.name),
                term(labelOf(VOLUNTEER_STATUS, v.status)),
                v.activeMatches,
                v.capacity,
                v.dbsValidUntil ? longDate(v.dbsValidUntil) : t('volunteers.csv.noCheck'),
              ]),
            ]),
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/volunteers/new',
      action: 'volunteer:record',
      handle: async () => registerPage.render({ fieldErrors: {}, errors: [] }),
    },
    {
      method: 'POST',
      path: '/volunteers',
      action: 'volunteer:record',
      handle: async ({ form, principal, event }) =>
        submit(
          { ...registerPage, check: (json) => answerProblems(app, principal, registerFields, json) },
          form,
          async (input) => {
            const { volunteerId } = await registerVolunteer(
              app,
              principal,
              input,
              commandIdentity(event, principal, formKeyOf(form)),
            );
            return {
              redirect: `/volunteers/${volunteerId}`,
              flash: t('volunteers.registered', { name: input.name }),
            };
          },
        ),
    },
    {
      method: 'GET',
      path: '/volunteers/{volunteerId}',
      action: 'volunteer:read',
      handle: async ({ params, principal }) => {
        const view = await viewVolunteer(
          app,
          principal,
          reference(params.volunteerId ?? '', 'volunteer'),
          WORDS,
        );
        const { state, summary } = view;
        const row = (key: string, value: string | undefined) => ({
          key: { text: key.includes('.') ? t(key) : t(`volunteers.record.${key}`) },
          value: { text: value ?? t('child.notRecorded') },
        });
        const satisfactory = state.references.filter((r) => r.satisfactory).length;
        const declaration = view.events.findLast((e) => e.type === 'IndependenceDeclared')?.data as
          | { wordingVersion: string }
          | undefined;
        const dbs = state.dbs;
        const profile = state.profile;
        const training = trainingWords(trainingOf(state, app, view.la));
        const summaryRows = [
          row('volunteers.status', term(labelOf(VOLUNTEER_STATUS, summary.status))),
          row('email', profile.email),
          row('phone', profile.phone),
          row(
            'contactChannel',
            profile.contactChannel && term(labelOf(CONTACT_CHANNELS, profile.contactChannel)),
          ),
          row(
            'correspondenceLanguage',
            profile.correspondenceLanguage &&
              term(labelOf(CORRESPONDENCE_LANGUAGES, profile.correspondenceLanguage)),
          ),
          row('sex', profile.sex && term(labelOf(SEX, profile.sex))),
          row('languages', profile.languages?.length ? tagList(profile.languages) : undefined),
          row('interests', profile.interests?.length ? tagList(profile.interests) : undefined),
          row('canTravelTo', profile.travelAreas?.join(', ') || undefined),
          row(
            'freeToVisit',
            profile.availability?.map((a) => term(labelOf(AVAILABILITY, a))).join(', ') || undefined,
          ),
          row('appliedOn', view.events[0] && longDate(view.events[0].metadata.occurredAt)),
          row(
            'references',
            state.references.length
              ? t('volunteers.record.referencesOf', { satisfactory, total: state.references.length })
              : undefined,
          ),
          row(
            'dbsCheck',
            dbs &&
              t('volunteers.record.dbsDetails', {
                level: term(labelOf(DBS_LEVELS, dbs.level)),
                number: shownValue(dbs.certificateNumber, (n) => n),
                on: longDate(dbs.issuedOn),
              }) + (dbs.updateServiceSubscribed ? t('volunteers.record.onUpdateService') : ''),
          ),
          row(
            'volunteers.dbsStandsUntil',
            summary.dbsValidUntil
              ? longDate(summary.dbsValidUntil)
              : dbs
                ? t('volunteers.record.dbsLapsed')
                : undefined,
          ),
          // Each course with when it was done and until when it stands.
          ...(training.rows.length ? training.rows : [row('training', undefined)]),
          row(
            'declaredIndependence',
            declaration
              ? t('volunteers.record.declaredYes', {
                  wording: term(labelOf(INDEPENDENCE_WORDINGS, declaration.wordingVersion)).split(':')[0],
                })
              : t('fields.no'),
          ),
          row(
            'volunteers.childrenVisited',
            state.status === 'approved'
              ? t('volunteers.visitsOf', { active: summary.activeMatches, capacity: summary.capacity })
              : undefined,
          ),
          row(
            'supervision',
            state.supervisionSessions
              ? t('volunteers.record.supervisionSessions', {
                  sessions: state.supervisionSessions,
                  on: longDate(state.lastSupervisionOn!),
                })
              : undefined,
          ),
        ];
        return {
          view: 'pages/volunteer.njk',
          context: {
            title: term(summary.name),
            volunteerId: view.volunteerId,
            statusTag: statusTag(summary.status),
            dbsTag: dbsTag(summary),
            summaryRows,
            matches: view.children.map((m) => ({ ...m, name: term(m.name) })),
            mayReadChildren: mayDo(principal, 'child:read'),
            timeline: view.history,
            actions: view.actions.map((a) => ({ ...a, title: term(a.title) })),
            expenses: volunteerExpenses(principal, view.volunteerId, state),
            training,
          },
        };
      },
    },
    ...VOLUNTEER_ACTIONS.flatMap((action): Page[] => {
      const fields = [...action.fields, ...WHEN_FIELDS];
      const formPage = (volunteerId: string) => ({
        fields,
        render: (extra: object): PageResult => ({
          view: 'pages/form.njk',
          context: {
            title: term(action.title),
            action: `/volunteers/${volunteerId}/${action.slug}`,
            backHref: `/volunteers/${volunteerId}`,
            fields,
            values: {},
            ...extra,
          },
        }),
      });
      return [
        {
          method: 'GET',
          path: `/volunteers/{volunteerId}/${action.slug}`,
          action: action.permission,
          handle: async ({ params }) =>
            formPage(reference(params.volunteerId ?? '', 'volunteer')).render({
              fieldErrors: {},
              errors: [],
            }),
        },
        {
          method: 'POST',
          path: `/volunteers/{volunteerId}/${action.slug}`,
          action: action.permission,
          handle: async ({ params, form, principal, event }) => {
            const volunteerId = reference(params.volunteerId ?? '', 'volunteer');
            return submit(formPage(volunteerId), form, async (input) => {
              await recordForVolunteer(
                app,
                principal,
                volunteerId,
                volunteerActionBySlug(action.slug)!,
                input,
                commandIdentity(event, principal, formKeyOf(form)),
              );
              return {
                redirect: `/volunteers/${volunteerId}`,
                flash: t('child.saved', { action: term(action.title) }),
              };
            });
          },
        },
      ];
    }),
    ...matchPages(app),
  ];
}

/**
 * The matching page: the suggested volunteers as radios with why each fits, the child's referral beside them, and
 * why every other volunteer cannot be matched now. The radios only offer suggested volunteers; the domain decides
 * again when the form is posted, so a volunteer who became unavailable meanwhile is refused with its reason.
 */
function matchPages(app: App): Page[] {
  const matchPage = (childId: string, suggestions: Suggestions) => ({
    // Validated as a reference, not against today's suggestions: a resubmitted form must reach its idempotent
    // command, and the domain is what refuses a volunteer who is no longer available.
    fields: MATCH_FIELDS,
    render: (extra: {
      values?: Record<string, unknown>;
      fieldErrors?: Record<string, string>;
      errors?: Array<{ text: string; href?: string }>;
    }) =>
      ({
        view: 'pages/match.njk',
        context: {
          title: t('volunteers.match.title', { called: sentence(suggestions.child.called) }),
          caption: term(suggestions.child.name),
          childId,
          action: `/children/${childId}/match`,
          backHref: `/children/${childId}`,
          suggestions: {
            ...suggestions,
            ...(suggestions.childNotMatchable
              ? {
                  childNotMatchable: {
                    ...suggestions.childNotMatchable,
                    reason: ruleSentence(
                      suggestions.childNotMatchable.rule,
                      suggestions.childNotMatchable.reason,
                    ),
                  },
                }
              : {}),
          },
          referralRows: referralRowsOf(suggestions),
          excluded: suggestions.excluded.map((e) => ({
            ...e,
            name: term(e.name),
            reason: ruleSentence(e.rule, e.reason),
            statusTag: statusTag(e.status),
          })),
          whenFields: WHEN_FIELDS,
          values: {},
          ...extra,
        },
      }) satisfies PageResult,
    confirm: (input: { volunteerId: string; occurredOn?: string }) => {
      const chosen = suggestions.suggested.find((s) => s.volunteerId === input.volunteerId);
      return {
        view: 'pages/check-answers.njk',
        context: {
          title: t('volunteers.match.checkTitle'),
          caption: term(suggestions.child.name),
          action: `/children/${childId}/match`,
          rows: [
            { key: { text: t('volunteers.match.child') }, value: { text: term(suggestions.child.name) } },
            {
              key: { text: t('volunteers.match.independentVisitor') },
              value: { text: chosen?.name ?? t('volunteers.match.aVolunteer') },
            },
            ...(chosen
              ? [
                  {
                    key: { text: t('volunteers.match.whyTheyFit') },
                    value: {
                      text:
                        chosen.fit.reasons.map((r) => r.text).join('. ') ||
                        t('volunteers.match.nothingInParticular'),
                    },
                  },
                ]
              : []),
            ...answerRows(WHEN_FIELDS, input),
          ],
          submitText: t('volunteers.match.makeTheMatch'),
        },
      } satisfies PageResult;
    },
  });
  return [
    {
      method: 'GET',
      path: '/children/{childId}/match',
      action: 'match:make',
      handle: async ({ params, principal }) => {
        const childId = reference(params.childId ?? '', 'child');
        const suggestions = await suggestVolunteers(app, principal, childId, WORDS);
        return matchPage(childId, suggestions).render({ fieldErrors: {}, errors: [] });
      },
    },
    {
      method: 'POST',
      path: '/children/{childId}/match',
      action: 'match:make',
      handle: async ({ params, form, principal, event }) => {
        const childId = reference(params.childId ?? '', 'child');
        const suggestions = await suggestVolunteers(app, principal, childId, WORDS);
        const result = await submit(matchPage(childId, suggestions), form, async (input) => {
          const { volunteerId, ...when } = input as { volunteerId: string };
          await matchVisitor(
            app,
            principal,
            childId,
            volunteerId,
            when,
            commandIdentity(event, principal, formKeyOf(form)),
          );
          const name =
            suggestions.suggested.find((s) => s.volunteerId === volunteerId)?.name ??
            t('volunteers.match.theVolunteer');
          return {
            redirect: `/children/${childId}`,
            flash: t('volunteers.match.matched', { name, called: sentence(suggestions.child.called) }),
          };
        });
        return 'view' in result && result.view === 'pages/check-answers.njk'
          ? { ...result, context: { ...result.context, answers: hiddenAnswers(form) } }
          : result;
      },
    },
  ];
}

/** What the referral asks for, in words. */
function referralRowsOf(suggestions: Suggestions) {
  const r = suggestions.referral;
  if (!r) return [];
  const row = (key: string, text: string) => ({
    key: { text: t(`volunteers.match.${key}`) },
    value: { text: text || t('volunteers.match.notGiven') },
  });
  return [
    row('referred', longDate(r.referredOn)),
    row('placedIn', suggestions.child.placementArea ?? ''),
    row('wouldLike', term(labelOf(VISITOR_SEX, r.visitorSex ?? 'no-preference'))),
    row('interests', tagList(r.interests)),
    row('languages', tagList(r.languages)),
    row('canBeVisited', r.availability.map((a) => term(labelOf(AVAILABILITY, a))).join(', ')),
    row('otherNeeds', tagList(r.needs)),
    row('otherWishes', tagList(r.preferences)),
  ];
}
