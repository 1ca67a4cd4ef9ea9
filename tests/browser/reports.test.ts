import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../application/app';
import { quietLog } from '../../application/ports/log';
import { createStreamProjector } from '../../application/projections/project';
import { rebuild } from '../../application/projections/rebuild';
import { DEMO_LA, OTHER_LA } from '../../infra/local/personas';
import { seedLa } from '../../scripts/seed';
import { isolatedApp } from '../support/app';
import {
  type BrowserRig,
  chromiumMissing,
  expectAccessible,
  fillDate,
  signedInPage,
  startBrowserRig,
} from '../support/browser';
import { localClient, testKeys } from '../support/store';

/** What a person reads on the page: never a key of the code (camelCase) or a raw fraction. */
async function expectPlainWords(page: Page) {
  const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  expect(text).not.toMatch(/\b[a-z]+[A-Z][a-zA-Z]*\b/);
  expect(text).not.toMatch(/\b0\.\d{3,}/);
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
}

/** Screenshots to look at while working on a page: SCREENSHOTS_TO=/tmp/shots npx vitest run tests/browser/reports. */
async function look(page: Page, name: string, width = 1024) {
  if (!process.env.SCREENSHOTS_TO) return;
  await page.setViewportSize({ width, height: 900 });
  const height: number = await page.evaluate('document.documentElement.scrollHeight');
  const slice = width < 600 ? 1000 : 1400;
  for (let y = 0, i = 1; y < height; y += slice, i++)
    await page.screenshot({
      path: `${process.env.SCREENSHOTS_TO}/${name}-${i}.png`,
      fullPage: true,
      clip: { x: 0, y, width, height: Math.min(slice, height - y) },
    });
  await page.setViewportSize({ width: 1024, height: 900 });
}

