import { mayDo } from '../../../application/access';
import { answerProblems, WHEN_FIELDS } from '../../../application/actions';
import type { App } from '../../../application/app';
import {
  AVAILABILITY,
  DBS_LEVELS,
  INDEPENDENCE_WORDINGS,
  labelOf,
  TRAINING_COURSES,
  tagList,
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
import { inWords } from '../../../application/timeline';
import {
  PROFILE_FIELDS,
  VOLUNTEER_ACTIONS,
  volunteerActionBySlug,
} from '../../../application/volunteers/actions';
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
import { WORDS } from '../i18n';
import { answerRows, paginationOf, withParam } from '../lists';
import type { Page, PageResult } from '../pages';
import { formKeyOf, hiddenAnswers, submit } from './forms';

/** GOV.UK tag colours: green is ready, blue in progress, yellow and red need attention, grey is over. */
const STATUS_TAG: Record<VolunteerStatus, string> = {
  approved: 'govuk-tag--green',
  applied: 'govuk-tag--blue',
  paused: 'govuk-tag--yellow',
  suspended: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
};
const DBS_TAG: Record<VolunteerSummary['dbs'], { text: string; classes: string } | undefined> = {
  none: { text: 'No check', classes: 'govuk-tag--grey' },
  valid: undefined,
  'renew-soon': { text: 'Renew soon', classes: 'govuk-tag--orange' },
  expired: { text: 'Does not stand', classes: 'govuk-tag--red' },
};

export const statusTag = (status: VolunteerStatus) => ({
  text: labelOf(VOLUNTEER_STATUS, status),
  classes: STATUS_TAG[status],
});
const dbsTag = (summary: VolunteerSummary) => DBS_TAG[summary.dbs];

function reference(value: string, what: 'child' | 'volunteer'): string {
  if (!RecordId.safeParse(value).success)
    throw notFound(`There is no ${what} with that reference in your local authority.`);
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
        title: 'Register a volunteer',
        action: '/volunteers',
        fields: registerFields,
        backHref: '/volunteers',
        submitText: 'Register the volunteer',
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
            title: 'Volunteers',
            heading: `${all.length} ${all.length === 1 ? 'volunteer' : 'volunteers'}${status ? `: ${labelOf(VOLUNTEER_STATUS, status).toLowerCase()}` : ''}`,
            volunteers: all
              .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
              .map((v) => ({ ...v, statusTag: statusTag(v.status), dbsTag: dbsTag(v) })),
            filters: {
              status: {
                id: 'status',
                name: 'status',
                label: { text: 'Status' },
                items: [
                  { value: '', text: 'Any status' },
                  ...VOLUNTEER_STATUS.map((o) => ({ ...o, selected: o.value === status })),
                ],
              },
              sort: {
                id: 'sort',
                name: 'sort',
                label: { text: 'Sort by' },
                items: [
                  { value: 'name', text: 'Name (A to Z)', selected: sort === 'name' },
                  { value: 'status', text: 'Status', selected: sort === 'status' },
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
              ['Name', 'Status', 'Children visited', 'Can visit', 'DBS check stands until'],
              ...rows.map((v) => [
                v.name,
                labelOf(VOLUNTEER_STATUS, v.status),
                v.activeMatches,
                v.capacity,
                v.dbsValidUntil ? inWords(v.dbsValidUntil) : 'No check that stands',
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
            return { redirect: `/volunteers/${volunteerId}`, flash: `${input.name} is registered.` };
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
          key: { text: key },
          value: { text: value ?? 'Not recorded' },
        });
        const satisfactory = state.references.filter((r) => r.satisfactory).length;
        const declaration = view.events.findLast((e) => e.type === 'IndependenceDeclared')?.data as
          | { wordingVersion: string }
          | undefined;
        const dbs = state.dbs;
        const profile = state.profile;
        const summaryRows = [
          row('Status', labelOf(VOLUNTEER_STATUS, summary.status)),
          row('Email address', profile.email),
          row('Phone number', profile.phone),
          row('Sex', profile.sex && (profile.sex === 'female' ? 'Female' : 'Male')),
          row('Languages', profile.languages?.length ? tagList(profile.languages) : undefined),
          row('Interests', profile.interests?.length ? tagList(profile.interests) : undefined),
          row('Can travel to', profile.travelAreas?.join(', ') || undefined),
          row(
            'Free to visit',
            profile.availability?.map((a) => labelOf(AVAILABILITY, a)).join(', ') || undefined,
          ),
          row('Applied on', view.events[0] && inWords(view.events[0].metadata.occurredAt)),
          row(
            'References',
            state.references.length
              ? `${satisfactory} satisfactory of ${state.references.length}`
              : undefined,
          ),
          row(
            'DBS check',
            dbs &&
              `${labelOf(DBS_LEVELS, dbs.level)}, certificate ${shownValue(dbs.certificateNumber, (n) => n)}, issued ${inWords(dbs.issuedOn)}` +
                `${dbs.updateServiceSubscribed ? ', on the Update Service' : ''}`,
          ),
          row(
            'DBS check stands until',
            summary.dbsValidUntil
              ? inWords(summary.dbsValidUntil)
              : dbs
                ? 'It no longer stands: a new check is needed'
                : undefined,
          ),
          row(
            'Training',
            state.trainingCompleted.map((c) => labelOf(TRAINING_COURSES, c)).join(', ') || undefined,
          ),
          row(
            'Declared independence',
            declaration
              ? `Yes (${labelOf(INDEPENDENCE_WORDINGS, declaration.wordingVersion).split(':')[0]})`
              : 'No',
          ),
          row(
            'Children visited',
            state.status === 'approved' ? `${summary.activeMatches} of ${summary.capacity}` : undefined,
          ),
          row(
            'Supervision',
            state.supervisionSessions
              ? `${state.supervisionSessions} sessions, the last on ${inWords(state.lastSupervisionOn!)}`
              : undefined,
          ),
        ];
        return {
          view: 'pages/volunteer.njk',
          context: {
            title: summary.name,
            volunteerId: view.volunteerId,
            statusTag: statusTag(summary.status),
            dbsTag: dbsTag(summary),
            summaryRows,
            matches: view.children,
            mayReadChildren: mayDo(principal, 'child:read'),
            timeline: view.history,
            actions: view.actions,
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
            title: action.title,
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
              return { redirect: `/volunteers/${volunteerId}`, flash: `${action.title}: saved.` };
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
          title: `Match ${suggestions.child.called} with a volunteer`,
          caption: suggestions.child.name,
          childId,
          action: `/children/${childId}/match`,
          backHref: `/children/${childId}`,
          suggestions,
          referralRows: referralRowsOf(suggestions),
          excluded: suggestions.excluded.map((e) => ({ ...e, statusTag: statusTag(e.status) })),
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
          title: 'Check the match before recording it',
          caption: suggestions.child.name,
          action: `/children/${childId}/match`,
          rows: [
            { key: { text: 'Child' }, value: { text: suggestions.child.name } },
            { key: { text: 'Independent Visitor' }, value: { text: chosen?.name ?? 'A volunteer' } },
            ...(chosen
              ? [
                  {
                    key: { text: 'Why they fit' },
                    value: {
                      text: chosen.fit.reasons.map((r) => r.text).join('. ') || 'Nothing in particular',
                    },
                  },
                ]
              : []),
            ...answerRows(WHEN_FIELDS, input),
          ],
          submitText: 'Make the match',
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
        const suggestions = await suggestVolunteers(app, principal, childId);
        return matchPage(childId, suggestions).render({ fieldErrors: {}, errors: [] });
      },
    },
    {
      method: 'POST',
      path: '/children/{childId}/match',
      action: 'match:make',
      handle: async ({ params, form, principal, event }) => {
        const childId = reference(params.childId ?? '', 'child');
        const suggestions = await suggestVolunteers(app, principal, childId);
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
            suggestions.suggested.find((s) => s.volunteerId === volunteerId)?.name ?? 'The volunteer';
          return {
            redirect: `/children/${childId}`,
            flash: `${name} is now ${suggestions.child.called}’s Independent Visitor.`,
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
  const row = (key: string, text: string) => ({ key: { text: key }, value: { text: text || 'Not given' } });
  return [
    row('Referred', inWords(r.referredOn)),
    row('Placed in', suggestions.child.placementArea ?? ''),
    row(
      'Would like',
      r.visitorSex === 'female' ? 'A woman' : r.visitorSex === 'male' ? 'A man' : 'No preference',
    ),
    row('Interests', tagList(r.interests)),
    row('Languages', tagList(r.languages)),
    row('Can be visited', r.availability.map((a) => labelOf(AVAILABILITY, a)).join(', ')),
    row('Other needs', tagList(r.needs)),
    row('Other wishes', tagList(r.preferences)),
  ];
}
