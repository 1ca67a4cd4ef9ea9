import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { describe, expect, inject, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { PersonalDataKeyring } from '../../../adapters/crypto/keyring';
import { LocalKeyWrapper } from '../../../adapters/crypto/local-key-wrapper';
import { DynamoDataKeys } from '../../../adapters/dynamodb/data-keys';
import { DynamoEventStore } from '../../../adapters/dynamodb/event-store';
import { createWebHandler } from '../../../adapters/web/app';
import { verifyStream } from '../../../application/audit/verify';
import { PersonalDataNotWritable, PersonalDataUnreadable } from '../../../application/ports/personal-data';
import { childDecider, type EnterCare } from '../../../domain/child';
import { catalog } from '../../../events/contracts';
import { isSealed } from '../../../events/personal-fields';
import { childStreamId } from '../../../events/stream-id';
import { people, testApp } from '../../support/app';
import { auditReader, rawItem } from '../../support/audit';
import { runOnStream } from '../../support/commands';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { localClient, newCommand, testKeyring, testKeys, testStore } from '../../support/store';

/*
 * Each child's personal fields are sealed with their own data key before the event is hashed. A synthetic child
 * with made-up details; "Kemi Adeyemi" is a made-up name given in free text, where names can appear today.
 */
const client = localClient();
const store = testStore({ catalog });
const keysTable = () => inject('tables').personalDataKeys;
const LA = people.coordinator.la;
const NAME = 'Kemi Adeyemi';
const DOB = '2013-07-19';

async function childWithPersonalData() {
  const childId = ulid();
  const streamId = childStreamId(childId);
  const run = (command: Parameters<typeof childDecider.decide>[0], reason?: string) =>
    runOnStream({
      store,
      streamId,
      la: LA,
      decider: childDecider,
      command,
      context: { actor: people.coordinator, reason, now: () => new Date() },
      info: newCommand({ actor: people.coordinator, reason }),
    });
  const entered: EnterCare = {
    type: 'EnterCare',
    childId,
    la: LA,
    dateOfBirth: DOB,
    sex: 'female',
    ethnicity: 'BAFR',
    unaccompaniedAsylumSeeking: true,
    placementInLaArea: false,
    socialWorkerRef: 'social-worker-1',
    iroRef: 'iro-1',
  };
  await run(entered, `From ${NAME}'s referral form`);
  await run({ type: 'OfferIndependentVisitor' });
  await run({
    type: 'RecordChildDecision',
    decision: 'accepted',
    sufficientUnderstanding: true,
    childsWords: `My name is ${NAME} and I want someone who likes drawing`,
  });
  await run({
    type: 'ReferToIvService',
    needs: ['wheelchair-user'],
    interests: ['drawing'],
    preferences: [],
  });
  return { childId, streamId };
}

const problemOf = (response: { statusCode?: number; body?: string }) => ({
  status: response.statusCode,
  body: response.body ?? '',
});

describe("a child's personal data in the event store", () => {
  it('is sealed before hashing, read back opened, and the chain verifies on the sealed form', async () => {
    const { streamId } = await childWithPersonalData();
    const items = await Promise.all([1, 2, 3, 4].map((v) => rawItem(streamId, v)));
    const raw = JSON.stringify(items);
    for (const plain of [NAME, DOB, 'drawing, like', 'wheelchair-user', 'BAFR'])
      expect(raw).not.toContain(plain);
    const entered = items[0] as { data: Record<string, unknown>; metadata: { reason: string } };
    expect(isSealed(entered.data.dateOfBirth)).toBe(true);
    expect(isSealed(entered.data.ethnicity)).toBe(true);
    expect(isSealed(entered.metadata.reason)).toBe(true);
    // Not personal: left as they are, for the reports.
    expect(entered.data).toMatchObject({
      sex: 'female',
      unaccompaniedAsylumSeeking: true,
      placementInLaArea: false,
    });

    const read = await store.read(streamId);
    expect(read[0]).toMatchObject({
      data: { dateOfBirth: DOB, ethnicity: 'BAFR' },
      metadata: { reason: `From ${NAME}'s referral form` },
    });
    expect(read[2]!.data).toMatchObject({ childsWords: expect.stringContaining(NAME) });
    expect(read[3]!.data).toMatchObject({ needs: ['wheelchair-user'], interests: ['drawing'] });
    expect(await verifyStream(auditReader(), streamId)).toMatchObject({ intact: true, events: 4 });
  });

  it('makes many people’s keys at once for a bulk load, keeping the key of anyone who has one', async () => {
    const existing = await childWithPersonalData();
    const keys = new DynamoDataKeys(client, keysTable());
    const before = (await keys.get(existing.streamId)) as { keyId: string };
    const fresh = [childStreamId(ulid()), childStreamId(ulid())];
    // In one transaction with the existing key, which is refused, so each is then made on its own.
    const sealers = await testKeyring({ catalog }).sealersFor(
      [existing.streamId, ...fresh].map((streamId) => ({ streamId })),
    );
    expect(sealers).toHaveLength(3);
    expect(((await keys.get(existing.streamId)) as { keyId: string }).keyId).toBe(before.keyId);
    const made = await Promise.all(fresh.map(async (id) => (await keys.get(id)) as { keyId: string }));
    expect(made.every((k) => k?.keyId)).toBe(true);
    // The existing record still opens, with the key it always had.
    expect((await testStore({ catalog }).read(existing.streamId))[0]!.data).toMatchObject({
      dateOfBirth: DOB,
    });
    // Asked again, nothing is made twice.
    await testKeyring({ catalog }).sealersFor(fresh.map((streamId) => ({ streamId })));
    expect(
      await Promise.all(fresh.map(async (id) => ((await keys.get(id)) as { keyId: string }).keyId)),
    ).toEqual(made.map((k) => k.keyId));
  });

  it('is a clear error when the key is missing, is the wrong one, or cannot be unwrapped; never a crash', async () => {
    const problem = async (streamId: string, reader = store) => {
      try {
        await reader.read(streamId);
        return 'read';
      } catch (error) {
        return error instanceof PersonalDataUnreadable ? error.problem : String(error);
      }
    };
    const missing = await childWithPersonalData();
    await client.send(
      new DeleteItemCommand({ TableName: keysTable(), Key: marshall({ subject: missing.streamId }) }),
    );
    expect(await problem(missing.streamId, testStore({ catalog }))).toBe('missing-key');

    const wrong = await childWithPersonalData();
    const keys = new DynamoDataKeys(client, keysTable());
    const stored = (await keys.get(wrong.streamId)) as { keyId: string };
    // Another key under the same id, as a restore of the wrong backup would leave it.
    const other = await testKeys().generate(wrong.streamId);
    await client.send(
      new PutItemCommand({
        TableName: keysTable(),
        Item: marshall({
          subject: wrong.streamId,
          keyId: stored.keyId,
          keeper: 'local',
          wrappedKey: other.wrapped,
          createdAt: new Date().toISOString(),
        }),
      }),
    );
    expect(await problem(wrong.streamId, testStore({ catalog }))).toBe('wrong-key');

    const otherKek = await childWithPersonalData();
    const elsewhere = new DynamoEventStore({
      client,
      tables: inject('tables'),
      catalog,
      personalData: new PersonalDataKeyring({ keys, wrapper: LocalKeyWrapper.ephemeral(), catalog }),
    });
    expect(await problem(otherKek.streamId, elsewhere)).toBe('key-not-unwrapped');
  });

  it('shows staff what is wrong and how to get it put right, with nothing of the record, in the API and the pages', async () => {
    const { childId, streamId } = await childWithPersonalData();
    await client.send(
      new DeleteItemCommand({ TableName: keysTable(), Key: marshall({ subject: streamId }) }),
    );
    const app = testApp();
    const auth = { localSessionSecret: TEST_SECRET };
    const api = problemOf(
      await createApiHandler(
        app,
        auth,
      )(apiEvent('GET', `/api/children/${childId}`, { as: people.coordinator })),
    );
    const page = problemOf(
      await createWebHandler(app, auth)(apiEvent('GET', `/children/${childId}`, { as: people.coordinator })),
    );
    for (const response of [api, page]) {
      expect(response.status).toBe(500);
      expect(response.body).toContain('personal details cannot be read');
      expect(response.body).toContain('no data key is held for this person');
      expect(response.body).toContain('Tell your system administrator');
      for (const shown of ['pd1.', NAME, DOB]) expect(response.body).not.toContain(shown);
    }
    expect(JSON.parse(api.body)).toMatchObject({ title: 'This record’s personal details cannot be read' });
  });

  it('cannot be read or written by a store without keys (the notifier’s)', async () => {
    const { streamId } = await childWithPersonalData();
    const keyless = new DynamoEventStore({ client, tables: inject('tables'), catalog });
    await expect(keyless.read(streamId)).rejects.toMatchObject({ problem: 'not-permitted' });
    await expect(
      keyless.append(
        childStreamId(ulid()),
        LA,
        0,
        [{ type: 'ChildToldOfEntitlement', data: {} }],
        newCommand({ reason: 'x' }),
      ),
    ).rejects.toBeInstanceOf(PersonalDataNotWritable);
  });
});
