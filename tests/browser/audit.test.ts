import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../adapters/api/app';
import { people, testApp } from '../support/app';
import {
  type BrowserRig,
  chromiumMissing,
  expectAccessible,
  signIn,
  startBrowserRig,
} from '../support/browser';
import { apiEvent, TEST_SECRET } from '../support/http';

describe.skipIf(chromiumMissing)('an auditor in the admin UI', () => {
  let rig: BrowserRig;
  let childId: string;
  beforeAll(async () => {
    const app = testApp();
    rig = await startBrowserRig(app);
    // A child recorded by a coordinator, earlier, through the API.
    const api = createApiHandler(app, { localSessionSecret: TEST_SECRET });
    const entered = await api(
      apiEvent('POST', '/api/children', {
        as: { ...people.coordinator, id: 'persona-coordinator' },
        body: {
          firstNames: 'Sam',
          lastName: 'Taylor',
          dateOfBirth: '2011-07-01',
          sex: 'female',
          ethnicity: 'AIND',
          unaccompaniedAsylumSeeking: false,
          placementInLaArea: true,
          socialWorkerRef: 'social-worker-1',
          iroRef: 'iro-1',
        },
      }),
    );
    childId = JSON.parse(entered.body ?? '{}').childId;
    await api(
      apiEvent('POST', `/api/children/${childId}/told`, {
        as: { ...people.coordinator, id: 'persona-coordinator' },
        body: {},
      }),
    );
  });
  afterAll(() => rig?.close());

  it('replays a child’s history with the chain verified, views the record on a past day, sees who looked, and exports it', async () => {
    const page = await rig.browser.newPage();
    page.setDefaultTimeout(5000);
    await signIn(page, rig.baseUrl, 'Hannah Lindqvist');
    await page.getByRole('link', { name: 'Audit' }).click();
    await expectAccessible(page);
    await page.getByLabel('Child’s reference').fill(childId);
    await page.getByRole('button', { name: 'Open the audit view' }).click();

    expect(await page.locator('#chain-status').textContent()).toContain('intact');
    const rows = await page.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('ChildEnteredCare');
    expect(rows[1]).toContain('ChildToldOfEntitlement');
    await expectAccessible(page);

    const today = new Date().toISOString().slice(0, 10).split('-');
    const group = page.getByRole('group', { name: 'See the record as it was at the end of a day' });
    await group.getByLabel('Day').fill(today[2]!);
    await group.getByLabel('Month').fill(today[1]!);
    await group.getByLabel('Year').fill(today[0]!);
    await page.getByRole('button', { name: 'Show the record on that day' }).click();
    expect(await page.locator('main').textContent()).toContain('stood at version 2');
    await expectAccessible(page);

    await page.goBack();
    await page.getByRole('link', { name: 'Who viewed this record' }).click();
    const views = await page.locator('tbody').textContent();
    expect(views).toContain('auditor persona-auditor');
    expect(views).toContain('history v1-2');
    await expectAccessible(page);

    await page.goBack();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /export bundle \(JSON\)/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`child-${childId}.json`);
    // An auditor is offered nothing to record.
    await page.goto(`${rig.baseUrl}/children/${childId}`);
    expect(await page.getByRole('link', { name: /^Record / }).count()).toBe(0);
    await page.close();
  });
});
