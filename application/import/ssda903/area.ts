/**
 * In or out of the LA's area, from a placement's postcode district (its outward code: "LS6" of "LS6 2AB") and the
 * districts the LA says are its own. The postcode itself is never kept: only whether it is in area.
 */

const OUTWARD = /^[A-Z]{1,2}\d[A-Z\d]?$/;
const INWARD = /^\d[A-Z]{2}$/;

/** The outward code of a full postcode or of a district on its own; undefined when it is neither. */
export function postcodeDistrict(value: string): string | undefined {
  const compact = value.toUpperCase().replace(/\s+/g, '');
  if (OUTWARD.test(compact)) return compact;
  const outward = compact.slice(0, -3);
  return compact.length >= 5 && INWARD.test(compact.slice(-3)) && OUTWARD.test(outward) ? outward : undefined;
}

/** The LA's own districts, as given (commas, spaces or lines between them); each must be a postcode district. */
export function parseDistricts(text: string): { districts: Set<string>; invalid: string[] } {
  const districts = new Set<string>();
  const invalid: string[] = [];
  for (const item of text.split(/[\s,;]+/).filter(Boolean)) {
    const district = postcodeDistrict(item);
    if (district && district === item.toUpperCase()) districts.add(district);
    else invalid.push(item);
  }
  return { districts, invalid };
}

/** Whether a district is in the LA's area; unknown when the LA gave none of its districts. */
export const inArea = (district: string | undefined, own: ReadonlySet<string>): boolean | undefined =>
  district === undefined || own.size === 0 ? undefined : own.has(district);
