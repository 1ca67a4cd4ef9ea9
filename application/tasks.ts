import { addDays, daysBetween, type LocalDate, londonDateOf } from '../domain/calendar';
import type { App } from './app';

/** A volunteer whose DBS check stops being accepted soon: they cannot be matched after that date. */
export interface DbsExpiring {
  volunteerId: string;
  name: string;
  expiresOn: LocalDate;
  daysLeft: number;
}

/**
 * The approved volunteers of an LA whose DBS check runs out within `warningDays`, soonest first, from the index of
 * the volunteer read model by expiry date (so only those are read).
 */
export async function dbsExpiring(app: App, la: string, warningDays = 60): Promise<DbsExpiring[]> {
  const today = londonDateOf(app.now());
  return (await app.readModels.dbsExpiringBy(la, addDays(today, warningDays)))
    .filter((v) => v.status === 'approved' && v.dbsExpiresOn)
    .map((v) => ({
      volunteerId: v.volunteerId,
      name: v.name ?? 'Name not recorded',
      expiresOn: v.dbsExpiresOn!,
      daysLeft: daysBetween(today, v.dbsExpiresOn!),
    }))
    .sort((a, b) => a.daysLeft - b.daysLeft);
}
