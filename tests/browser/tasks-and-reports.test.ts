import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../application/app';
import { quietLog } from '../../application/ports/log';
import { createStreamProjector } from '../../application/projections/project';
import { rebuild } from '../../application/projections/rebuild';
import { DEMO_LA } from '../../infra/local/personas';
import { seedLa } from '../../scripts/seed';
import { isolatedApp } from '../support/app';
import {
  type BrowserRig,
  chromiumMissing,
  expectAccessible,
  signedInPage,
  startBrowserRig,
  takeScreenshot,
} from '../support/browser';
import { localClient, testKeys } from '../support/store';

describe.skipIf(chromiumMissing)('the task list and the reports, over a generated local authority', () => {
  let rig: BrowserRig;
  let app: App;
  beforeAll(async () => {
    const isolated = await isolatedApp(`tasks${Date.now()}`);
    app = isolated.app;
    const tables = isolated.tables;
    const asOf = new Date().toISOString().slice(0, 10);
    await seedLa(localClient(), tables, DEMO_LA.code, {
      children: 120,
      seed: 'browser',
      asOf,
      keys: testKeys(),
    });
    const project = createStreamProjector({
      store: app.store,
      readModels: app.readModels,
      now: () => new Date(),
      log: quietLog,
    });
    await rebuild({ store: app.store, project, las: [DEMO_LA.code] });
    rig = await startBrowserRig(app);
  }, 120_000);
  afterAll(() => rig?.close());

  it('shows a coordinator who has not been offered an IV, who is overdue and who is waiting longest', async () => {
    const page = await signedInPage(rig, 'Priya Okafor');
    const notOffered = page.locator('#not-offered + table tbody tr');
    expect(await notOffered.count()).toBeGreaterThan(0);
    expect(await notOffered.first().textContent()).toMatch(
      /Offer an IV by the first review|Consider a new IV after an ending/,
    );
    const waiting = await page.locator('#waiting + table tbody tr').allTextContents();
    const days = waiting.map((row) => Number(row.match(/(\d+)\s*(In|Out of) area/)?.[1]));
    expect(days.length).toBeGreaterThan(0);
    expect(days).toEqual([...days].sort((a, b) => b - a)); // longest wait first
    await expectAccessible(page);
    await takeScreenshot(page, 'home');

    await page.locator('#not-offered + table tbody tr a').first().click();
    expect(await page.locator('h1').textContent()).toContain('Child');
    await page.close();
  });

  it('gives a manager the LA report with charts backed by tables, and its CSV', async () => {
    const page = await signedInPage(rig, 'Owen Castell');
    await page.getByRole('link', { name: 'Reports' }).click();
    expect(await page.locator('h1').textContent()).toBe('Independent Visitors report');
    expect(await page.locator('.govuk-summary-list').first().textContent()).toMatch(
      /Children looked after on \d+ \w+ \d{4}\s*\d+/,
    );
    expect(await page.locator('.app-chart').count()).toBe(4);
    await expectAccessible(page);
    const csv = await page.request.get(
      await page
        .getByRole('link', { name: 'Download these figures (CSV)' })
        .getAttribute('href')
        .then((h) => rig.baseUrl + h),
    );
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\r\n')[0]).toBe('Section,Figure,Group,Value');
    await page.close();
  });

  it('gives a national analyst the national return, aggregates only, and nothing about any child', async () => {
    const page = await signedInPage(rig, 'Nadia Hussain');
    expect(await page.locator('h1').textContent()).toBe('National return');
    expect(await page.locator('main').textContent()).toContain('England and Wales');
    await expectAccessible(page);
    expect((await page.goto(`${rig.baseUrl}/reports`))?.status()).toBe(403);
    expect((await page.goto(`${rig.baseUrl}/`))?.url()).toContain('/reports/national');
    await page.close();
  });
});
