import * as z from 'zod';

/**
 * Ethnicity as the DfE's children looked after return (SSDA903) codes it, grouped into the five major groups
 * the published statistics use, plus "refused" and "not yet obtained". Reports compare matched and waiting children
 * by group; the code is kept so a report can go one level deeper. Source: DfE SSDA903 guidance, ethnicity codes.
 */
export const ETHNICITY = {
  WBRI: { group: 'White', label: 'White British' },
  WIRI: { group: 'White', label: 'White Irish' },
  WIRT: { group: 'White', label: 'Traveller of Irish heritage' },
  WOTH: { group: 'White', label: 'Any other White background' },
  WROM: { group: 'White', label: 'Gypsy/Roma' },
  MWBC: { group: 'Mixed', label: 'White and Black Caribbean' },
  MWBA: { group: 'Mixed', label: 'White and Black African' },
  MWAS: { group: 'Mixed', label: 'White and Asian' },
  MOTH: { group: 'Mixed', label: 'Any other mixed background' },
  AIND: { group: 'Asian or Asian British', label: 'Indian' },
  APKN: { group: 'Asian or Asian British', label: 'Pakistani' },
  ABAN: { group: 'Asian or Asian British', label: 'Bangladeshi' },
  AOTH: { group: 'Asian or Asian British', label: 'Any other Asian background' },
  BCRB: { group: 'Black, African, Caribbean or Black British', label: 'Caribbean' },
  BAFR: { group: 'Black, African, Caribbean or Black British', label: 'African' },
  BOTH: { group: 'Black, African, Caribbean or Black British', label: 'Any other Black background' },
  CHNE: { group: 'Other ethnic groups', label: 'Chinese' },
  OOTH: { group: 'Other ethnic groups', label: 'Any other ethnic group' },
  REFU: { group: 'Refused or not yet obtained', label: 'Refused' },
  NOBT: { group: 'Refused or not yet obtained', label: 'Information not yet obtained' },
} as const;

export type EthnicityCode = keyof typeof ETHNICITY;
export const EthnicityCode = z.enum(Object.keys(ETHNICITY) as [EthnicityCode, ...EthnicityCode[]]);
export const ethnicGroupOf = (code: EthnicityCode): string => ETHNICITY[code].group;
