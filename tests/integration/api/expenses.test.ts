import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { issueSessionToken } from '../../../adapters/http/session';
import { createWebHandler } from '../../../adapters/web/app';
import { sessionPages } from '../../../adapters/web/routes/session';
import type { Principal } from '../../../application/access';
import type { App } from '../../../application/app';
import { RECEIPT_MAX_BYTES } from '../../../application/volunteers/receipts';
import { londonDateOf } from '../../../domain/calendar';
import { PERSONAS } from '../../../infra/local/personas';
import { isolatedApp, people, TEST_RECEIPT_FOLDER } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { pageEvent } from '../../support/http-world';
import { JPEG, PDF, PNG, receipt, withMultipart } from '../../support/multipart';
import { visitorWorld } from '../../support/visitors';

let app: App;
let api: ReturnType<typeof createApiHandler>;
let web: ReturnType<typeof createWebHandler>;
let world: ReturnType<typeof visitorWorld>;
beforeAll(async () => {
  ({ app } = await isolatedApp(`x${ulid().toLowerCase()}-`));
  api = createApiHandler(app, { localSessionSecret: TEST_SECRET });
  web = createWebHandler(
    app,
    { localSessionSecret: TEST_SECRET },
    sessionPages({ localSessionSecret: TEST_SECRET }, PERSONAS),
  );
  world = visitorWorld(api);
});

const today = () => londonDateOf(new Date());
const claimFields = (overrides: Record<string, string> = {}) => ({
  amount: '12.50',
  category: 'travel',
  spentOn: today(),
  description: 'Bus fares to the park and back',
  ...overrides,
});
const claim = (as: Principal, fields = claimFields(), files = [receipt(JPEG)]) =>
  api(withMultipart(apiEvent('POST', '/api/my/expenses', { as }), fields, files));
const json = (r: { body?: string }) => JSON.parse(r.body || '{}');
const myClaims = async (as: Principal) => json(await api(apiEvent('GET', '/api/my/expenses', { as }))).claims;
const receiptsOf = (volunteerId: string) => {
  const folder = join(TEST_RECEIPT_FOLDER, 'receipts', volunteerId);
  return existsSync(folder) ? readdirSync(folder) : [];
};
const versionOf = async (volunteerId: string) => (await app.store.read(`volunteer#${volunteerId}`)).length;

describe('an Independent Visitor claims an expense with a receipt', () => {
  it('records the claim, keeps the receipt, and the coordinator approves it', async () => {
    const { volunteerId, visitor } = await world.volunteer('Priya Shah');
    const response = await claim(visitor);
    expect(response.statusCode, response.body).toBe(201);
    const { claimId } = json(response);

    expect(await myClaims(visitor)).toEqual([
      expect.objectContaining({
        claimId,
        amountPence: 1250,
        amount: '£12.50',
        categoryText: 'Travel',
        description: 'Bus fares to the park and back',
        status: 'waiting',
        receiptKind: 'JPEG image',
      }),
    ]);
    // The receipt is in the folder, byte for byte, under the volunteer's record and the claim; never a name.
    const [file] = receiptsOf(volunteerId);
    expect(file).toMatch(/^[a-z0-9]{32}\.jpg$/);
    expect(readFileSync(join(TEST_RECEIPT_FOLDER, 'receipts', volunteerId, file!))).toEqual(JPEG);

    const staffView = json(
      await api(apiEvent('GET', `/api/volunteers/${volunteerId}/expenses`, { as: people.coordinator })),
    );
    expect(staffView.waiting.map((c: { claimId: string }) => c.claimId)).toEqual([claimId]);

    const approval = await api(
      apiEvent('POST', `/api/volunteers/${volunteerId}/expenses/${claimId}/approval`, {
        as: people.coordinator,
        body: {},
      }),
    );
    expect(approval.statusCode, approval.body).toBe(201);
    expect((await myClaims(visitor))[0]).toMatchObject({ status: 'approved', statusText: 'Approved' });

    const again = await api(
      apiEvent('POST', `/api/volunteers/${volunteerId}/expenses/${claimId}/rejection`, {
        as: people.coordinator,
        body: { rejectionReason: 'Changed my mind' },
      }),
    );
    expect(again.statusCode).toBe(409);
    expect(json(again).detail).toBe('This claim has already been approved.');
  });

  it('takes a PNG or a PDF too, and the coordinator opens the receipt', async () => {
    const { volunteerId, visitor } = await world.volunteer('Tomasz Nowak');
    expect((await claim(visitor, claimFields(), [receipt(PNG, 'image/png', 'ticket.png')])).statusCode).toBe(
      201,
    );
    const pdf = await claim(visitor, claimFields({ amount: '£8', category: 'activity' }), [
      receipt(PDF, 'application/pdf', 'cinema.pdf'),
    ]);
    expect(pdf.statusCode, pdf.body).toBe(201);
    const { claimId } = json(pdf);
    expect((await myClaims(visitor)).map((c: { amountPence: number }) => c.amountPence)).toEqual([800, 1250]);

    const page = await web(
      pageEvent('GET', `/volunteers/${volunteerId}/expenses/${claimId}/receipt`, { as: people.coordinator }),
    );
    expect(page.statusCode).toBe(200);
    expect(page.headers?.['content-type']).toBe('application/pdf');
    expect(Buffer.from(page.body ?? '', 'base64')).toEqual(PDF);
  });

  it('refuses a rejection without a reason, and shows the volunteer why a claim was rejected', async () => {
    const { volunteerId, visitor } = await world.volunteer('Grace Adeyemi');
    const { claimId } = json(await claim(visitor));
    const path = `/api/volunteers/${volunteerId}/expenses/${claimId}/rejection`;
    const empty = await api(
      apiEvent('POST', path, { as: people.coordinator, body: { rejectionReason: '' } }),
    );
    expect(empty.statusCode).toBe(400);
    expect(json(empty)['invalid-params']).toEqual([
      { name: 'body.rejectionReason', reason: 'Enter why you are rejecting the claim' },
    ]);
    const rejected = await api(
      apiEvent('POST', path, {
        as: people.coordinator,
        body: { rejectionReason: 'The receipt is for a different day' },
      }),
    );
    expect(rejected.statusCode, rejected.body).toBe(201);
    expect((await myClaims(visitor))[0]).toMatchObject({
      status: 'rejected',
      reason: 'The receipt is for a different day',
    });
  });

  it('names each bad field, amount in pounds and pence included', async () => {
    const { visitor } = await world.volunteer('Owen Price');
    const response = await claim(
      visitor,
      claimFields({ amount: '12.505', category: 'taxi', description: '' }),
      [],
    );
    expect(response.statusCode).toBe(400);
    expect(json(response)['invalid-params']).toEqual([
      { name: 'body.amount', reason: 'Enter the amount in pounds and pence, like 12.50' },
      { name: 'body.category', reason: 'Select what the money was for from the list' },
      { name: 'body.description', reason: 'Enter what you spent the money on' },
      { name: 'body.receipt', reason: 'Select a photo or PDF of the receipt' },
    ]);
  });
});

