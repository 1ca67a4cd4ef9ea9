import type * as z from 'zod';
import type { LeftCareReason } from '../../../events/contracts/child';
import { ETHNICITY, type EthnicityCode } from '../../../events/contracts/ethnicity';

/**
 * The DfE's code lists for the SSDA903 return (children looked after), in one place, with the value each becomes in
 * this system. They follow the DfE's "Children looked after return 2025 to 2026: guide", as the open-source 903
 * validator carries them (data-to-insight/csc-validator-be-903 v0.1.14, its rules for 2022-23 to 2025-26). Codes
 * the DfE has since retired are still accepted, since an older episode in an extract keeps its code; each says
 * the first year whose list leaves it out. Check them against the guide of each new year.
 */
export const DFE_GUIDE = {
  title: 'Children looked after return 2025 to 2026: guide',
  publisher: 'Department for Education',
  year: '2025 to 2026',
  checkedAgainst: 'data-to-insight/csc-validator-be-903 v0.1.14 (rules for 2022-23 to 2025-26)',
} as const;

export interface Code<V = undefined> {
  label: string;
  /** What the code becomes here, where it becomes anything. */
  value: V;
  /** For a code the DfE has retired: the first collection year whose list (as the validator has it) leaves it out. */
  notListedFrom?: string;
}

const codes = <V>(entries: Record<string, [label: string, value: V, notListedFrom?: string]>) =>
  Object.fromEntries(
    Object.entries(entries).map(([code, [label, value, notListedFrom]]) => [
      code,
      { label, value, ...(notListedFrom ? { notListedFrom } : {}) },
    ]),
  ) as Record<string, Code<V>>;

/** SEX: 1 and 2 until 2023-24; M, F and U from 2024-25. The record knows male and female only, so U is refused. */
export const SEX = codes<'male' | 'female' | undefined>({
  '1': ['Male', 'male', '2024 to 2025'],
  '2': ['Female', 'female', '2024 to 2025'],
  M: ['Male', 'male'],
  F: ['Female', 'female'],
  U: ['Not known', undefined],
});

/** ETHNIC: the record keeps the DfE's code itself; the list is the event contract's (events/contracts/ethnicity.ts). */
export const ETHNIC: Record<string, Code<EthnicityCode>> = Object.fromEntries(
  Object.entries(ETHNICITY).map(([code, e]) => [code, { label: e.label, value: code as EthnicityCode }]),
);

/** LS, legal status: shown in the preview; the record does not keep it. */
export const LS = codes<undefined>({
  C1: ['Interim care order', undefined],
  C2: ['Full care order', undefined],
  D1: ['Freeing order granted', undefined],
  E1: ['Placement order granted', undefined],
  V2: ['Single period of accommodation under section 20', undefined],
  V3: ['Agreed series of short-term breaks, each episode recorded', undefined],
  V4: ['Agreed series of short-term breaks, agreements recorded', undefined],
  L1: ['Under police protection, in local authority accommodation', undefined],
  L2: ['Emergency protection order', undefined],
  L3: ['Under a child assessment order, in local authority accommodation', undefined],
  J1: ['Remanded to local authority or youth detention accommodation', undefined],
  J2: ['Placed in local authority accommodation under PACE', undefined],
  J3: ['Youth rehabilitation order with a residence or intensive fostering requirement', undefined],
});

/** RNE, reason for a new episode: the value says whether the placement changed with it. */
export const RNE = codes<'started' | 'placement' | 'legal-status'>({
  S: ['Started to be looked after', 'started'],
  L: ['Change of legal status only', 'legal-status'],
  P: ['Change of placement and carer', 'placement'],
  T: ['Change of placement, same carer', 'placement'],
  U: ['Change of legal status and of placement, same carer', 'placement'],
  B: ['Change of legal status and of placement and carer', 'placement'],
});

