import { endOfLondonDay, type LocalDate, londonInstant, type WorkingDayCalendar } from '../calendar';
import type { Policy } from '../policy';
import type { Obligation, ObligationKind } from './obligation';

/** The reminder goes out at 09:00 London time, so it lands at the start of a working day. */
const REMINDER_TIME = '09:00';

export function obligation(
  fields: {
    kind: ObligationKind;
    id: string;
    streamId: string;
    la: string;
    dueOn: LocalDate;
    summary: string;
  },
  policy: Policy,
  calendar: WorkingDayCalendar,
): Obligation {
  const timing = policy.obligations[fields.kind];
  return {
    ...fields,
    remindAt: londonInstant(
      calendar.addWorkingDays(fields.dueOn, -timing.remindWorkingDaysBefore),
      REMINDER_TIME,
    ).toISOString(),
    dueAt: endOfLondonDay(fields.dueOn).toISOString(),
    escalateEveryDays: timing.escalateEveryDays,
  };
}
