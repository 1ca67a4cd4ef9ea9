import { type LocalDate, londonDateOf } from '../../domain/calendar';
import type { App } from '../app';
import type { ChildRow, VolunteerRow } from '../projections/child-row';
import { ENGLISH_WORDS, type Words } from '../words';
import { type ChildListRow, childrenBehind, type Group } from './child-list';
import { type EqualityTable, equalityOf } from './equality';
import type { ChildFigure, Period } from './figures';
import { type LaReport, laReport } from './la-report';
import { type Convention, type NationalReturn, nationalReturn, returnEntryOf } from './national-return';
import { previousPeriod } from './period';
import { type QuarterFigures, quarterlyTrend } from './trends';
import { projectReach, type WhatIf, type WhatIfRequest } from './what-if';

const named = (app: App, report: LaReport): LaReport => ({
  ...report,
  name: app.laName?.(report.la) ?? report.name,
});

async function rowsOf(app: App, la: string): Promise<[ChildRow[], VolunteerRow[]]> {
  return Promise.all([app.readModels.childRowsOfLa(la), app.readModels.volunteerRowsOfLa(la)]);
}

/** One LA's report, from its read-model rows. */
export async function reportForLa(app: App, la: string, period: Period): Promise<LaReport> {
  const [children, volunteers] = await rowsOf(app, la);
  return named(app, laReport(children, volunteers, la, period, period.to));
}

export interface LaReportView {
  report: LaReport;
  /** The same figures for the period of the same length just before. */
  previous: LaReport;
  trend: QuarterFigures[];
  equality: EqualityTable[];
}

/** Everything the report page shows, from one read of the LA's rows. */
export async function reportViewForLa(
  app: App,
  la: string,
  period: Period,
  words: Words = ENGLISH_WORDS,
): Promise<LaReportView> {
  const [children, volunteers] = await rowsOf(app, la);
  const report = named(app, laReport(children, volunteers, la, period, period.to));
  const before = previousPeriod(period);
  return {
    report,
    previous: named(app, laReport(children, volunteers, la, before, before.to)),
    trend: quarterlyTrend(children, volunteers, la, period.to),
    equality: equalityOf(report, words),
  };
}

/** The children behind one figure of an LA's report on a date. */
export async function childrenBehindFigure(
  app: App,
  la: string,
  figure: ChildFigure,
  on: LocalDate,
  group?: Group,
): Promise<ChildListRow[]> {
  return childrenBehind(await app.readModels.childRowsOfLa(la), figure, on, group);
}

/**
 * The national return: every LA that has records, one at a time, so the country's rows are never all in memory.
 * Aggregates only; small numbers protected by the return itself.
 */
export async function nationalReturnFor(
  app: App,
  period: Period,
  convention: Convention = 'nivn',
): Promise<NationalReturn> {
  const entries = [];
  for await (const { la, children, volunteers } of app.readModels.rowsByLa(await app.las())) {
    const entry = returnEntryOf(children, volunteers, la, period);
    entries.push({ ...entry, report: named(app, entry.report) });
  }
  return nationalReturn(entries, period, period.to, convention);
}

/** The what-if projection for an LA, from its rows today. Takes a few seconds: it runs the simulation many times. */
export async function whatIfFor(
  app: App,
  la: string,
  request: WhatIfRequest,
  w: Words = ENGLISH_WORDS,
): Promise<WhatIf> {
  const [children, volunteers] = await rowsOf(app, la);
  return projectReach(la, children, volunteers, londonDateOf(app.now()), request, w);
}
