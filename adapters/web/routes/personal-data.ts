import { mayDo } from '../../../application/access';
import type { App } from '../../../application/app';
import { actorOf } from '../../../application/children/children';
import type { Field } from '../../../application/fields';
import {
  ERASE_FIELDS,
  erase,
  LIFT_HOLD_FIELDS,
  liftHold,
  PLACE_HOLD_FIELDS,
  placeHold,
  SUBJECT_ACCESS_FIELDS,
} from '../../../application/personal-data/actions';
import { changePersonalData, viewPersonalData } from '../../../application/personal-data/erasure';
import { retentionRuleIn } from '../../../application/personal-data/retention-words';
import { subjectAccessCopy } from '../../../application/personal-data/subject-access';
import { RecordId } from '../../../events/contracts/common';
import type { StreamKind } from '../../../events/stream-id';
import { commandIdentity } from '../../http/idempotency';
import { notFound } from '../../http/problem';
import { longDate } from '../dates';
import { t, WORDS } from '../i18n';
import { laNameOf } from '../i18n/la-name';
import type { Page, PageResult } from '../pages';
import { formKeyOf, submit } from './forms';

const KINDS = {
  child: { path: '/children', caption: 'audit.child', notFound: 'volunteers.noSuchChild' },
  volunteer: { path: '/volunteers', caption: 'audit.volunteer', notFound: 'volunteers.noSuchVolunteer' },
} as const;
const p = (key: string, values?: Record<string, unknown>) => t(`personalData.${key}`, values);

/**
 * A record's personal data: how long it is kept and under which rule, its legal holds, and (for those allowed)
 * placing and lifting a hold, erasing on request, and making the person's subject access copy.
 */
