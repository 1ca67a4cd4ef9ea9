import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../adapters/api/app';
import { londonDateOf } from '../../domain/calendar';
import { people, testApp } from '../support/app';
import {
  type BrowserRig,
  chromiumMissing,
  expectAccessible,
  fillDate,
  STEP_TIMEOUT_MS,
  signIn,
  startBrowserRig,
} from '../support/browser';

/** Screenshots to look at while working on a page: SCREENSHOTS_TO=/tmp/shots npx vitest run tests/browser/audit. */
async function look(page: Page, name: string) {
  if (process.env.SCREENSHOTS_TO)
    await page.screenshot({ path: `${process.env.SCREENSHOTS_TO}/${name}.png`, fullPage: true });
}

import { apiEvent, TEST_SECRET } from '../support/http';

describe.skipIf(chromiumMissing)('an auditor in the admin UI', () => {
  let rig: BrowserRig;
  let childId: string;
  // The child enters care yesterday and is told today, so the record on a past day has a change since.
  let now = new Date(Date.now() - 86_400_000);
  const enteredOn = londonDateOf(now);
  beforeAll(async () => {
    const app = testApp(() => now);
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
    now = new Date();
    // The coordinator looks at the record, so the access log has two people in it.
    await api(
      apiEvent('GET', `/api/children/${childId}`, {
        as: { ...people.coordinator, id: 'persona-coordinator' },
      }),
    );
    await api(
      apiEvent('POST', `/api/children/${childId}/told`, {
        as: { ...people.coordinator, id: 'persona-coordinator' },
        body: {},
      }),
    );
  });
  afterAll(() => rig?.close());

  it('replays a child’s history in words, shows the record on a past day and what changed since, and refuses a bad day', async () => {
    const page = await rig.browser.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await signIn(page, rig.baseUrl, 'Hannah Lindqvist');
    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Open the audit view' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the child’s reference');
    await page.getByLabel('Child’s reference').fill(childId);
    await page.getByRole('button', { name: 'Open the audit view' }).click();

    expect(await page.locator('#chain-status').textContent()).toContain('intact');
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Entered care');
    expect(rows[1]).toContain('Told about Independent Visitors');
    expect(rows[1]).toContain('Coordinator (persona-coordinator)');
    expect(rows.join(' ')).not.toContain('ChildEnteredCare');
    await expectAccessible(page);
    await look(page, 'audit-history');

    // A text date, and an empty one, are refused on the field: never a silent return to the history.
    for (const day of ['first', '']) {
      const group = page.getByRole('group', { name: 'See the record as it was at the end of a day' });
      await group.getByLabel('Day').fill(day);
      await group.getByLabel('Month').fill(day ? '11' : '');
      await group.getByLabel('Year').fill(day ? '2026' : '');
      await page.getByRole('button', { name: 'Show the record on that day' }).click();
      expect(await page.locator('h1').textContent()).toContain('The record on a chosen day');
      expect(await page.locator('.govuk-error-summary').textContent()).toMatch(
        day ? /Day must be a real date/ : /Enter the day to see the record on/,
      );
      await expectAccessible(page);
      await page.goto(`${rig.baseUrl}/audit/children/${childId}`);
    }

    await fillDate(page, 'See the record as it was at the end of a day', enteredOn);
    await page.getByRole('button', { name: 'Show the record on that day' }).click();
    expect(await page.locator('.govuk-summary-list').textContent()).toMatch(/Status\s*Looked after/);
    expect(await page.locator('#changes').textContent()).toMatch(
      /The child was told about their entitlement to an Independent Visitor on \d+ \w+ \d{4}/,
    );
    expect(await page.locator('main').textContent()).not.toMatch(/period\.|\[\d\]|\d{4}-\d{2}-\d{2}T/);
    await expectAccessible(page);
    await look(page, 'audit-as-of');
    await page.close();
  });

  it('shows who viewed a record, filtered by person and day, what one person viewed, and exports a readable document', async () => {
    const page = await rig.browser.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await signIn(page, rig.baseUrl, 'Hannah Lindqvist');
    await page.goto(`${rig.baseUrl}/audit/children/${childId}`);
    await page.getByRole('link', { name: 'Who viewed this record' }).click();
    const views = await page.locator('tbody').innerText();
    expect(views).toContain('Auditor (persona-auditor)');
    expect(views).toContain('The full history, versions 1 to 2');
    expect(views).not.toMatch(/\d{4}-\d{2}-\d{2}T|9007199254740991/);
    await expectAccessible(page);
    await page.getByLabel('Person').selectOption('persona-coordinator');
    await page.getByRole('button', { name: 'Show these views' }).click();
    const filtered = await page.locator('tbody tr').allInnerTexts();
    expect(filtered.length).toBeGreaterThan(0);
    for (const row of filtered) expect(row).toContain('Coordinator (persona-coordinator)');
    await fillDate(page, 'From', '2001-01-01');
    await fillDate(page, 'To', '2001-01-02');
    await page.getByRole('button', { name: 'Show these views' }).click();
    expect(await page.locator('main').textContent()).toContain('No views match.');
    await look(page, 'audit-views');

    await page.goto(`${rig.baseUrl}/audit/people?person=persona-auditor`);
    const person = await page.locator('tbody tr').allInnerTexts();
    expect(person.length).toBeGreaterThan(2);
    expect(person[0]).toContain(`Child ${childId}`);
    await expectAccessible(page);
    await look(page, 'audit-person');

    await page.goto(`${rig.baseUrl}/audit/children/${childId}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /export document \(HTML\)/ }).click(),
    ]);
    const document = await rig.browser.newPage();
    await document.setContent(await readFile(await download.path(), 'utf8'));
    expect(await document.locator('h3').allTextContents()).toEqual([
      '1. Entered care',
      '2. Told about Independent Visitors',
    ]);
    expect(await document.locator('body').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await expectAccessible(document);
    await document.close();
    // An auditor is offered nothing to record.
    await page.goto(`${rig.baseUrl}/children/${childId}`);
    expect(await page.getByRole('link', { name: /^Record / }).count()).toBe(0);
    await page.close();
  });

  it('checks every record of the LA from the pages, with progress, and names none altered', async () => {
    const page = await rig.browser.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await signIn(page, rig.baseUrl, 'Hannah Lindqvist');
    await page.goto(`${rig.baseUrl}/audit/verify`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Check every record' }).click();
    // The pages carry on by themselves, a batch at a time, until the result.
    await page
      .getByText('No record has been altered')
      .or(page.getByText(/been altered\. Events from/))
      .waitFor();
    expect(await page.locator('#progress').textContent()).toMatch(/Checked (\d+) of \1 records \(100%\)/);
    await expectAccessible(page);
    await look(page, 'audit-verify');
    await page.close();
  });
});
