import type { Page } from 'playwright-core';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../application/app';
import { childActionBySlug } from '../../application/children/actions';
import { enterCare, recordForChild } from '../../application/children/children';
import { matchVisitor } from '../../application/matching';
import { volunteerActionBySlug } from '../../application/volunteers/actions';
import { recordForVolunteer, registerVolunteer } from '../../application/volunteers/volunteers';
import { londonDateOf } from '../../domain/calendar';
import { PERSONAS } from '../../infra/local/personas';
import { isolatedApp } from '../support/app';
import {
  type BrowserRig,
  chooseRadio,
  chromiumMissing,
  expectAccessible,
  signedInPage,
  startBrowserRig,
  takeScreenshot,
} from '../support/browser';
import { vettingSteps } from '../support/vetting';

/*
 * The child's voice at match reviews: a coordinator records what the child, the Independent Visitor and the carer
 * each said, the child page shows every review and each person's trend, and the history gives the child's words; and
 * how the visitor wants to hear from the service, on their details form. Checked with axe at each step, in English
 * and in Welsh.
 */
describe.skipIf(chromiumMissing)('match reviews and a visitor’s contact preferences in the admin UI', () => {
  let app: App;
  let rig: BrowserRig;
  let childId: string;
  let volunteerId: string;
  beforeAll(async () => {
    app = (await isolatedApp(`matchreviews${Date.now()}`)).app;
    rig = await startBrowserRig(app);
    const coordinator = PERSONAS.find((p) => p.role === 'coordinator')!;
    const identity = () => ({ commandId: ulid(), requestHash: 'browser-test' });
    ({ volunteerId } = await registerVolunteer(
      app,
      coordinator,
      { name: 'Siân Pritchard', email: 'sian.pritchard@example.com' },
      identity(),
    ));
    for (const [slug, input] of vettingSteps({ today: londonDateOf(new Date()) }))
      await recordForVolunteer(
        app,
        coordinator,
        volunteerId,
        volunteerActionBySlug(slug)!,
        input,
        identity(),
      );
    ({ childId } = await enterCare(
      app,
      coordinator,
      {
        firstNames: 'Kwame',
        lastName: 'Boateng',
        dateOfBirth: '2012-07-21',
        sex: 'male',
        ethnicity: 'BAFR',
        unaccompaniedAsylumSeeking: false,
        placementInLaArea: true,
        socialWorkerRef: 'persona-social-worker',
        iroRef: 'persona-iro',
      },
      identity(),
    ));
    for (const [slug, input] of [
      ['offer', {}],
      ['decision', { decision: 'accepted', sufficientUnderstanding: true }],
      ['referral', { interests: ['chess'], needs: [], preferences: [] }],
    ] as const)
      await recordForChild(app, coordinator, childId, childActionBySlug(slug)!, input, identity());
    await matchVisitor(app, coordinator, childId, volunteerId, {}, identity());
  });
  afterAll(() => rig?.close());

  const banner = (page: Page) => page.locator('.govuk-notification-banner').textContent();

  async function review(
    page: Page,
    answers: { child: string; visitor: string; carer: string; words?: string },
  ) {
    await page.getByRole('link', { name: 'Record a match review' }).click();
    await chooseRadio(page, 'Outcome', 'Continuing');
    await chooseRadio(page, 'How does the child say the match is going?', answers.child);
    if (answers.words) await page.getByLabel('The child’s own words (optional)').fill(answers.words);
    await chooseRadio(page, 'How does the Independent Visitor say the match is going?', answers.visitor);
    await chooseRadio(page, 'How does the carer say the match is going?', answers.carer);
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await banner(page)).toContain('Record a match review: saved');
  }

  it('records the views at two match reviews and shows how the match is going, with the child’s words', async () => {
    const page = await signedInPage(rig, 'Priya Okafor');
    await page.goto(`${rig.baseUrl}/children/${childId}`);
    await page.getByRole('link', { name: 'Record a match review' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    const summary = await page.locator('.govuk-error-summary').textContent();
    for (const message of [
      'Select how the child says the match is going, or that they did not want to say',
      'Select how the Independent Visitor says the match is going',
      'Select how the carer says the match is going',
    ])
      expect(summary).toContain(message);
    // Each message links to its question, as GOV.UK error summaries do.
    await page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: /the carer says/ })
      .click();
    expect(await page.locator(':focus').getAttribute('name')).toBe('carerGoing');
    await expectAccessible(page);
    await takeScreenshot(page, 'match-review-errors');
    await page.getByRole('link', { name: 'Back' }).click();

    await review(page, { child: 'Did not want to say', visitor: 'Going okay', carer: 'Going well' });
    await review(page, {
      child: 'Going really well',
      visitor: 'Going well',
      carer: 'Going well',
      words: 'Siân is teaching me chess and I won once!',
    });

    const section = page.locator('main');
    const table = page.getByRole('table', {
      name: 'What each person said at each match review, newest first',
    });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      'Match review',
      'Kwame',
      'Siân Pritchard',
      'Carer',
    ]);
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Going really well');
    expect(rows[0]).toContain('“Siân is teaching me chess and I won once!”');
    expect(rows[1]).toContain('Did not want to say');
    const trends = await page.locator('.app-match-trend li').allTextContents();
    expect(trends).toEqual([
      'Kwame: no trend yet (it needs an answer at two reviews)',
      'Siân Pritchard: better than at the review before',
      'Carer: the same as at the review before',
    ]);
    const history = await page.locator('.app-timeline').textContent();
    expect(history).toContain(
      'Priya Okafor reviewed the match: continuing. Kwame said it is going really well; the Independent Visitor said it is going well; the carer said it is going well.',
    );
    expect(history).toContain('“Siân is teaching me chess and I won once!”');
    expect(await section.textContent()).toContain('How the match is going');
    await expectAccessible(page);
    await takeScreenshot(page, 'match-reviews-trend');

    // In Welsh: the same reviews, the trend and the scale in Welsh.
    await page.getByRole('link', { name: 'Newid yr iaith i’r Gymraeg' }).click();
    expect(await page.getByRole('heading', { name: 'Sut mae’r paru’n mynd' }).count()).toBe(1);
    expect(await page.locator('.app-match-trend li').allTextContents()).toContain(
      'Siân Pritchard: yn well nag yn yr adolygiad blaenorol',
    );
    expect(await page.getByRole('table').first().textContent()).toContain('Mynd yn dda iawn');
    await expectAccessible(page);
    await takeScreenshot(page, 'match-reviews-trend-welsh');
    await page.getByRole('link', { name: 'Change the language to English' }).click();
    await page.close();
  });

  it('asks how the visitor wants to hear from the service, and refuses text messages without a phone number', async () => {
    const page = await signedInPage(rig, 'Priya Okafor');
    await page.goto(`${rig.baseUrl}/volunteers/${volunteerId}`);
    await page.getByRole('link', { name: 'Change the volunteer’s details' }).click();
    await chooseRadio(page, 'How would they like us to contact them? (optional)', 'Text message');
    await chooseRadio(page, 'Language for emails and text messages (optional)', 'Welsh (Cymraeg)');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'To send text messages, enter the volunteer’s mobile phone number, or choose email.',
    );
    await expectAccessible(page);
    await takeScreenshot(page, 'volunteer-contact-error');
    await page.getByLabel('Phone number (optional)').fill('07700 900123');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await banner(page)).toContain('saved');
    const details = await page.locator('.govuk-summary-list').first().textContent();
    expect(details).toContain('Text message');
    expect(details).toContain('Welsh (Cymraeg)');
    expect(await page.locator('.app-timeline').textContent()).toContain(
      'how they want to be contacted to text message; language for messages to Welsh (Cymraeg)',
    );
    await expectAccessible(page);
    await page.close();
  });
});
