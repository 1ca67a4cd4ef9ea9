import { addDays, addYears, type LocalDate, londonDateOf } from '../../domain/calendar';
import type { App } from '../app';
import type { Period } from './figures';
import { type LaReport, laReport } from './la-report';
import { type NationalReturn, nationalReturn } from './national-return';

/** Without dates, a report covers the twelve months up to today. */
export function periodOf(app: App, from?: LocalDate, to?: LocalDate): Period {
  const end = to ?? londonDateOf(app.now());
  return { from: from ?? addDays(addYears(end, -1), 1), to: end };
}

/** One LA's report, from its read-model rows. */
export async function reportForLa(app: App, la: string, period: Period): Promise<LaReport> {
  const [children, volunteers] = await Promise.all([
    app.readModels.childRowsOfLa(la),
    app.readModels.volunteerRowsOfLa(la),
  ]);
  const report = laReport(children, volunteers, la, period, period.to);
  return { ...report, name: app.laName?.(la) ?? report.name };
}

/**
 * The national return: every LA that has records, one at a time, so the country's rows are never all in memory.
 * Aggregates only; small numbers suppressed by the report itself.
 */
export async function nationalReturnFor(app: App, period: Period): Promise<NationalReturn> {
  const reports: LaReport[] = [];
  for await (const { la, children, volunteers } of app.readModels.rowsByLa(await app.las())) {
    reports.push({ ...laReport(children, volunteers, la, period, period.to), name: app.laName?.(la) ?? la });
  }
  return nationalReturn(reports, period, period.to);
}
