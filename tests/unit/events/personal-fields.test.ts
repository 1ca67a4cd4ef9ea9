import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { catalog } from '../../../events/contracts';
import { personal } from '../../../events/contracts/personal';
import {
  ERASED,
  mapPersonal,
  personalFieldsOf,
  tolerantOfWithheld,
  withoutErased,
} from '../../../events/personal-fields';

describe('personal fields, as the contracts declare them', () => {
  it('are exactly the fields marked personal today, at every version (no shared schema marked by mistake)', () => {
    const declared = catalog
      .definitions()
      .flatMap((d) =>
        [d.currentVersion, ...d.previous.map((p) => p.schemaVersion)].flatMap((v) =>
          catalog
            .personalFields(d.type, v)
            .map((f) => `${d.type}.v${v}: ${f.path.join('.')} (${f.category})`),
        ),
      );
    expect(declared.sort()).toEqual(
      [
        'ChildEnteredCare.v1: dateOfBirth (identity)',
        'ChildEnteredCare.v1: ethnicity (special-category)',
        'ChildEnteredCare.v2: dateOfBirth (identity)',
        'ChildEnteredCare.v2: ethnicity (special-category)',
        'ChildDecisionRecorded.v1: childsWords (free-text)',
        'ChildDecisionRecorded.v2: childsWords (free-text)',
        'ChildWishesAndFeelingsRecorded.v1: childsWords (free-text)',
        'LookedAfterReviewHeld.v2: notInInterestsReason (free-text)',
        'LookedAfterReviewHeld.v3: notInInterestsReason (free-text)',
        'ChildRecordImported.v1: caseSystemId (identity)',
        'VisitRecorded.v2: activities (free-text)',
        'SafeguardingConcernRaised.v1: summary (free-text)',
        'SafeguardingConcernOutcomeRecorded.v1: note (free-text)',
        'VisitRecorded.v2: childsWords (free-text)',
        'MatchReviewed.v2: childsView.words (free-text)',
        'MatchReviewed.v2: visitorsView.words (free-text)',
        'MatchReviewed.v2: carersView.words (free-text)',
        'ReferredToIvService.v1: needs (special-category)',
        'ReferredToIvService.v1: preferences (special-category)',
        'ChildObjectedToContinuing.v1: childsWords (free-text)',
        'ChildObjectedToContinuing.v2: childsWords (free-text)',
        'ChildDetailsCorrected.v1: changes.dateOfBirth (identity)',
        'ChildDetailsCorrected.v1: changes.ethnicity (special-category)',
        'ChildDetailsCorrected.v2: changes.caseSystemId (identity)',
        'ChildDetailsCorrected.v2: changes.dateOfBirth (identity)',
        'ChildDetailsCorrected.v2: changes.ethnicity (special-category)',
        'ChildDetailsCorrected.v2: changes.firstNames (identity)',
        'ChildDetailsCorrected.v2: changes.lastName (identity)',
        'ChildDetailsCorrected.v2: changes.placementArea (contact)',
        'ChildDetailsCorrected.v2: changes.preferredName (identity)',
        'ChildEnteredCare.v3: caseSystemId (identity)',
        'ChildEnteredCare.v3: dateOfBirth (identity)',
        'ChildEnteredCare.v3: ethnicity (special-category)',
        'ChildEnteredCare.v3: firstNames (identity)',
        'ChildEnteredCare.v3: lastName (identity)',
        'ChildEnteredCare.v3: placementArea (contact)',
        'ChildEnteredCare.v3: preferredName (identity)',
        'ChildPlacementChanged.v2: placementArea (contact)',
        'ChildReEnteredCare.v2: placementArea (contact)',
        'EntryRecordedInError.v1: explanation (free-text)',
        'ExpenseClaimRejected.v1: reason (free-text)',
        'ExpenseClaimed.v1: description (free-text)',
        'ReferredToIvService.v2: needs (special-category)',
        'ReferredToIvService.v2: preferences (special-category)',
        'VolunteerApplied.v2: email (contact)',
        'VolunteerApplied.v2: name (identity)',
        'VolunteerApplied.v2: phone (contact)',
        'VolunteerApplied.v2: travelAreas.* (contact)',
        'VolunteerDetailsChanged.v1: changes.email (contact)',
        'VolunteerDetailsChanged.v1: changes.name (identity)',
        'VolunteerDetailsChanged.v1: changes.phone (contact)',
        'VolunteerDetailsChanged.v1: changes.travelAreas.* (contact)',
        'DbsCheckRecorded.v1: certificateNumber (identity)',
        'DbsCheckRenewed.v1: certificateNumber (identity)',
      ].sort(),
    );
  });

  it('are found through optional and nullable wrappers, nested objects and lists', () => {
    const schema = z.object({
      name: personal(z.string(), 'identity'),
      email: personal(z.string(), 'contact').optional(),
      carer: z.object({ phone: personal(z.string(), 'contact', { thirdParty: true }).nullable() }),
      contacts: z.array(z.object({ name: personal(z.string(), 'identity') })),
      count: z.number(),
    });
    expect(personalFieldsOf(schema)).toEqual([
      { path: ['name'], category: 'identity' },
      { path: ['email'], category: 'contact' },
      { path: ['carer', 'phone'], category: 'contact', thirdParty: true },
      { path: ['contacts', '*', 'name'], category: 'identity' },
    ]);
    const data = {
      name: 'Ada',
      carer: { phone: null },
      contacts: [{ name: 'Bo' }, { name: 'Cy' }],
      count: 2,
    };
    expect(mapPersonal(data, personalFieldsOf(schema), (v) => `<${String(v)}>`)).toEqual({
      name: '<Ada>',
      carer: { phone: null },
      contacts: [{ name: '<Bo>' }, { name: '<Cy>' }],
      count: 2,
    });
  });

  it('read as ERASED once erased, every other field still validated, and refinements kept', () => {
    const corrected = catalog.definitions().find((d) => d.type === 'ChildDetailsCorrected')!.schema;
    const reader = tolerantOfWithheld(corrected);
    const erased = { correctsVersion: 1, correctsType: 'ChildEnteredCare', changes: { dateOfBirth: ERASED } };
    expect(reader.safeParse(erased).success).toBe(true);
    expect(corrected.safeParse(erased).success).toBe(false);
    expect(reader.safeParse({ ...erased, correctsVersion: 0 }).success).toBe(false);
    expect(reader.safeParse({ ...erased, changes: { sex: ERASED } }).success).toBe(false);
    expect(reader.safeParse({ ...erased, changes: {} }).success).toBe(false);
    expect(catalog.upcast('ChildEnteredCare', 1, { ...enteredV1, dateOfBirth: ERASED })).toMatchObject({
      schemaVersion: 3,
      data: { dateOfBirth: ERASED, jurisdiction: 'england' },
    });
  });

  it('leave read models without any erased value, however deep', () => {
    expect(
      withoutErased({ a: ERASED, b: 'kept', c: { d: ERASED, e: [ERASED, 'x'] }, f: [{ g: ERASED, h: 1 }] }),
    ).toEqual({ b: 'kept', c: { e: ['x'] }, f: [{ h: 1 }] });
  });
});

const enteredV1 = {
  childId: 'child-1',
  la: 'E08000035',
  dateOfBirth: '2015-06-01',
  sex: 'female',
  ethnicity: 'WBRI',
  unaccompaniedAsylumSeeking: false,
  placementInLaArea: true,
  socialWorkerRef: 'sw-1',
  iroRef: 'iro-1',
};