describe('the limits on a receipt', () => {
  /** Refused with its message, nothing stored in the receipt folder and nothing written on the record. */
  async function refused(file: ReturnType<typeof receipt>, message: string) {
    const { volunteerId, visitor } = await world.volunteer('Ffion Jones');
    const before = await versionOf(volunteerId);
    const response = await claim(visitor, claimFields(), [file]);
    expect(response.statusCode, response.body).toBe(400);
    expect(json(response)['invalid-params']).toEqual([{ name: 'body.receipt', reason: message }]);
    expect(receiptsOf(volunteerId)).toEqual([]);
    expect(await versionOf(volunteerId)).toBe(before);
    expect(await myClaims(visitor)).toEqual([]);
  }

  it('refuses a file over 4 MB', () =>
    refused(
      receipt(Buffer.concat([JPEG, Buffer.alloc(RECEIPT_MAX_BYTES + 1 - JPEG.length, 1)])),
      'The selected file must be smaller than 4 MB',
    ));

  it('refuses a file that is not a JPEG, PNG or PDF, whatever it says it is', async () => {
    await refused(
      receipt(Buffer.from('GIF89a made-up'), 'image/gif', 'ticket.gif'),
      'The selected file must be a JPG, PNG or PDF',
    );
    await refused(
      receipt(Buffer.from('<html>not a photo</html>'), 'image/jpeg', 'ticket.jpg'),
      'The selected file must be a JPG, PNG or PDF',
    );
    await refused(receipt(JPEG, 'text/html', 'ticket.html'), 'The selected file must be a JPG, PNG or PDF');
  });

  it('refuses an empty file', () =>
    refused(receipt(Buffer.alloc(0)), 'The selected file is empty. Select a photo or PDF of the receipt'));

  it('refuses a body far over the limit before reading it, saying so', async () => {
    const { volunteerId, visitor } = await world.volunteer('Aled Morgan');
    const response = await claim(visitor, claimFields(), [
      receipt(Buffer.concat([JPEG, Buffer.alloc(4_300_000)])),
    ]);
    expect(response.statusCode).toBe(413);
    expect(json(response).title).toBe('The receipt is too large');
    expect(receiptsOf(volunteerId)).toEqual([]);
  });

  it('removes the receipt again when the claim itself is refused', async () => {
    const { volunteerId, visitor } = await world.volunteer('Nia Evans');
    const before = await versionOf(volunteerId);
    const response = await claim(visitor, claimFields({ amount: '1200' }));
    expect(response.statusCode).toBe(422);
    expect(json(response).detail).toBe(
      'The amount must be from £0.01 to £1,000. Ask your coordinator before spending more.',
    );
    expect(receiptsOf(volunteerId)).toEqual([]);
    expect(await versionOf(volunteerId)).toBe(before);
  });

  it('records a claim sent twice with the same key once, with one receipt', async () => {
    const { volunteerId, visitor } = await world.volunteer('Dewi Thomas');
    const send = () =>
      api(
        withMultipart(
          apiEvent('POST', '/api/my/expenses', {
            as: visitor,
            headers: { 'idempotency-key': 'claim-once-1' },
          }),
          claimFields(),
          [receipt(JPEG)],
        ),
      );
    const first = json(await send());
    const second = json(await send());
    expect(second).toMatchObject({ claimId: first.claimId, duplicate: true });
    expect(await myClaims(visitor)).toHaveLength(1);
    expect(receiptsOf(volunteerId)).toHaveLength(1);
  });
});

