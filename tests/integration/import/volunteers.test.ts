import { describe, expect, it } from 'vitest';
import { reasonText } from '../../../adapters/web/i18n/volunteer-import';
import {
  ImportChanged,
  importedVolunteerId,
  previewVolunteerImport,
  runVolunteerImport,
  volunteerImportBy,
} from '../../../application/import';
import { foldRecord, typedEvents, VOLUNTEER } from '../../../application/records';
import { addDays, londonDateOf } from '../../../domain/calendar';
import type { VolunteerEvent } from '../../../events/contracts/volunteer';
import { volunteerStreamId } from '../../../events/stream-id';
import { isolatedApp } from '../../support/app';
import { coordinatorOf, newLa } from '../../support/ssda903';
import { alex, sam, uniqueRef, type VolunteerValues, volunteersFile } from '../../support/volunteers-csv';

// Tables of its own: each test imports into a local authority of its own.
const { app } = await isolatedApp(`volunteer-imports${Date.now()}`);

const streamOf = async (la: string, ref: string) =>
  typedEvents<VolunteerEvent>(
    VOLUNTEER,
    await app.store.read(volunteerStreamId(importedVolunteerId(la, ref))),
  );
const stateOf = async (la: string, ref: string) =>
  foldRecord(VOLUNTEER, app.policies, await app.store.read(volunteerStreamId(importedVolunteerId(la, ref))));
const requestOf = (la: string, rows: readonly VolunteerValues[]) =>
  volunteerImportBy(coordinatorOf(la), volunteersFile(rows));
/** Preview, then confirm what the preview showed. */
async function imported(la: string, rows: readonly VolunteerValues[]) {
  const request = requestOf(la, rows);
  const preview = await previewVolunteerImport(app, request);
  const result = await runVolunteerImport(app, request, { planDigest: preview.planDigest });
  return { preview, result };
}
const dmy = (date: string) => date.split('-').reverse().join('/');

