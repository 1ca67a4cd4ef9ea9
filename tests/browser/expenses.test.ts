import type { Page } from 'playwright-core';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../adapters/api/app';
import { issueSessionToken } from '../../adapters/http/session';
import type { Principal } from '../../application/access';
import type { App } from '../../application/app';
import { londonDateOf } from '../../domain/calendar';
import { isolatedApp, people } from '../support/app';
import {
  type BrowserRig,
  chooseRadio,
  chromiumMissing,
  expectAccessible,
  STEP_TIMEOUT_MS,
  startBrowserRig,
  takeScreenshot,
} from '../support/browser';
import { TEST_SECRET } from '../support/http';
import { JPEG, PDF } from '../support/multipart';
import { visitorWorld } from '../support/visitors';

/*
 * Expenses on a phone (320 pixels wide): the Independent Visitor claims twice with a receipt (a photo, then a PDF),
 * after a refused file; then the coordinator, at a desk, rejects one with a reason and approves the other, and the
 * visitor sees both decisions. Every page is checked with axe and for sideways scrolling.
 */
const PHONE = { width: 320, height: 640 };
const DESK = { width: 1024, height: 900 };

describe.skipIf(chromiumMissing)('expense claims and training, from a phone to the coordinator', () => {
  let app: App;
  const SECRET = 'browser-test-secret';
  let rig: BrowserRig;
  let visitor: Principal;
  let volunteerId: string;
  beforeAll(async () => {
    ({ app } = await isolatedApp(`e${ulid().toLowerCase()}-`));
    rig = await startBrowserRig(app);
    const world = visitorWorld(createApiHandler(app, { localSessionSecret: TEST_SECRET }));
    ({ volunteerId, visitor } = await world.volunteer('Test Visitor'));
  });
  afterAll(() => rig?.close());

  async function browserAs(as: Principal, viewport: { width: number; height: number }): Promise<Page> {
    const context = await rig.browser.newContext({ viewport });
    await context.addCookies([
      { name: 'iv_session', value: issueSessionToken(as, SECRET), url: rig.baseUrl },
    ]);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    return page;
  }

  async function check(page: Page, name: string) {
    await expectAccessible(page);
    const wide: number = await page.evaluate('document.documentElement.scrollWidth');
    expect(wide, `${name} is wider than the screen`).toBeLessThanOrEqual(page.viewportSize()!.width);
    await takeScreenshot(page, name);
  }

  const [year, month, day] = londonDateOf(new Date()).split('-');
  async function fillClaim(page: Page, amount: string, what: string, description: string) {
    await page.getByLabel('How much did you spend?').fill(amount);
    await chooseRadio(page, 'What was it for?', what);
    await page.getByLabel('Day').fill(day!);
    await page.getByLabel('Month').fill(month!);
    await page.getByLabel('Year').fill(year!);
    await page.getByLabel('What did you spend it on?').fill(description);
  }

  it('claims with a photo and a PDF of the receipt, after a file that is not one is refused', async () => {
    const page = await browserAs(visitor, PHONE);
    await page.goto(`${rig.baseUrl}/my-visits`);
    // On a phone the service's navigation folds into its menu.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Expenses' }).click();
    expect(await page.locator('h1').textContent()).toBe('Your expenses');
    await check(page, 'iv-expenses-empty');

    await page.getByRole('button', { name: 'Claim an expense' }).click();
    await fillClaim(page, '6.40', 'Travel', 'Bus fares to the bowling alley and back');
    await page
      .getByLabel('Receipt')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a receipt') });
    await check(page, 'iv-expense-claim');
    await page.getByRole('button', { name: 'Send the claim' }).click();
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.textContent()).toContain('The selected file must be a JPG, PNG or PDF');
    // The summary's link takes the visitor to the file input.
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#receipt');
    await check(page, 'iv-expense-errors');

    await page
      .getByLabel('Receipt')
      .setInputFiles({ name: 'ticket.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await page.getByRole('button', { name: 'Send the claim' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'sent to your coordinator',
    );

    await page.getByRole('button', { name: 'Claim an expense' }).click();
    await fillClaim(page, '£9', 'An activity', 'Two tickets for the cinema');
    await page
      .getByLabel('Receipt')
      .setInputFiles({ name: 'tickets.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Send the claim' }).click();
    const cards = page.locator('.govuk-summary-card');
    expect(await cards.count()).toBe(2);
    expect(await cards.nth(0).textContent()).toContain('£9.00: An activity');
    expect(await cards.nth(1).textContent()).toContain('£6.40: Travel');
    expect(await cards.nth(1).textContent()).toContain('Waiting for a decision');
    await check(page, 'iv-expenses-waiting');
    await page.context().close();
  });

  it('lets the coordinator open a receipt, reject one claim with a reason and approve the other', async () => {
    const page = await browserAs(people.coordinator, DESK);
    await page.goto(`${rig.baseUrl}/volunteers/${volunteerId}`);
    const claims = page.locator('#expenses ~ .govuk-summary-card');
    expect(await page.locator('main').textContent()).toContain('2 claims are waiting for a decision.');
    await check(page, 'coordinator-expense-claims');

    const receipt = await page
      .getByRole('link', { name: 'View the receipt (JPEG image)' })
      .getAttribute('href');
    const file = await page.request.get(`${rig.baseUrl}${receipt}`);
    expect(file.headers()['content-type']).toBe('image/jpeg');
    expect(Buffer.from(await file.body())).toEqual(JPEG);

    await page.getByRole('link', { name: 'Reject the claim for £6.40' }).click();
    await page.getByRole('button', { name: 'Reject the claim' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter why you are rejecting the claim',
    );
    await page
      .getByLabel('Why are you rejecting the claim?')
      .fill('The receipt is for a single fare: send the return one too');
    await check(page, 'coordinator-expense-reject');
    await page.getByRole('button', { name: 'Reject the claim' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('The claim is rejected');

    await page.getByRole('link', { name: 'Approve the claim for £9.00' }).click();
    await page.getByRole('button', { name: 'Approve the claim' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('The claim is approved');
    expect(await page.locator('main').textContent()).toContain('0 claims are waiting for a decision.');
    const history = await page.locator('.app-timeline').textContent();
    expect(history).toContain(
      'Test Coordinator rejected Test Visitor’s claim of £6.40 for travel: “The receipt is for a single fare: send the return one too”.',
    );
    expect(history).toContain('Test Coordinator approved Test Visitor’s claim of £9.00 for an activity.');
    expect(await claims.count()).toBe(2);
    await check(page, 'coordinator-expense-decided');
    await page.context().close();
  });

  it('shows the visitor each decision, and why one was rejected', async () => {
    const page = await browserAs(visitor, PHONE);
    await page.goto(`${rig.baseUrl}/my-visits/expenses`);
    const cards = page.locator('.govuk-summary-card');
    expect(await cards.nth(0).textContent()).toContain('Approved');
    expect(await cards.nth(1).textContent()).toContain('Rejected');
    expect(await cards.nth(1).textContent()).toContain('send the return one too');
    await check(page, 'iv-expenses-decided');
    await page.context().close();
  });

  it('records training with its expiry from the phone; the coordinator sees the lapsed course', async () => {
    const page = await browserAs(visitor, PHONE);
    await page.goto(`${rig.baseUrl}/my-visits/training`);
    expect(await page.locator('h1').textContent()).toBe('Your training');
    await page.getByRole('button', { name: 'Record training' }).click();
    await chooseRadio(page, 'Which course did you complete?', 'Safeguarding children');
    const [y] = londonDateOf(new Date()).split('-');
    const dates = page.locator('.govuk-date-input');
    for (const [i, [d, m, yy]] of [
      ['2', '3', String(Number(y) - 3)],
      ['2', '3', String(Number(y) - 1)],
    ].entries()) {
      await dates.nth(i).getByLabel('Day').fill(d!);
      await dates.nth(i).getByLabel('Month').fill(m!);
      await dates.nth(i).getByLabel('Year').fill(yy!);
    }
    await check(page, 'iv-training-form');
    await page.getByRole('button', { name: 'Record training' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Your training has been recorded',
    );
    expect(await page.locator('.govuk-warning-text').textContent()).toContain(
      'Safeguarding children has lapsed',
    );
    await check(page, 'iv-training');
    await page.context().close();

    const desk = await browserAs(people.coordinator, DESK);
    await desk.goto(`${rig.baseUrl}/volunteers/${volunteerId}`);
    expect(await desk.locator('.govuk-warning-text').textContent()).toContain(
      'Safeguarding children has lapsed',
    );
    expect(await desk.locator('.app-timeline').textContent()).toContain(
      'Test Visitor recorded completing Safeguarding children on 2 March',
    );
    await check(desk, 'coordinator-training-lapsed');
    await desk.context().close();
  });
});
