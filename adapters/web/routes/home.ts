import { z } from 'zod';
import { mayDo } from '../../../application/access';
import type { App } from '../../../application/app';
import { type TaskRow, tasksFor } from '../../../application/tasks';
import { shortDate, timestamp } from '../dates';
import type { Page } from '../pages';

const SHOWN = 25;
const shown = <T>(rows: T[], toRow: (row: T) => unknown[]) => ({
  rows: rows.slice(0, SHOWN).map(toRow),
  more: Math.max(0, rows.length - SHOWN),
});
const childLink = (childId: string) => ({
  html: `<a class="govuk-link" href="/children/${encodeURIComponent(childId)}">${childId}</a>`,
});
const num = (value: number) => ({ text: String(value), format: 'numeric' });
const daysLeft = (days: number) =>
  days < 0
    ? { html: `<strong class="app-days-left--overdue">${-days} overdue</strong>`, format: 'numeric' }
    : num(days);
const day = (date: string) => ({ text: shortDate(date) });
/** A duty of a child's: who, how old, what must happen, by when, and how long is left (or how overdue). */
const dutyRow = (t: TaskRow) => [
  childLink(t.childId),
  num(t.age),
  { text: t.duty },
  day(t.dueOn),
  daysLeft(t.workingDaysLeft),
];

/** The home page: the task list for staff of an LA; the local clock for an admin on the local system. */
export function homePages(app: App): Page[] {
  return [
    {
      method: 'GET',
      path: '/',
      action: 'signed-in',
      handle: async ({ principal }) => {
        if (principal.role === 'national-analyst') return { redirect: '/reports/national' };
        if (!mayDo(principal, 'tasks:read'))
          return { redirect: principal.role === 'auditor' ? '/audit' : '/reports' };
        const tasks = await tasksFor(app, principal.la);
        const outbox = app.local
          ? (await app.local.outbox())
              .filter((n) => n.la === principal.la)
              .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          : undefined;
        return {
          view: 'pages/home.njk',
          context: {
            title: 'Your tasks',
            mayRecord: mayDo(principal, 'child:record'),
            mayImport: mayDo(principal, 'children:import'),
            counts: {
              notYetOffered: tasks.notYetOffered.length,
              offerNotOnRecord: tasks.offerNotOnRecord.length,
              reviewsDue: tasks.reviewsDue.length,
              overdue: tasks.overdue.length,
              waiting: tasks.waiting.length,
              visitsOverdue: tasks.visitsOverdue.length,
              dbsExpiring: tasks.dbsExpiring.length,
            },
            notYetOffered: shown(tasks.notYetOffered, dutyRow),
            offerNotOnRecord: shown(tasks.offerNotOnRecord, dutyRow),
            reviewsDue: shown(tasks.reviewsDue, (t) => [
              childLink(t.childId),
              num(t.age),
              day(t.dueOn),
              num(t.workingDaysLeft),
            ]),
            overdue: shown(tasks.overdue, (t) => [
              childLink(t.childId),
              num(t.age),
              { text: t.duty },
              day(t.dueOn),
              num(-t.workingDaysLeft),
            ]),
            waiting: shown(tasks.waiting, (w) => [
              childLink(w.childId),
              num(w.age),
              day(w.referredOn),
              num(w.daysWaiting),
              { text: w.inLaArea === undefined ? 'Not known' : w.inLaArea ? 'In area' : 'Out of area' },
            ]),
            visitsOverdue: shown(tasks.visitsOverdue, dutyRow),
            dbsExpiring: shown(tasks.dbsExpiring, (v) => [
              {
                html: `<a class="govuk-link" href="/volunteers/${encodeURIComponent(v.volunteerId)}">${v.volunteerId}</a>`,
              },
              day(v.expiresOn),
              num(v.daysLeft),
            ]),
            outbox:
              outbox &&
              shown(outbox, (n) => [
                { text: timestamp(n.createdAt) },
                { text: n.kind },
                { text: n.role },
                {
                  html: `<a class="govuk-link" href="${n.personalisation.record_link?.replace(/^https?:\/\/[^/]+/, '') ?? '#'}">Open the record</a>`,
                },
              ]),
            clockForm: app.local !== undefined && mayDo(principal, 'clock:control'),
            now: app.now().toISOString(),
          },
        };
      },
    },
    {
      method: 'POST',
      path: '/admin/clock',
      action: 'clock:control',
      handle: async ({ form }) => {
        const advance = z
          .string()
          .regex(/^(\d+[wdhm])+$/)
          .safeParse(form.advance);
        if (!app.local || !advance.success)
          return { redirect: '/#clock', flash: 'Give a duration such as 21d, 1w or 6h.' };
        const now = await app.local.advanceClock(advance.data);
        return {
          redirect: '/',
          flash: `The clock now says ${timestamp(now)}; anything that fell due has fired.`,
        };
      },
    },
  ];
}