describe('importing volunteers from a spreadsheet', () => {
  it('previews without writing, then writes backdated events through the volunteer decider, with the importer, the reason and the file’s hash', async () => {
    const la = newLa();
    const [a, s] = [uniqueRef(), uniqueRef()];
    const request = requestOf(la, [alex(a), sam(s)]);
    const preview = await previewVolunteerImport(app, request);
    expect(preview.fileProblems).toEqual([]);
    expect(preview.refusals).toEqual([]);
    expect(preview.totals).toMatchObject({ volunteers: 2, new: 2, facts: 7, conflicts: 0 });
    expect(preview.volunteers[0]!.facts.map((f) => [f.kind, f.on])).toEqual([
      ['applied', '2026-01-05'],
      ['dbs', '2026-01-12'],
      ['reference', '2026-01-19'],
      ['reference', '2026-01-26'],
      ['training', '2026-02-02'],
      ['training', '2026-02-09'],
    ]);
    // Nothing is written until the import is confirmed.
    expect(await streamOf(la, a)).toEqual([]);

    const result = await runVolunteerImport(app, request, { planDigest: preview.planDigest });
    expect(result.failed).toEqual([]);
    expect(result.written).toEqual({ volunteers: 2, events: 7 });
    const events = await streamOf(la, a);
    expect(events.map((e) => e.type)).toEqual([
      'VolunteerApplied',
      'DbsCheckRecorded',
      'VolunteerReferenceReceived',
      'VolunteerReferenceReceived',
      'VolunteerTrainingCompleted',
      'VolunteerTrainingCompleted',
    ]);
    for (const event of events)
      expect(event.metadata).toMatchObject({
        actor: { id: `coordinator-${la}`, role: 'coordinator', la },
        reason: `Imported from the volunteers spreadsheet (SHA-256 ${preview.sha256.slice(0, 12)}…)`,
        correlationId: `volunteers:${preview.sha256}`,
      });
    // Known by its date: the start of that day in London.
    expect(events.map((e) => e.metadata.occurredAt.slice(0, 10))).toEqual([
      '2026-01-05',
      '2026-01-12',
      '2026-01-19',
      '2026-01-26',
      '2026-02-02',
      '2026-02-09',
    ]);
    const state = await stateOf(la, a);
    expect(state).toMatchObject({
      status: 'applied',
      la,
      profile: { name: 'Alex Example', email: 'alex.example@example.com', phone: '07700 900123' },
      dbs: {
        level: 'enhanced-with-childrens-barred-list',
        certificateNumber: '001234567890',
        issuedOn: '2026-01-12',
        updateServiceSubscribed: true,
      },
      references: [
        { referenceId: 'import-reference-1', satisfactory: true },
        { referenceId: 'import-reference-2', satisfactory: true },
      ],
      trainingCompleted: ['iv-induction', 'safeguarding-children'],
    });
    expect((await stateOf(la, s)).profile).toEqual({ name: 'Sam Sample' });
  });

  it('writes nothing when the same file is imported again', async () => {
    const la = newLa();
    const rows = [alex(uniqueRef()), sam(uniqueRef())];
    await imported(la, rows);
    const { preview, result } = await imported(la, rows);
    expect(preview.totals).toMatchObject({ unchanged: 2, facts: 0, conflicts: 0 });
    expect(result.written).toEqual({ volunteers: 0, events: 0 });
  });

  it('appends what is new, and lists a changed past for a person to resolve without rewriting it', async () => {
    const la = newLa();
    const ref = uniqueRef();
    await imported(la, [alex(ref)]);
    const before = await streamOf(la, ref);
    const { preview, result } = await imported(la, [
      {
        ...alex(ref),
        APPLIED: '06/01/2026',
        EMAIL: 'alex.new@example.com',
        REFERENCE_1_RECEIVED: '20/01/2026',
        TRAINING_1_COMPLETED: '03/02/2026',
        TRAINING_3_COURSE: 'online-safety',
        TRAINING_3_COMPLETED: '16/02/2026',
      },
    ]);
    const volunteer = preview.volunteers[0]!;
    expect(volunteer.outcome).toBe('additions');
    expect(volunteer.facts.map((f) => [f.kind, f.course, f.on])).toEqual([
      ['training', 'online-safety', '2026-02-16'],
    ]);
    expect(volunteer.conflicts.map((c) => [c.source?.field, reasonText(c.reason)])).toEqual([
      [
        'APPLIED',
        'The file says the volunteer applied on 6 January 2026; the record says 5 January 2026. Nothing was changed: check which is right.',
      ],
      [
        'EMAIL',
        'The file gives another email address from the one on record. Nothing was changed: change the volunteer’s details if the file is right.',
      ],
      [
        'REFERENCE_1_RECEIVED',
        'The file says this reference was received on 20 January 2026; the record says 19 January 2026. Nothing was changed: check which is right.',
      ],
      [
        'TRAINING_1_COMPLETED',
        'The file says Independent Visitor induction was completed on 3 February 2026; the record has it on 2 February 2026. Nothing was changed: if both are right, record the course again by hand.',
      ],
    ]);
    expect(result.written).toEqual({ volunteers: 1, events: 1 });
    const after = await streamOf(la, ref);
    // The past is as it was; only the new course is appended.
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((e) => [e.type, e.data])).toEqual([
      ['VolunteerTrainingCompleted', { course: 'online-safety' }],
    ]);
  });

  it('adds contact details the record lacks, as of the import', async () => {
    const la = newLa();
    const ref = uniqueRef();
    await imported(la, [sam(ref)]);
    const { preview, result } = await imported(la, [{ ...sam(ref), PHONE: '07700 900456' }]);
    expect(preview.volunteers[0]!.facts.map((f) => [f.kind, f.on])).toEqual([
      ['phone', londonDateOf(new Date())],
    ]);
    expect(preview.volunteers[0]!.conflicts).toEqual([]);
    expect(result.written).toEqual({ volunteers: 1, events: 1 });
    expect((await stateOf(la, ref)).profile).toEqual({ name: 'Sam Sample', phone: '07700 900456' });
    const changed = (await streamOf(la, ref)).at(-1)!;
    expect(changed.type).toBe('VolunteerDetailsChanged');
    // Not backdated: the file does not say since when.
    expect(changed.metadata.occurredAt).toBe(changed.metadata.recordedAt);
  });

  it('renews a DBS check from a newer certificate, and lists an older one as a difference', async () => {
    const la = newLa();
    const ref = uniqueRef();
    await imported(la, [alex(ref)]);
    const newer = await imported(la, [
      { ...alex(ref), DBS_CERTIFICATE: '001234567891', DBS_ISSUED: '01/06/2026' },
    ]);
    expect(newer.result.written).toEqual({ volunteers: 1, events: 1 });
    expect((await streamOf(la, ref)).at(-1)!.type).toBe('DbsCheckRenewed');
    const older = await previewVolunteerImport(
      app,
      requestOf(la, [{ ...alex(ref), DBS_CERTIFICATE: '001234567899', DBS_ISSUED: '02/01/2026' }]),
    );
    expect(older.volunteers[0]!.conflicts.map((c) => reasonText(c.reason))).toEqual([
      'The file’s DBS certificate, issued on 2 January 2026, is not newer than the one on record, issued on 1 June 2026. Nothing was changed: check which is right.',
    ]);
  });

  it('records a certificate issued before the volunteer applied as of the application, and refuses one that had lapsed then', async () => {
    const la = newLa();
    const [onUpdateService, lapsed] = [uniqueRef(), uniqueRef()];
    const { preview, result } = await imported(la, [
      { ...alex(onUpdateService), DBS_ISSUED: '12/01/2020' },
      {
        ...alex(lapsed),
        DBS_CERTIFICATE: '001234567891',
        DBS_ISSUED: '12/01/2020',
        DBS_UPDATE_SERVICE: 'no',
      },
    ]);
    expect(preview.refusals.map((r) => [r.volunteer, r.field, reasonText(r.reason)])).toEqual([
      [
        lapsed,
        'DBS_ISSUED',
        'The DBS certificate issued on 12 January 2020 no longer stood under your local authority’s policy when the volunteer applied, and they are not on the Update Service: give a newer check.',
      ],
    ]);
    expect(result.written.volunteers).toBe(1);
    const dbs = (await streamOf(la, onUpdateService)).find((e) => e.type === 'DbsCheckRecorded')!;
    expect(dbs.metadata.occurredAt.slice(0, 10)).toBe('2026-01-05');
    expect(dbs.data).toMatchObject({ issuedOn: '2020-01-12', updateServiceSubscribed: true });
    expect(await streamOf(la, lapsed)).toEqual([]);
  });

  it('refuses, through the domain, a date in the future and one before the volunteer applied, writing nothing for them', async () => {
    const la = newLa();
    const tomorrow = dmy(addDays(londonDateOf(new Date()), 1));
    const [future, early, fine] = [uniqueRef(), uniqueRef(), uniqueRef()];
    const { preview, result } = await imported(la, [
      { ...sam(future), TRAINING_1_COURSE: 'iv-induction', TRAINING_1_COMPLETED: tomorrow },
      { ...sam(early), REFERENCE_1_RECEIVED: '01/01/2025', REFERENCE_1_SATISFACTORY: 'yes' },
      { ...sam(fine), APPLIED: tomorrow },
    ]);
    expect(preview.refusals.map((r) => [r.row, r.field, reasonText(r.reason)])).toEqual([
      [2, 'TRAINING_1_COMPLETED', 'TRAINING_1_COMPLETED is in the future. Import it once it has happened.'],
      [
        3,
        'REFERENCE_1_RECEIVED',
        'REFERENCE_1_RECEIVED is before the date the volunteer applied (APPLIED). Check both dates.',
      ],
      [4, 'APPLIED', 'APPLIED is in the future. Import it once it has happened.'],
    ]);
    expect(preview.totals).toMatchObject({ volunteers: 3, refused: 3 });
    expect(result.written).toEqual({ volunteers: 0, events: 0 });
    for (const ref of [future, early, fine]) expect(await streamOf(la, ref)).toEqual([]);
  });

  it('writes nothing when the confirmation no longer matches the preview, or the file cannot be read', async () => {
    const la = newLa();
    const ref = uniqueRef();
    const request = requestOf(la, [sam(ref)]);
    const preview = await previewVolunteerImport(app, request);
    await expect(
      runVolunteerImport(app, requestOf(la, [alex(ref)]), { planDigest: preview.planDigest }),
    ).rejects.toBeInstanceOf(ImportChanged);
    expect(await streamOf(la, ref)).toEqual([]);

    const badColumns = volunteerImportBy(
      coordinatorOf(la),
      volunteersFile([sam(ref)], ['VOLUNTEER_REF', 'NAME']),
    );
    const refused = await runVolunteerImport(app, badColumns);
    expect(refused.preview.fileProblems.map((p) => p.reason.key)).toEqual([
      'missingColumns',
      'unknownColumns',
    ]);
    expect(refused.written).toEqual({ volunteers: 0, events: 0 });
    expect(await streamOf(la, ref)).toEqual([]);
  });
});
