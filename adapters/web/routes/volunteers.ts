import { mayDo } from '../../../application/access';
import { WHEN_FIELDS } from '../../../application/actions';
import type { App } from '../../../application/app';

import { DBS_LEVELS, INDEPENDENCE_WORDINGS, labelOf, VOLUNTEER_STATUS } from '../../../application/labels';
import {
  MATCH_FIELDS,
  matchVisitor,
  type Suggestions,
  suggestVolunteers,
} from '../../../application/matching';
import { shownValue } from '../../../application/personal-data/visibility';
import { timelineOf } from '../../../application/timeline';
import { VOLUNTEER_ACTIONS, volunteerActionBySlug } from '../../../application/volunteers/actions';
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
import type { Page, PageResult } from '../pages';
import { formKeyOf, submit } from './forms';

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
  const registerFields = WHEN_FIELDS;
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
      handle: async ({ principal }) => {
        const register = await volunteerRegister(app, principal);
        return {
          view: 'pages/volunteers.njk',
          context: {
            title: 'Volunteers',
            volunteers: register.map((v) => ({ ...v, statusTag: statusTag(v.status), dbsTag: dbsTag(v) })),
            mayRecord: mayDo(principal, 'volunteer:record'),
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
        submit(registerPage, form, async (input) => {
          const { volunteerId } = await registerVolunteer(
            app,
            principal,
            input,
            commandIdentity(event, principal, formKeyOf(form)),
          );
          return { redirect: `/volunteers/${volunteerId}`, flash: 'Volunteer registered.' };
        }),
    },
    {
      method: 'GET',
      path: '/volunteers/{volunteerId}',
      action: 'volunteer:read',
      handle: async ({ params, principal }) => {
        const view = await viewVolunteer(app, principal, reference(params.volunteerId ?? '', 'volunteer'));
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
        const summaryRows = [
          row('Status', labelOf(VOLUNTEER_STATUS, summary.status)),
          row('Applied on', view.events[0]?.metadata.occurredAt.slice(0, 10)),
          row(
            'References',
            state.references.length
              ? `${satisfactory} satisfactory of ${state.references.length}`
              : undefined,
          ),
          row(
            'DBS check',
            dbs &&
              `${labelOf(DBS_LEVELS, dbs.level)}, certificate ${shownValue(dbs.certificateNumber, (n) => n)}, issued ${dbs.issuedOn}` +
                `${dbs.updateServiceSubscribed ? ', on the Update Service' : ''}`,
          ),
          row(
            'DBS check stands until',
            summary.dbsValidUntil ?? (dbs ? 'It no longer stands: a new check is needed' : undefined),
          ),
          row('Training', state.trainingCompleted.join(', ') || undefined),
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
              ? `${state.supervisionSessions} sessions, the last on ${state.lastSupervisionOn}`
              : undefined,
          ),
        ];
        return {
          view: 'pages/volunteer.njk',
          context: {
            title: 'Volunteer',
            volunteerId: view.volunteerId,
            statusTag: statusTag(summary.status),
            dbsTag: dbsTag(summary),
            summaryRows,
            matches: state.activeMatches,
            mayReadChildren: mayDo(principal, 'child:read'),
            timeline: timelineOf(view.events).reverse(),
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
            caption: `Volunteer ${volunteerId}`,
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
      fieldErrors?: Record<string, string>;
      errors?: Array<{ text: string; href?: string }>;
    }) => {
      const fieldErrors = { ...extra.fieldErrors };
      if (fieldErrors.volunteerId) fieldErrors.volunteerId = 'Select a volunteer';
      const errors = (extra.errors ?? []).map((e) =>
        e.href === '#volunteerId' ? { ...e, text: 'Select a volunteer' } : e,
      );
      return {
        view: 'pages/match.njk',
        context: {
          title: 'Match with a volunteer',
          childId,
          action: `/children/${childId}/match`,
          backHref: `/children/${childId}`,
          suggestions,
          excluded: suggestions.excluded.map((e) => ({ ...e, statusTag: statusTag(e.status) })),
          whenFields: WHEN_FIELDS,
          values: {},
          ...extra,
          fieldErrors,
          errors,
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
        return submit(matchPage(childId, suggestions), form, async (input) => {
          const { volunteerId, ...when } = input as { volunteerId: string };
          await matchVisitor(
            app,
            principal,
            childId,
            volunteerId,
            when,
            commandIdentity(event, principal, formKeyOf(form)),
          );
          return {
            redirect: `/children/${childId}`,
            flash: `Matched with volunteer ${volunteerId}: they are now the child’s Independent Visitor.`,
          };
        });
      },
    },
  ];
}
