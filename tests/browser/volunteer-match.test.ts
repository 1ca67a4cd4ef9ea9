import type { Page } from 'playwright-core';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../application/app';
import { childActionBySlug } from '../../application/children/actions';
import { enterCare, recordForChild } from '../../application/children/children';
import { addDays, londonDateOf } from '../../domain/calendar';
import { PERSONAS } from '../../infra/local/personas';
import { isolatedApp } from '../support/app';
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
  // Tables of its own: the register is paged by name, so other tests' volunteers must not push this one off page 1.
  let app: App;
  let rig: BrowserRig;
  beforeAll(async () => {
    app = (await isolatedApp(`volunteermatch${Date.now()}`)).app;
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
        firstNames: 'Kwame',
        lastName: 'Boateng',
        dateOfBirth: '2012-07-21',
        sex: 'male',
        ethnicity: 'BAFR',
        unaccompaniedAsylumSeeking: false,
        placementInLaArea: false,
        placementArea: 'Westford',
        socialWorkerRef: 'persona-social-worker',
        iroRef: 'persona-iro',
      },
      identity(),
    );
    for (const [slug, input] of [
      ['offer', {}],
      ['decision', { decision: 'accepted', sufficientUnderstanding: true }],
      ['referral', { interests: ['chess', 'swimming'], needs: [], preferences: [], visitorSex: 'male' }],
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
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter the volunteer’s full name',
    );
    await page.getByLabel('Full name').fill('Siân Pritchard');
    await page.getByLabel('Email address (optional)').fill('sian.pritchard@example.com');
    await page.getByLabel('Phone number (optional)').fill('07700 900123');
    await chooseRadio(page, 'Sex (optional)', 'Male');
    await page.getByLabel('Interests (optional)').fill('Chess, swimming');
    await page.getByLabel('Towns or districts they can travel to (optional)').fill('Westford');
    await page.getByLabel('Weekends').check();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Register the volunteer' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Siân Pritchard is registered',
    );
    await expectAccessible(page);

    for (const ref of ['ref-a', 'ref-b']) {
      await page.getByRole('link', { name: 'Record a reference' }).click();
      await page.getByLabel('Your reference for it').fill(ref);
      await chooseRadio(page, 'Was the reference satisfactory?', 'Yes');
      await save(page);
    }

    await page.getByRole('link', { name: 'Record the DBS check' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter the certificate number',
    );
    await expectAccessible(page);
    await chooseRadio(page, 'Level of the check', 'Enhanced, with the children’s barred list');
    // As printed on the certificate, in groups of four.
    await page.getByLabel('Certificate number').fill('0044 5566 7788');
    await fillDate(page, 'Date of issue', addDays(londonDateOf(new Date()), -20));
    await chooseRadio(page, 'Is the volunteer subscribed to the DBS Update Service?', 'No');
    await save(page);

    await page.getByRole('link', { name: 'Record training completed' }).click();
    await chooseRadio(page, 'Which course did they complete?', 'Independent Visitor induction');
    await save(page);
    await page.getByRole('link', { name: 'Record the declaration of independence' }).click();
    await page.getByLabel(/Version 2026-01/).check();
    await chooseRadio(page, 'Is the volunteer an elected member of the local authority?', 'No');
    await chooseRadio(page, 'Is the volunteer an employee of the local authority?', 'No');
    await chooseRadio(
      page,
      'Is the volunteer a relative or a member of the household of an elected member or an employee of the local authority?',
      'No',
    );
    await save(page);
    await page.getByRole('link', { name: 'Approve as an Independent Visitor' }).click();
    await save(page);
    const history = await page.locator('.app-timeline').textContent();
    for (const entry of [
      'Priya Okafor recorded Siân Pritchard’s application to be an Independent Visitor.',
      'Priya Okafor recorded a satisfactory reference.',
      'Priya Okafor recorded the enhanced, with the children’s barred list DBS check',
      'Priya Okafor recorded that Siân Pritchard completed Independent Visitor induction.',
      'Priya Okafor approved Siân Pritchard as an Independent Visitor for up to 1 child at once.',
    ])
      expect(history).toContain(entry);
    expect(await page.locator('.govuk-summary-list').textContent()).toContain('certificate 004455667788');
    await expectAccessible(page);

    const childId = await referredChild();
    await page.goto(`${rig.baseUrl}/children/${childId}`);
    await page.getByRole('link', { name: 'Match with a volunteer' }).click();
    const referral = await page.locator('main').textContent();
    expect(referral).toContain('Chess and swimming');
    expect(referral).toContain('A man');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select a volunteer');
    await chooseRadio(page, 'Suggested volunteers, best fit first', 'Siân Pritchard');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Make the match' }).click();
    expect(page.url()).toBe(`${rig.baseUrl}/children/${childId}`);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Siân Pritchard is now Kwame’s Independent Visitor',
    );
    expect(await page.locator('.app-timeline').textContent()).toContain(
      'Priya Okafor matched Kwame with Siân Pritchard as their Independent Visitor.',
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
    const history2 = await page.locator('.app-timeline').textContent();
    expect(history2).toContain('Priya Okafor recorded a visit in person of 90 minutes.');
    expect(history2).toContain('Priya Okafor recorded a visit remotely that was cancelled.');
    expect(await page.locator('.govuk-task-list').textContent()).toContain('1 held, the last on');

    await page.goto(`${rig.baseUrl}/volunteers`);
    const row = page.getByRole('row').filter({ hasText: 'Siân Pritchard' });
    expect(await row.textContent()).toContain('1 of 1');
    await page.close();
  });
});
