import type { Page } from 'playwright-core';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childActionBySlug } from '../../application/children/actions';
import { enterCare, recordForChild } from '../../application/children/children';
import { addDays, londonDateOf } from '../../domain/calendar';
import { PERSONAS } from '../../infra/local/personas';
import { testApp } from '../support/app';
import {
  type BrowserRig,
  chooseRadio,
  chromiumMissing,
  expectAccessible,
  fillDate,
  signedInPage,
  startBrowserRig,
} from '../support/browser';

describe.skipIf(chromiumMissing)('the volunteer register and matching in the admin UI', () => {
  const app = testApp();
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startBrowserRig(app);
  });
  afterAll(() => rig?.close());

  // axe-core runs as a script, so JavaScript stays on here; tests/integration/web posts the same forms as plain
  // HTML, the way a browser without JavaScript does.
  const newPage = (persona: string) => signedInPage(rig, persona);
  const save = async (page: Page, expected = 'saved') => {
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(expected);
  };

  /** A referred child, recorded through the services: the child's own pages are covered by child-journey. */
  async function referredChild(): Promise<string> {
    const coordinator = PERSONAS.find((p) => p.role === 'coordinator')!;
    const identity = () => ({ commandId: ulid(), requestHash: 'browser-test' });
    const { childId } = await enterCare(
      app,
      coordinator,
      {
        firstNames: 'Sam',
        lastName: 'Taylor',
        dateOfBirth: '2012-07-21',
        sex: 'male',
        ethnicity: 'BAFR',
        unaccompaniedAsylumSeeking: false,
        placementInLaArea: false,
        socialWorkerRef: 'persona-social-worker',
        iroRef: 'persona-iro',
      },
      identity(),
    );
    for (const [slug, input] of [
      ['offer', {}],
      ['decision', { decision: 'accepted', sufficientUnderstanding: true }],
      ['referral', { interests: ['chess', 'swimming'], needs: [], preferences: ['male-visitor'] }],
    ] as const)
      await recordForChild(app, coordinator, childId, childActionBySlug(slug)!, input, identity());
    return childId;
  }

  it('lets a coordinator register and vet a volunteer, then match a referred child with them', async () => {
    const page = await newPage('Priya Okafor');
    await page.getByRole('link', { name: 'Volunteers' }).click();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Register a volunteer' }).click();
    await page.getByRole('button', { name: 'Register the volunteer' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Volunteer registered');
    const volunteerUrl = page.url();
    const volunteerId = volunteerUrl.split('/').at(-1)!;
    await expectAccessible(page);

    for (const ref of ['ref-a', 'ref-b']) {
      await page.getByRole('link', { name: 'Record a reference' }).click();
      await page.getByLabel('Your reference for it').fill(ref);
      await chooseRadio(page, 'Was the reference satisfactory?', 'Yes');
      await save(page);
    }

    await page.getByRole('link', { name: 'Record the DBS check' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter certificate number');
    await expectAccessible(page);
    await chooseRadio(page, 'Level of the check', 'Enhanced, with the children’s barred list');
    await page.getByLabel('Certificate number').fill('004455667788');
    await fillDate(page, 'Date of issue', addDays(londonDateOf(new Date()), -20));
    await chooseRadio(page, 'Is the volunteer subscribed to the DBS Update Service?', 'No');
    await save(page);

    await page.getByRole('link', { name: 'Record training completed' }).click();
    await page.getByLabel('Course code').fill('iv-induction');
    await save(page);
    await page.getByRole('link', { name: 'Record the declaration of independence' }).click();
    await page.getByLabel(/Version 2026-01/).check();
    await save(page);
    await page.getByRole('link', { name: 'Approve as an Independent Visitor' }).click();
    await save(page);
    const history = await page.locator('.app-timeline').textContent();
    for (const entry of [
      'Applied',
      'Reference received',
      'DBS check recorded',
      'Approved as an Independent Visitor',
    ])
      expect(history).toContain(entry);
    await expectAccessible(page);

    const childId = await referredChild();
    await page.goto(`${rig.baseUrl}/children/${childId}`);
    await page.getByRole('link', { name: 'Match with a volunteer' }).click();
    const referral = await page.locator('main').textContent();
    expect(referral).toContain('chess, swimming');
    expect(referral).toContain('male-visitor');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Make the match' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select a volunteer');
    await chooseRadio(page, 'Suggested volunteers', `Volunteer ${volunteerId}`);
    await page.getByRole('button', { name: 'Make the match' }).click();
    expect(page.url()).toBe(`${rig.baseUrl}/children/${childId}`);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      `Matched with volunteer ${volunteerId}`,
    );
    expect(await page.locator('.app-timeline').textContent()).toContain(
      'Matched with an Independent Visitor',
    );

    // The first visits: one held in person, one cancelled; both in the history, the held one counted.
    for (const [outcome, mode] of [
      ['Held', 'In person'],
      ['Cancelled', 'Remote'],
    ]) {
      await page.getByRole('link', { name: 'Record a visit' }).click();
      await chooseRadio(page, 'Was the visit held?', outcome!);
      await chooseRadio(page, 'How was it held, or planned?', mode!);
      if (outcome === 'Held') await page.getByLabel('How long, in minutes (optional)').fill('90');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Save' }).click();
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
        'Record a visit: saved',
      );
    }
    expect(await page.locator('.app-timeline').textContent()).toMatch(
      /outcome: held; mode: in person; duration minutes: 90/,
    );
    expect(await page.locator('.govuk-summary-list').textContent()).toContain('visits held: 1');

    await page.goto(`${rig.baseUrl}/volunteers`);
    const row = page.getByRole('row').filter({ hasText: `Volunteer ${volunteerId}` });
    expect(await row.textContent()).toContain('1 of 1');
    await page.close();
    // One journey of some thirty page loads: allow for a busy machine.
  }, 60_000);
});