export function personalDataPages(app: App, kind: StreamKind): Page[] {
  const { path, caption, notFound: missing } = KINDS[kind];
  const reference = (value: string | undefined) => {
    if (!RecordId.safeParse(value).success) throw notFound(t(missing));
    return value!;
  };
  const base = (id: string) => `${path}/${id}/personal-data`;
  const formPage = <const Fs extends readonly Field[]>(
    id: string,
    title: string,
    action: string,
    fields: Fs,
    submitText: string,
  ) => ({
    fields,
    render: (extra: object): PageResult => ({
      view: 'pages/form.njk',
      context: {
        title: p(title),
        caption: t(caption, { id }),
        action,
        backHref: base(id),
        fields,
        values: {},
        submitText: p(submitText),
        ...extra,
      },
    }),
  });
  const forms = {
    hold: (id: string) => formPage(id, 'placeHold', `${base(id)}/holds`, PLACE_HOLD_FIELDS, 'placeTheHold'),
    lift: (id: string, holdId: string) =>
      formPage(id, 'liftHold', `${base(id)}/holds/${holdId}/lift`, LIFT_HOLD_FIELDS, 'liftTheHold'),
    erase: (id: string) => formPage(id, 'erase', `${base(id)}/erase`, ERASE_FIELDS, 'eraseButton'),
    copy: (id: string) =>
      formPage(id, 'subjectAccess', `${base(id)}/subject-access`, SUBJECT_ACCESS_FIELDS, 'makeTheCopy'),
  };
  const blank = { fieldErrors: {}, errors: [] };
  const done = (id: string, flash: string): PageResult => ({ redirect: base(id), flash });

  return [
    {
      method: 'GET',
      path: `${path}/{id}/personal-data`,
      action: kind === 'child' ? 'child:read' : 'volunteer:read',
      handle: async ({ params, principal }) => {
        const id = reference(params.id);
        const view = await viewPersonalData(app, principal, kind, id, 'ui');
        const manage = mayDo(principal, 'personal-data:manage');
        return {
          view: 'pages/personal-data.njk',
          context: {
            title: p('title'),
            caption: t(caption, { id }),
            backHref: `${path}/${id}`,
            summaryRows: [
              {
                key: { text: p(view.erased ? 'erased' : 'keptUntil') },
                value: {
                  text: view.erased
                    ? p('erasedOn', { on: longDate(view.erased.on) })
                    : view.retention
                      ? p('keptUntilUnder', {
                          until: longDate(view.retention.until),
                          rule: retentionRuleIn(view.retention.rule, WORDS),
                        })
                      : p('whileTheyVolunteer'),
                },
              },
              {
                key: { text: p('legalHolds') },
                value: { text: view.holds.length ? String(view.holds.length) : p('none') },
              },
            ],
            holds: view.holds.map((h) => ({
              ...h,
              placedOn: longDate(h.placedOn),
              liftHref: manage ? `${base(id)}/holds/${h.holdId}/lift` : undefined,
            })),
            links: [
              ...(manage && !view.erased
                ? [
                    { href: `${base(id)}/holds`, text: p('placeHold') },
                    ...(view.holds.length === 0 ? [{ href: `${base(id)}/erase`, text: p('erase') }] : []),
                  ]
                : []),
              ...(mayDo(principal, 'subject-access:export')
                ? [{ href: `${base(id)}/subject-access`, text: p('subjectAccess') }]
                : []),
            ],
          },
        };
      },
    },
    ...(
      [
        ['holds', 'personal-data:manage', forms.hold],
        ['erase', 'personal-data:manage', forms.erase],
        ['subject-access', 'subject-access:export', forms.copy],
      ] as const
    ).map(
      ([slug, action, form]): Page => ({
        method: 'GET',
        path: `${path}/{id}/personal-data/${slug}`,
        action,
        handle: async ({ params }) => form(reference(params.id)).render(blank),
      }),
    ),
    {
      method: 'GET',
      path: `${path}/{id}/personal-data/holds/{holdId}/lift`,
      action: 'personal-data:manage',
      handle: async ({ params }) => forms.lift(reference(params.id), reference(params.holdId)).render(blank),
    },
    {
      method: 'POST',
      path: `${path}/{id}/personal-data/holds`,
      action: 'personal-data:manage',
      handle: async ({ params, form, principal, event }) => {
        const id = reference(params.id);
        return submit(forms.hold(id), form, async (input) => {
          const identity = commandIdentity(event, principal, formKeyOf(form));
          await changePersonalData(app, principal, kind, id, placeHold(input), identity);
          return done(id, p('holdPlaced'));
        });
      },
    },
    {
      method: 'POST',
      path: `${path}/{id}/personal-data/holds/{holdId}/lift`,
      action: 'personal-data:manage',
      handle: async ({ params, form, principal, event }) => {
        const id = reference(params.id);
        const holdId = reference(params.holdId);
        return submit(forms.lift(id, holdId), form, async (input) => {
          const identity = commandIdentity(event, principal, formKeyOf(form));
          await changePersonalData(app, principal, kind, id, liftHold(holdId, input), identity);
          return done(id, p('holdLifted'));
        });
      },
    },
    {
      method: 'POST',
      path: `${path}/{id}/personal-data/erase`,
      action: 'personal-data:manage',
      handle: async ({ params, form, principal, event }) => {
        const id = reference(params.id);
        return submit(forms.erase(id), form, async (input) => {
          const identity = commandIdentity(event, principal, formKeyOf(form));
          await changePersonalData(app, principal, kind, id, erase(input), identity);
          return done(id, p('dataErased'));
        });
      },
    },
    {
      method: 'POST',
      path: `${path}/{id}/personal-data/subject-access`,
      action: 'subject-access:export',
      handle: async ({ params, form, principal }) => {
        const id = reference(params.id);
        return submit(forms.copy(id), form, async (input) => {
          // In the page's language, with the council's name as the pages give it.
          const deps = { ...app, laName: (code: string) => laNameOf(app, code) };
          const copy = await subjectAccessCopy(
            deps,
            actorOf(principal),
            kind,
            id,
            input.reference,
            'ui',
            WORDS,
          );
          return {
            download: {
              body: copy.html,
              contentType: 'text/html; charset=utf-8',
              filename: `subject-access-${input.reference.replace(/[^A-Za-z0-9-]/g, '-')}.html`,
            },
          };
        });
      },
    },
  ];
}
