import { addDays, addMonths, type LocalDate } from '../../domain/calendar';
import type { ReportChildRow, ReturnVolunteerRow } from './figures';
import { laReport } from './la-report';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface QuarterFigures {
  /** "Jan to Mar 2026"; the quarter still under way ends on the report's date: "Oct to Dec 2026 (so far)". */
  label: string;
  from: LocalDate;
  to: LocalDate;
  lookedAfter: number;
  matched: number;
  /** At the end of the quarter; null when no child was looked after. */
  accessRate: number | null;
  waiting: number;
  referrals: number;
  matchesMade: number;
}

/** The first day of the calendar quarter a date is in. */
const quarterStart = (d: LocalDate): LocalDate => {
  const month = Number(d.slice(5, 7));
  return `${d.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
};

/**
 * The last `count` calendar quarters up to a date, oldest first, each with its snapshot at its end (or at the date,
 * for the quarter under way) and what happened in it: the same figures the report gives, from the same rows.
 */
export function quarterlyTrend(
  children: readonly ReportChildRow[],
  volunteers: readonly ReturnVolunteerRow[],
  la: string,
  to: LocalDate,
  count = 8,
): QuarterFigures[] {
  const quarters: QuarterFigures[] = [];
  let start = quarterStart(to);
  for (let i = 0; i < count; i++) {
    const end = addDays(addMonths(start, 3), -1);
    const last = end > to ? to : end;
    const r = laReport(children, volunteers, la, { from: start, to: last }, last);
    const [first, final] = [Number(start.slice(5, 7)) - 1, Number(end.slice(5, 7)) - 1];
    quarters.unshift({
      label: `${MONTHS[first]} to ${MONTHS[final]} ${end.slice(0, 4)}${last < end ? ' (so far)' : ''}`,
      from: start,
      to: last,
      lookedAfter: r.children.lookedAfter,
      matched: r.children.matched,
      accessRate: r.children.accessRate,
      waiting: r.children.waiting,
      referrals: r.flows.referrals,
      matchesMade: r.flows.matchesMade,
    });
    start = addMonths(start, -3);
  }
  return quarters;
}