describe('erasing a volunteer’s personal data', () => {
  it('deletes the receipts of their claims with it, and a repeat finds nothing left to delete', async () => {
    const { volunteerId, visitor } = await world.volunteer('Imogen Hart');
    expect((await claim(visitor)).statusCode).toBe(201);
    expect(
      (await claim(visitor, claimFields({ amount: '3' }), [receipt(PDF, 'application/pdf', 'a.pdf')]))
        .statusCode,
    ).toBe(201);
    expect(receiptsOf(volunteerId)).toHaveLength(2);
    const erase = () =>
      api(
        apiEvent('POST', `/api/volunteers/${volunteerId}/personal-data/erase`, {
          as: people.manager,
          body: { basis: 'erasure-request', reason: 'Request ERQ-2026-9, agreed by the DPO', confirm: true },
        }),
      );
    const erased = await erase();
    expect(erased.statusCode, erased.body).toBeLessThan(300);
    expect(receiptsOf(volunteerId)).toEqual([]);
    // The claims stay on the record (they back payments), their words erased; their receipts are gone.
    const claims = json(
      await api(apiEvent('GET', `/api/volunteers/${volunteerId}/expenses`, { as: people.coordinator })),
    );
    expect([...claims.waiting, ...(claims.decided ?? [])]).toHaveLength(2);
    expect((await erase()).statusCode).toBe(409);
    expect(receiptsOf(volunteerId)).toEqual([]);
  });
});

describe('the claim form on a phone', () => {
  const post = (as: Principal, fields: Record<string, string>, files = [receipt(JPEG)]) =>
    web(
      withMultipart(
        pageEvent('POST', '/my-visits/expenses', { as, headers: { origin: 'http://localhost' } }),
        fields,
        files,
      ),
    );
  const [year, month, day] = today().split('-');
  const form = {
    amount: '£4.20',
    category: 'food-and-drink',
    'spentOn-day': day!,
    'spentOn-month': month!,
    'spentOn-year': year!,
    description: 'Hot chocolate',
    formKey: 'form-key-0001',
  };

  it('claims and goes back to the list', async () => {
    const { visitor } = await world.volunteer('Lowri Hughes');
    const response = await post(visitor, form);
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers?.location).toBe('/my-visits/expenses');
    expect((await myClaims(visitor))[0]).toMatchObject({ amountPence: 420, category: 'food-and-drink' });
  });

  it('shows every problem at once, the receipt’s linked to its input, and records nothing', async () => {
    const { volunteerId, visitor } = await world.volunteer('Rhys Lewis');
    const response = await post(visitor, { ...form, amount: 'lots' }, [
      receipt(Buffer.from('not a receipt'), 'text/plain', 'a.txt'),
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter the amount in pounds and pence, like 12.50');
    expect(response.body).toContain('href="#receipt">The selected file must be a JPG, PNG or PDF');
    expect(receiptsOf(volunteerId)).toEqual([]);
    expect(await myClaims(visitor)).toEqual([]);
  });
});

describe('the expense pages in Welsh', () => {
  it('ask for the claim and list the claims in Welsh', async () => {
    const { visitor } = await world.volunteer('Elin Davies');
    const welsh = (path: string) =>
      web({
        ...pageEvent('GET', path, { as: visitor }),
        cookies: [`iv_session=${issueSessionToken(visitor, TEST_SECRET)}`, 'iv_lang=cy'],
      });
    const form = (await welsh('/my-visits/expenses/new')).body ?? '';
    for (const words of [
      'Hawlio treul',
      'Faint wnaethoch chi ei wario?',
      'Ar gyfer beth oedd e?',
      'Bwyd a diod',
      'Derbynneb',
      'Anfon yr hawliad',
    ])
      expect(form).toContain(words);
    expect(form).not.toContain('How much did you spend?');
    const list = (await welsh('/my-visits/expenses')).body ?? '';
    expect(list).toContain('Eich treuliau');
    expect(list).not.toContain('Your expenses');
  });
});
