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
  }, 120_000);
  // Seeding, projecting and starting the browser each get the hang timeout of their own: on a busy machine the
  // three together can take longer than any one should.
  beforeAll(async () => {
    const project = createStreamProjector({
      store: app.store,
      readModels: app.readModels,
      now: () => new Date(),
      log: quietLog,
    });
    await rebuild({ store: app.store, project, las: [DEMO_LA.code] });
  }, 120_000);
  beforeAll(async () => {
    rig = await startBrowserRig(app);
  }, 120_000);
  afterAll(() => rig?.close());

  it('shows a coordinator what is due across the LA, most urgent first, with counts, and opens a child by name', async () => {
    const page = await signedInPage(rig, 'Priya Okafor');
    const counts = await page.locator('.app-duty-counts tbody tr').allTextContents();
    expect(counts).toHaveLength(6);
    expect(counts[0]).toMatch(
      /Offer an Independent Visitor\s*(None overdue|\d+ overdue)\s*(None due soon|\d+ due soon)/,
    );
    const rows = page.locator('table.app-child-table tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    // Most urgent first: the due dates never go backwards down the page.
    const dates = (await rows.locator('td:last-child').allTextContents()).map((t) =>
      Date.parse(t.match(/\d+ \w+ \d{4}/)![0]),
    );
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    // "Visits due" never calls a visit with days left overdue.
    await page.getByLabel('Duty').selectOption({ label: 'Visit by the Independent Visitor' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    for (const row of await rows.allTextContents())
      expect(row).toMatch(/working days? left|Due today|working days? overdue|Nothing due/);
    for (const row of await rows.allTextContents())
      if (/days? left/.test(row)) expect(row).not.toContain('overdue');
    await expectAccessible(page);

    const first = rows.first().locator('a');
    const name = (await first.textContent())!.split(',')[0]!;
    await first.click();
    expect(await page.locator('h1').textContent()).toContain(name);
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
