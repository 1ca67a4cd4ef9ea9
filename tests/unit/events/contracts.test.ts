import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidEventError } from '../../../events/catalog';
import { catalog } from '../../../events/contracts';
import { renderCatalogJsonSchema, renderCatalogMarkdown } from '../../../events/contracts/render';

const v1 = {
  childId: 'child-1',
  la: 'W06000015',
  dateOfBirth: '2014-02-01',
  sex: 'male',
  ethnicity: 'WBRI',
  unaccompaniedAsylumSeeking: false,
  placementInLaArea: true,
  socialWorkerRef: 'sw-1',
  iroRef: 'iro-1',
};

describe('ChildEnteredCare version 1 to the current version', () => {
  it('given an event stored at version 1, when read, then it gains the jurisdiction of its LA (and no names)', () => {
    expect(catalog.upcast('ChildEnteredCare', 1, v1)).toEqual({
      schemaVersion: 3,
      data: { ...v1, jurisdiction: 'wales' },
    });
    expect(catalog.upcast('ChildEnteredCare', 1, { ...v1, la: 'E08000035' }).data).toMatchObject({
      jurisdiction: 'england',
    });
  });

  it('given an event stored at version 2, when read, then it is the same facts at version 3', () => {
    const v2 = { ...v1, jurisdiction: 'wales' };
    expect(catalog.upcast('ChildEnteredCare', 2, v2)).toEqual({ schemaVersion: 3, data: v2 });
    // Version 2 had to say both; version 3 lets an import leave out what its source does not say.
    const { unaccompaniedAsylumSeeking: _, placementInLaArea: __, ...unsaid } = v2;
    expect(() => catalog.upcast('ChildEnteredCare', 2, unsaid)).toThrow(/placementInLaArea/);
    expect(catalog.parseForWrite('ChildEnteredCare', 3, unsaid)).toEqual(unsaid);
  });

  it('refuses to write version 1 now, and refuses a stored version 1 that breaks its own contract', () => {
    expect(() => catalog.parseForWrite('ChildEnteredCare', 1, v1)).toThrow(InvalidEventError);
    expect(() => catalog.upcast('ChildEnteredCare', 1, { ...v1, sex: 'unknown' })).toThrow(/sex/);
  });
});

describe('the events an import may leave facts out of', () => {
  it('reads placements and reviews of version 1 as they were, and lets version 2 leave out what is unknown', () => {
    for (const type of ['ChildPlacementChanged', 'ChildReEnteredCare']) {
      expect(catalog.upcast(type, 1, { placementInLaArea: false })).toEqual({
        schemaVersion: 2,
        data: { placementInLaArea: false },
      });
      expect(catalog.parseForWrite(type, 2, {})).toEqual({});
    }
    const review = { ivConsidered: true, outcome: 'iv-in-place' };
    expect(catalog.upcast('LookedAfterReviewHeld', 1, review)).toEqual({ schemaVersion: 3, data: review });
    expect(catalog.upcast('LookedAfterReviewHeld', 2, review)).toEqual({ schemaVersion: 3, data: review });
    expect(() => catalog.upcast('LookedAfterReviewHeld', 2, {})).toThrow(/ivConsidered/);
    expect(catalog.parseForWrite('LookedAfterReviewHeld', 3, {})).toEqual({});
    expect(() => catalog.parseForWrite('LookedAfterReviewHeld', 3, { ivConsidered: true })).toThrow(
      /or neither/,
    );
  });

  it('keeps the case system’s id of an imported child, and refuses one that could carry a name', () => {
    const imported = { source: 'ssda903', caseSystemId: 'A-1234/5' };
    expect(catalog.parseForWrite('ChildRecordImported', 1, imported)).toEqual(imported);
    expect(() =>
      catalog.parseForWrite('ChildRecordImported', 1, { ...imported, caseSystemId: 'Sam Smith' }),
    ).toThrow(/caseSystemId/);
  });
});

describe('the contracts', () => {
  it('refuse a DBS certificate number that is not 12 digits, and free text where a tag belongs', () => {
    const dbs = { level: 'enhanced', issuedOn: '2026-01-01', updateServiceSubscribed: false };
    expect(() => catalog.parseForWrite('DbsCheckRecorded', 1, { ...dbs, certificateNumber: '1234' })).toThrow(
      /certificateNumber/,
    );
    expect(() =>
      catalog.parseForWrite('ReferredToIvService', 2, {
        referralId: 'referral-1',
        needs: ['Sam likes trains'],
        interests: [],
        preferences: [],
        languages: [],
        availability: [],
      }),
    ).toThrow(/needs/);
  });
});

describe('the generated event catalog', () => {
  it('is up to date in docs/ (run `npm run catalog` after changing a contract)', () => {
    const docs = new URL('../../../docs/', import.meta.url);
    expect(readFileSync(new URL('event-catalog.md', docs), 'utf8')).toBe(renderCatalogMarkdown());
    expect(readFileSync(new URL('event-catalog.schema.json', docs), 'utf8')).toBe(renderCatalogJsonSchema());
  });

  it('documents every event type in the catalog, at every version', () => {
    const schema = JSON.parse(renderCatalogJsonSchema()) as { $defs: Record<string, unknown> };
    for (const definition of catalog.definitions()) {
      expect(renderCatalogMarkdown()).toContain(`### ${definition.type}`);
      expect(schema.$defs).toHaveProperty(`${definition.type}.v${definition.currentVersion}`);
    }
    expect(schema.$defs).toHaveProperty('ChildEnteredCare.v1');
  });
});
