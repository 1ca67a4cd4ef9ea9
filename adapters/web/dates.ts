/** The pages use the application's date formats: one place for how staff read dates. */
export { dateTime, longDate, shortDate, timestamp } from '../../application/dates';
