import { daysBetween, type LocalDate, londonDateOf } from '../domain/calendar';
import type { App } from './app';

/** A volunteer whose DBS check stops being accepted soon: they cannot be matched after that date. */
export interface DbsExpiring {
  volunteerId: string;
  name: string;
  expiresOn: LocalDate;
  daysLeft: number;
}

/**
 * The approved volunteers of an LA whose DBS check runs out within `warningDays`, soonest first, from the volunteer
 * read model (an LA has tens of volunteers, not thousands, so the list comes whole).
 */
export async function dbsExpiring(app: App, la: string, warningDays = 60): Promise<DbsExpiring[]> {
  const today = londonDateOf(app.now());
  return (await app.readModels.volunteerRowsOfLa(la))
    .filter(
      (v) => v.status === 'approved' && v.dbsExpiresOn && daysBetween(today, v.dbsExpiresOn) <= warningDays,
    )
    .map((v) => ({
      volunteerId: v.volunteerId,
      name: v.name ?? 'Name not recorded',
      expiresOn: v.dbsExpiresOn!,
      daysLeft: daysBetween(today, v.dbsExpiresOn!),
    }))
    .sort((a, b) => a.daysLeft - b.daysLeft);
}