/** PLACE, placement type: shown in the preview; the record keeps only whether the placement is in area. */
export const PLACE = codes<undefined>({
  A3: ['Placed for adoption with consent, with current foster carers', undefined],
  A4: ['Placed for adoption with consent, not with current foster carers', undefined],
  A5: ['Placed for adoption under a placement order, with current foster carers', undefined],
  A6: ['Placed for adoption under a placement order, not with current foster carers', undefined],
  H5: ['Semi-independent living accommodation', undefined, '2025 to 2026'],
  K1: ['Secure children’s home', undefined],
  K2: ['Children’s home', undefined],
  K3: ['Supported accommodation', undefined],
  P1: ['Placed with parents or others with parental responsibility', undefined],
  P2: ['Independent living', undefined, '2025 to 2026'],
  P3: ['Residential employment', undefined],
  R1: ['Residential care home', undefined],
  R2: ['NHS or health trust establishment providing medical or nursing care', undefined],
  R3: ['Family centre or mother and baby unit', undefined],
  R5: ['Young offender institution', undefined],
  S1: ['Residential school', undefined],
  T0: ['Temporary move', undefined],
  T1: ['Temporary period in hospital', undefined],
  T2: ['Temporary absence on holiday', undefined],
  T3: ['Temporary accommodation while the usual foster carers are on holiday', undefined],
  T4: ['Temporary accommodation of seven days or less', undefined],
  U1: ['Foster placement with relatives or friends, long term', undefined],
  U2: ['Foster placement with relatives or friends who are approved adopters', undefined],
  U3: ['Foster placement with relatives or friends, other', undefined],
  U4: ['Foster placement with other foster carers, long term', undefined],
  U5: ['Foster placement with other foster carers who are approved adopters', undefined],
  U6: ['Foster placement with other foster carers, other', undefined],
  Z1: ['Other placement', undefined, '2025 to 2026'],
  // The guide for 2025 to 2026 splits Z1 into four; their wording is the guide's, not repeated here.
  Z11: ['Other placement (Z11)', undefined],
  Z12: ['Other placement (Z12)', undefined],
  Z13: ['Other placement (Z13)', undefined],
  Z14: ['Other placement (Z14)', undefined],
});

type Reason = z.infer<typeof LeftCareReason>;

/** REC, reason an episode ceased: X1 continues the period of care; every other code ends it, for this reason. */
export const REC = codes<Reason | 'continues'>({
  X1: ['Episode ceased and a new one began the same day', 'continues'],
  E11: ['Adopted: application unopposed', 'adopted'],
  E12: ['Adopted: consent dispensed with by the court', 'adopted'],
  E2: ['Died', 'died'],
  E3: ['Care taken over by another local authority', 'transferred-to-another-la'],
  E4A: ['Returned home to parents or others with parental responsibility, as planned', 'returned-home'],
  E4B: ['Returned home to parents or others with parental responsibility, not as planned', 'returned-home'],
  E13: ['Left care to live with parents, relatives or others without parental responsibility', 'other'],
  E41: ['Residence order or child arrangements order granted', 'child-arrangements-order'],
  E43: ['Special guardianship order to former foster carers', 'special-guardianship-order', '2022 to 2023'],
  E44: ['Special guardianship order to other carers', 'special-guardianship-order', '2022 to 2023'],
  E45: [
    'Special guardianship order to former foster carers who are relatives or friends',
    'special-guardianship-order',
  ],
  E46: ['Special guardianship order to other former foster carers', 'special-guardianship-order'],
  E47: [
    'Special guardianship order to other carers who are relatives or friends',
    'special-guardianship-order',
  ],
  E48: ['Special guardianship order to other carers', 'special-guardianship-order'],
  E5: ['Moved to independent living with formal support', 'moved-to-independent-living'],
  E6: ['Moved to independent living without formal support', 'moved-to-independent-living'],
  E7: ['Transferred to residential care funded by adult social care', 'other'],
  E8: ['Left care for any other reason', 'other'],
  E9: ['Sentenced to custody', 'other'],
  E14: ['Accommodation on remand ended', 'other'],
  E15: ['Age assessment found the young person to be 18 or over', 'other'],
  E16: ['Moved abroad', 'other'],
  E17: ['Aged 18 or over and stayed with current carers', 'reached-18'],
});

/** REVIEW_CODE: how the child took part in the review. Checked, not kept: it is not about the IV question. */
export const REVIEW_CODE = codes<undefined>({
  PN0: ['Child aged under 4 at the time of the review', undefined],
  PN1: ['Attended and spoke for themselves', undefined],
  PN2: ['Attended, and an advocate spoke for them', undefined],
  PN3: ['Attended and conveyed their views without words', undefined],
  PN4: ['Attended but did not convey their views', undefined],
  PN5: ['Did not attend, but briefed an advocate', undefined],
  PN6: ['Did not attend, but conveyed their feelings another way', undefined],
  PN7: ['Did not attend, and their views were not conveyed', undefined],
});

/** The REC code an extract uses for each of this system's reasons for leaving care (for the synthetic extract). */
export const REC_FOR_REASON: Record<Reason, string> = {
  'reached-18': 'E17',
  'returned-home': 'E4A',
  adopted: 'E11',
  'special-guardianship-order': 'E45',
  'child-arrangements-order': 'E41',
  'moved-to-independent-living': 'E5',
  'transferred-to-another-la': 'E3',
  died: 'E2',
  other: 'E8',
};
