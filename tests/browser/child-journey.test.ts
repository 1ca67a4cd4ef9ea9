import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childStreamId } from '../../events/stream-id';
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
import { testProjector } from '../support/read-models';

describe.skipIf(chromiumMissing)('a child’s journey in the admin UI', () => {
  let rig: BrowserRig;
  let childUrl: string;
  beforeAll(async () => {
    rig = await startBrowserRig(testApp());
  });
  afterAll(() => rig?.close());

  const newPage = (persona: string) => signedInPage(rig, persona);

  it('lets a coordinator record a child entering care, check the answers, then tell, offer, record the decision and refer', async () => {
    const page = await newPage('Priya Okafor');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Record a child entering care' }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    // Nothing filled in: the error summary names each question in one round, and the page stays accessible.
    const summary = await page.locator('.govuk-error-summary').textContent();
    for (const message of [
      'Enter the child’s first names',
      'Enter the child’s date of birth',
      'Select the child’s sex',
      'Select the allocated social worker',
    ])
      expect(summary).toContain(message);
    await expectAccessible(page);

    await page.getByLabel('First names').fill('Imogen Rose');
    await page.getByLabel('Last name').fill('Ashworth');
    await page.getByLabel('Preferred name (optional)').fill('Immy');
    await page.getByLabel('Case-system id (optional)').fill('MOS-7702114');
    await fillDate(page, 'Date of birth', '2013-04-09');
    await chooseRadio(page, 'Sex', 'Female');
    await page.getByLabel('Ethnicity').selectOption({ label: 'Mixed: White and Black Caribbean' });
    await chooseRadio(page, 'Is the child an unaccompanied asylum-seeking child?', 'No');
    await chooseRadio(page, 'Is the placement inside the local authority’s own area?', 'No');
    await page.getByLabel('Town or district of the placement (optional)').fill('Westford');
    await page
      .getByLabel('Allocated social worker')
      .selectOption({ label: 'Tom Brightwell (Children in Care Team North)' });
    await page
      .getByLabel('Independent reviewing officer')
      .selectOption({ label: 'Grace Adeyemi (Independent Reviewing Service)' });
    await page.getByRole('button', { name: 'Continue' }).click();

    // Check answers: nothing is recorded until it is confirmed.
    expect(await page.locator('h1').textContent()).toBe('Check the details before recording');
    const answers = await page.locator('.govuk-summary-list').textContent();
    for (const answer of ['Imogen Rose', 'Ashworth', '9 April 2013', 'Westford', 'Tom Brightwell'])
      expect(answers).toContain(answer);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Record entering care' }).click();

    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Entering care recorded');
    childUrl = page.url();
    expect(await page.locator('h1').textContent()).toBe('Immy (Imogen Rose Ashworth)');
    expect(await page.locator('#deadlines + table').textContent()).toContain('Offer an Independent Visitor');
    await expectAccessible(page);

    for (const action of [
      'Record that the child was told about Independent Visitors',
      'Record the offer of an Independent Visitor',
    ]) {
      await page.getByRole('link', { name: action }).click();
      await page.getByRole('button', { name: 'Save' }).click();
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('saved');
    }
    await page.getByRole('link', { name: 'Record the child’s decision' }).click();
    await chooseRadio(page, 'What did the child decide?', 'Accepted');
    await chooseRadio(
      page,
      'Does the child have sufficient understanding to make an informed decision?',
      'Yes',
    );
    await page.getByLabel('The child’s own words (optional)').fill('Yes please, someone who likes football.');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Refer to the Independent Visitor service' }).click();
    await page.getByLabel('Interests (optional)').fill('Football\ndrawing');
    await page.getByLabel('Other needs (optional)').fill('BSL signer');
    await page.getByRole('button', { name: 'Save' }).click();

    const history = await page.locator('.app-timeline').textContent();
    for (const entry of [
      'Priya Okafor recorded Immy coming into care, placed in Westford, outside the local authority’s area, with Tom Brightwell as social worker and Grace Adeyemi as independent reviewing officer.',
      'Priya Okafor told Immy about Independent Visitors.',
      'Priya Okafor offered Immy an Independent Visitor.',
      'Priya Okafor recorded that Immy accepted the offer of an Independent Visitor, with the understanding to decide.',
      'In their own words: “Yes please, someone who likes football.”',
      'needs: BSL signer',
    ])
      expect(history).toContain(entry);
    // The duty to offer is met; the referral now has its own deadline.
    const deadlines = await page.locator('#deadlines + table').textContent();
    expect(deadlines).not.toContain('Offer an Independent Visitor');
    expect(deadlines).toContain('Find a match for the referral');
    await page.close();
  });

  it('lets an IRO find the child by part of their name and record a looked-after review', async () => {
    // The lists and search read the projections, which the local runtime's projector keeps current.
    await testProjector(() => new Date())(childStreamId(childUrl.split('/').at(-1)!));
    const page = await newPage('Grace Adeyemi');
    await page.getByLabel('Find a child').fill('ashw');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Ashworth, Immy' }).click();
    expect(page.url()).toBe(childUrl);
    await page.getByRole('link', { name: 'Record a looked-after review' }).click();
    await chooseRadio(page, 'Was the Independent Visitor question considered?', 'Yes');
    await chooseRadio(page, 'Outcome for the Independent Visitor question', 'Referred, waiting for a match');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('.app-timeline').textContent()).toContain(
      'Grace Adeyemi recorded Immy’s looked-after review, which considered an Independent Visitor: referred, waiting for a match.',
    );
    // An IRO records reviews, not the rest of the journey.
    expect(await page.getByRole('link', { name: 'Record a visit' }).count()).toBe(0);
    await page.close();
  });

  it('refuses a coordinator of another local authority, showing nothing of the child', async () => {
    const page = await newPage('Rhys Morgan');
    const response = await page.goto(childUrl);
    expect(response?.status()).toBe(404);
    expect(await page.locator('main').textContent()).toContain(
      'There is no child with that reference in your local authority',
    );
    expect(await page.locator('main').textContent()).not.toContain('Ashworth');
    await expectAccessible(page);
    await page.close();
  });
});
