import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app';
import {
  type BrowserRig,
  chooseRadio,
  chromiumMissing,
  expectAccessible,
  fillDate,
  signedInPage,
  startBrowserRig,
  takeScreenshot,
} from '../support/browser';

describe.skipIf(chromiumMissing)('a child’s journey in the admin UI', () => {
  let rig: BrowserRig;
  let childUrl: string;
  beforeAll(async () => {
    rig = await startBrowserRig(testApp());
  });
  afterAll(() => rig?.close());

  const newPage = (persona: string) => signedInPage(rig, persona);

  it('lets a coordinator record a child entering care, then tell, offer, record the decision and refer', async () => {
    const page = await newPage('Priya Okafor');
    await expect(page.getByRole('heading', { level: 1 })).toBeTruthy();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Record a child entering care' }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Record entering care' }).click();
    // Nothing filled in: the error summary names each question, and the page stays accessible.
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Date of birth must be a real date',
    );
    await expectAccessible(page);

    await fillDate(page, 'Date of birth', '2013-04-09');
    await chooseRadio(page, 'Sex', 'Female');
    await page.getByLabel('Ethnicity').selectOption({ label: 'Mixed: White and Black Caribbean' });
    await chooseRadio(page, 'Is the child an unaccompanied asylum-seeking child?', 'No');
    await chooseRadio(page, 'Is the placement inside the local authority’s own area?', 'No');
    await page.getByLabel('Allocated social worker’s user id').fill('persona-social-worker');
    await page.getByLabel('Independent reviewing officer’s user id').fill('persona-iro');
    await page.getByRole('button', { name: 'Record entering care' }).click();

    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Entering care recorded');
    childUrl = page.url();
    expect(await page.locator('table').textContent()).toContain('Offer an Independent Visitor');
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
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Refer to the Independent Visitor service' }).click();
    await page.getByLabel('Interests').fill('football\ndrawing');
    await page.getByRole('button', { name: 'Save' }).click();

    const history = await page.locator('.app-timeline').textContent();
    for (const entry of [
      'Entered care',
      'Told about Independent Visitors',
      'Offered an Independent Visitor',
      'Child’s decision recorded',
      'Referred to the Independent Visitor service',
    ]) {
      expect(history).toContain(entry);
    }
    // The duty to offer is met; the referral now has its own deadline.
    const deadlines = await page.locator('table').textContent();
    expect(deadlines).not.toContain('Offer an Independent Visitor');
    expect(deadlines).toContain('referral');
    await takeScreenshot(page, 'child');
    await page.close();
  });

  it('lets an IRO find the child and record a looked-after review', async () => {
    const page = await newPage('Grace Adeyemi');
    await page.getByLabel('Find a child by reference').fill(childUrl.split('/').at(-1)!);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('link', { name: 'Record a looked-after review' }).click();
    await chooseRadio(page, 'Was the Independent Visitor question considered?', 'Yes');
    await chooseRadio(page, 'Outcome for the Independent Visitor question', 'Referred, waiting for a match');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('.app-timeline').textContent()).toContain('Looked-after review held');
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
    expect(await page.locator('main').textContent()).not.toContain('Entered care');
    await expectAccessible(page);
    await page.close();
  });
});
