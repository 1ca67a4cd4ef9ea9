import { t } from './index';

/** "3 working days left", "1 working day overdue", "Due today", in the page's language. */
export const daysLeft = (days: number): string =>
  days === 0
    ? t('time.dueToday')
    : t(days < 0 ? 'time.workingDaysOverdue' : 'time.workingDaysLeft', { count: Math.abs(days) });
