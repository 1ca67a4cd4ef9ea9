import { type LocalDate, londonDateOf } from '../../domain/calendar';
import type { App } from '../app';
import type { ReadModels } from '../ports/read-models';
import type { ChildRow, VolunteerRow } from '../projections/child-row';
import { ENGLISH_WORDS, type Words } from '../words';
import { type ChildListRow, childrenBehind, type Group } from './child-list';
import { type EqualityTable, equalityOf } from './equality';
import type { ChildFigure, Period, ReportChildRow, ReturnVolunteerRow } from './figures';
import { type LaReport, laReport, type ReturnReport } from './la-report';
import { type Convention, type NationalReturn, nationalReturn, returnEntryOf } from './national-return';
import { previousPeriod } from './period';
import { type QuarterFigures, quarterlyTrend } from './trends';
import { projectReach, type WhatIf, type WhatIfRequest } from './what-if';

const named = <R extends ReturnReport>(app: App, report: R): R => ({
  ...report,
  name: app.laName?.(report.la) ?? report.name,
});

async function rowsOf(app: App, la: string): Promise<[ChildRow[], VolunteerRow[]]> {
  return Promise.all([app.readModels.childRowsOfLa(la), app.readModels.volunteerRowsOfLa(la)]);
}

/** One LA's rows as its report reads them: of each child only the fields the report reads. */
export async function reportRowsOf(
  readModels: Pick<ReadModels, 'reportRowsOfLa' | 'volunteerRowsOfLa'>,
  la: string,
): Promise<[ReportChildRow[], ReturnVolunteerRow[]]> {
  return Promise.all([readModels.reportRowsOfLa(la), readModels.volunteerRowsOfLa(la)]);
}

/** One LA's report, from its read-model rows. */
export async function reportForLa(app: App, la: string, period: Period): Promise<LaReport> {
  const [children, volunteers] = await reportRowsOf(app.readModels, la);
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
  const [children, volunteers] = await reportRowsOf(app.readModels, la);
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
  return nationalReturnOf(app.readModels, await app.las(), period, convention, (r) => named(app, r));
}

/**
 * LAs read at once for the national return. Reading was nearly all of its time, and one LA at a time left
 * DynamoDB waiting on each round trip; each LA's rows are small, so a few at once still hold little.
 */
const RETURN_READ_AHEAD = 8;

/** The national return from the read models: of each row only the fields the return reads (RETURN_CHILD_FIELDS). */
export async function nationalReturnOf(
  readModels: Pick<ReadModels, 'returnRowsByLa'>,
  las: Iterable<string>,
  period: Period,
  convention: Convention = 'nivn',
  name: (report: ReturnReport) => ReturnReport = (report) => report,
): Promise<NationalReturn> {
  const entries = [];
  for await (const { la, children, volunteers } of readModels.returnRowsByLa(las, RETURN_READ_AHEAD)) {
    const entry = returnEntryOf(children, volunteers, la, period);
    entries.push({ ...entry, report: name(entry.report) });
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