describe.skipIf(chromiumMissing)('the reports, as a manager and a national analyst read them', () => {
  let rig: BrowserRig;
  let app: App;
  beforeAll(async () => {
    const isolated = await isolatedApp(`reports${Date.now()}`);
    app = isolated.app;
    const asOf = new Date().toISOString().slice(0, 10);
    await seedLa(localClient(), isolated.tables, DEMO_LA.code, {
      children: 150,
      seed: 'browser-reports',
      asOf,
      keys: testKeys(),
    });
    await seedLa(localClient(), isolated.tables, OTHER_LA.code, {
      children: 60,
      seed: 'browser-reports-2',
      asOf,
      keys: testKeys(),
    });
    const project = createStreamProjector({
      store: app.store,
      readModels: app.readModels,
      now: () => new Date(),
      log: quietLog,
    });
    await rebuild({ store: app.store, project, las: [DEMO_LA.code, OTHER_LA.code] });
    rig = await startBrowserRig(app);
  }, 180_000);
  afterAll(() => rig?.close());

  it('gives a manager the report in words, charts with their headings and tables, and the children behind a figure', async () => {
    const page = await signedInPage(rig, 'Owen Castell');
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    expect(await page.locator('h1').textContent()).toBe('Independent Visitors report');
    expect(await page.locator('.govuk-inset-text').first().textContent()).toMatch(
      /\d+\.\d% of children in care have an Independent Visitor \(\d+ of \d+ children\), against a target of 10\.0%/,
    );
    // Every chart: its heading just above it, and its table just below.
    const charts = page.locator('.app-chart');
    expect(await charts.count()).toBe(4);
    for (const chart of await charts.all()) {
      expect(
        await chart.evaluate((el) => el.previousElementSibling?.previousElementSibling?.tagName),
      ).toMatch(/^H[23]$/);
      expect(await chart.evaluate((el) => el.nextElementSibling?.tagName)).toBe('TABLE');
    }
    await expectPlainWords(page);
    await expectAccessible(page);
    await look(page, 'report');
    await look(page, 'report-320', 320);
    // At 320 px no chart label is cut off: each fits inside its chart.
    for (const label of await page.locator('.app-chart__label').all())
      expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);

    const looked = Number(
      (await page.locator('.govuk-summary-list__value').first().textContent())?.trim().replace(/,/g, ''),
    );
    await page.getByRole('link', { name: /View\s+the children looked after/ }).click();
    expect(await page.locator('h1').textContent()).toBe('Children looked after');
    expect(await page.locator('main').textContent()).toContain(`${looked} children`);
    const rows = await page.locator('tbody tr').count();
    expect(rows).toBe(Math.min(50, looked));
    expect(await page.locator('tbody tr').first().locator('a').getAttribute('href')).toMatch(/^\/children\//);
    await expectAccessible(page);
    await look(page, 'report-children');
    await page.close();
  });

  it('refuses a bad period with a message on the field, and never shows a default in its place', async () => {
    const page = await signedInPage(rig, 'Owen Castell');
    const response = await page.goto(
      `${rig.baseUrl}/reports?from-day=first&from-month=jan&from-year=2026&to-day=1&to-month=1&to-year=2028`,
    );
    expect(response?.status()).toBe(400);
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.textContent()).toContain('Start date must be a real date');
    expect(await summary.textContent()).toContain('End date must be today or in the past');
    expect(
      await summary.getByRole('link', { name: 'Start date must be a real date' }).getAttribute('href'),
    ).toBe('#from-day');
    expect(await page.locator('.govuk-summary-list').count()).toBe(0);
    expect(await page.title()).toMatch(/^Error: /);
    await expectAccessible(page);
    await look(page, 'report-bad-period');
    await fillDate(page, 'Start date', '2026-03-01');
    await fillDate(page, 'End date', '2026-01-01');
    await page.getByRole('button', { name: 'Show this period' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Start date must be the same as or before the end date',
    );
    await page.close();
  });

  it('gives a printable annual report for the panel, without the sign-out link or the navigation', async () => {
    const page = await signedInPage(rig, 'Owen Castell');
    await page.goto(`${rig.baseUrl}/reports/annual`);
    expect(await page.locator('h1').textContent()).toBe('Annual report to the corporate parenting panel');
    await expectAccessible(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByText('Sign out').isVisible()).toBe(false);
    expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
    expect(
      await page
        .getByRole('heading', { name: /share of children in care have an Independent Visitor/ })
        .isVisible(),
    ).toBe(true);
    await expectPlainWords(page);
    await look(page, 'report-annual-print');
    await page.close();
  });

  it('projects reach with the changes a manager asks about, labelled a projection, the same for the same seed', async () => {
    const page = await signedInPage(rig, 'Owen Castell');
    await page.goto(`${rig.baseUrl}/reports/what-if`);
    await expectAccessible(page);
    await page.getByLabel('More volunteers').fill('15');
    await page.getByLabel('Days to a first match').fill('60');
    await page.getByLabel(/Offer an Independent Visitor at every/).check();
    await page.getByRole('button', { name: 'Project the next 12 months' }).click();
    expect(await page.getByText('Projection, not a forecast').isVisible()).toBe(true);
    expect(await page.locator('main').textContent()).toContain(
      '15 more volunteers apply over the first 6 months',
    );
    const table = await page.locator('table').first().textContent();
    await expectPlainWords(page);
    await expectAccessible(page);
    await look(page, 'what-if');
    await page.reload();
    expect(await page.locator('table').first().textContent()).toBe(table);
    // In Welsh, the changes tried and the assumptions are Welsh too.
    await page.getByRole('link', { name: 'Newid yr iaith i’r Gymraeg' }).click();
    const welsh = await page.locator('main').textContent();
    expect(welsh).toContain('Mae 15 o wirfoddolwyr eraill yn gwneud cais dros y 6 mis cyntaf.');
    expect(welsh).toContain('o blant mewn gofal, fel heddiw');
    expect(welsh).not.toContain('more volunteers apply');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Change the language to English' }).click();
    await page.goto(`${rig.baseUrl}/reports/what-if?extraVolunteers=lots`);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'More volunteers must be a whole number from 0 to 500',
    );
    await page.close();
  });

  it('gives a national analyst the return for a period, protected either way, and a way back after Forbidden', async () => {
    const page = await signedInPage(rig, 'Nadia Hussain');
    expect(await page.locator('h1').textContent()).toBe('National return');
    const summary = await page.locator('table').first().innerText();
    expect(summary).toMatch(/England \(2 authorities\)/);
    expect(summary).toMatch(/Wales \(none with records\)/);
    expect(summary).toMatch(/England and Wales \(2 authorities\)/);
    // The tables fit the page: nothing scrolls sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await expectPlainWords(page);
    await expectAccessible(page);
    await look(page, 'national');
    await page.getByLabel(/StatsWales/).check();
    await fillDate(page, 'Start date', '2025-04-01');
    await page.getByRole('button', { name: 'Show the return' }).click();
    expect(await page.locator('.govuk-caption-l').textContent()).toContain('1 April 2025');
    expect(await page.locator('main').textContent()).toContain('rounded to the nearest 5');
    // The counted columns (looked after, matched, waiting, matches made): multiples of 5, or * when disclosive.
    for (const row of await page.locator('tbody tr').all()) {
      const cells = await row.locator('td').allTextContents();
      for (const i of [1, 2, 4, 5]) expect(cells[i]!.trim().replace(/,/g, '')).toMatch(/^(\*|\d*[05])$/);
    }
    const csv = await page.request.get(
      rig.baseUrl +
        (await page.getByRole('link', { name: /full return with every column/ }).getAttribute('href')),
    );
    expect((await csv.text()).split('\r\n')[0]).toMatch(
      /^Level,Code,Name,Region,Has an Independent Visitor service,/,
    );
    expect((await page.goto(`${rig.baseUrl}/reports`))?.status()).toBe(403);
    const back = page.getByRole('link', { name: 'Go to the national return' });
    expect(await back.count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Go to your task list' }).count()).toBe(0);
    await page.close();
  });
});
