import type { Page } from 'playwright-core';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../adapters/api/app';
import { issueSessionToken } from '../../adapters/http/session';
import type { Principal } from '../../application/access';
import type { App } from '../../application/app';
import { isolatedApp, people } from '../support/app';
import {
  type BrowserRig,
  chooseRadio,
  chromiumMissing,
  expectAccessible,
  STEP_TIMEOUT_MS,
  startBrowserRig,
} from '../support/browser';
import { TEST_SECRET } from '../support/http';
import { visitorWorld } from '../support/visitors';

/*
 * The Independent Visitor's journey on a phone (320 pixels wide, the narrowest WCAG 2.2 reflow asks for): the
 * children they visit, recording a visit, raising a concern; every page checked with axe and for sideways scrolling.
 * Set SCREENSHOTS_TO=<folder> to keep a picture of each page. Staff's pages are checked at a laptop's width.
 */
const PHONE = { width: 320, height: 640 };

describe.skipIf(chromiumMissing)('the Independent Visitor’s journey on a phone', () => {
  let app: App;
  const SECRET = 'browser-test-secret';
  let rig: BrowserRig;
  let visitor: Principal;
  let childId: string;
  beforeAll(async () => {
    // Tables of its own, so its volunteer stays out of the shared LA's register.
    ({ app } = await isolatedApp(`b${ulid().toLowerCase()}-`));
    rig = await startBrowserRig(app);
    const world = visitorWorld(createApiHandler(app, { localSessionSecret: TEST_SECRET }));
    const volunteer = await world.volunteer('Test Visitor');
    visitor = volunteer.visitor;
    childId = await world.matchedChild(volunteer.volunteerId);
  });
  afterAll(() => rig?.close());

  /** A phone signed in as `as`, by the session cookie the sign-in page would set. */
  async function phoneAs(as: Principal, viewport = PHONE): Promise<Page> {
    const context = await rig.browser.newContext({ viewport });
    await context.addCookies([
      { name: 'iv_session', value: issueSessionToken(as, SECRET), url: rig.baseUrl },
    ]);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    return page;
  }

  /** Accessible, and nothing wider than the phone: the page reflows rather than scrolling sideways. */
  async function check(page: Page, name: string) {
    await expectAccessible(page);
    const wide: number = await page.evaluate('document.documentElement.scrollWidth');
    const width = page.viewportSize()!.width;
    expect(wide, `${name} is wider than the screen`).toBeLessThanOrEqual(width);
    if (process.env.SCREENSHOTS_TO)
      await page.screenshot({ path: `${process.env.SCREENSHOTS_TO}/visitor-${name}.png`, fullPage: true });
  }

  it('records a visit and raises a concern from a phone', async () => {
    const page = await phoneAs(visitor);
    await page.goto(`${rig.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/my-visits');
    expect(await page.locator('h1').textContent()).toBe('The children you visit');
    const card = await page.locator('.govuk-summary-card').textContent();
    expect(card).toContain('Jay');
    expect(card).toContain('Millbrook');
    expect(card).toContain('Test Coordinator');
    expect(card).not.toContain('Okonkwo');
    await check(page, 'matches');

    await page.getByRole('button', { name: 'Record a visit with Jay' }).click();
    await page.getByRole('button', { name: 'Record the visit' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Select whether the visit happened',
    );
    await check(page, 'visit-errors');
    await chooseRadio(page, 'Did the visit happen?', 'Held');
    await chooseRadio(page, 'Was it in person or remote?', 'In person');
    await page.getByLabel('How long was the visit, in minutes? (optional)').fill('90');
    await page.getByLabel('What did you do? (optional)').fill('We went bowling and had chips');
    await chooseRadio(page, 'How did it go? (optional)', 'It went well');
    await page.getByLabel('What the child said, in their own words (optional)').fill('I beat you twice!');
    await check(page, 'visit-form');
    await page.getByRole('button', { name: 'Record the visit' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Your visit has been recorded',
    );

    await page.getByRole('link', { name: 'Raise a concern about Jay' }).click();
    await page.getByRole('button', { name: 'Send the concern' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter what the concern is');
    await page
      .getByLabel('What is the concern?')
      .fill('Jay said an older boy at his placement takes his money');
    await check(page, 'concern-form');
    await page.getByRole('button', { name: 'Send the concern' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'sent to your coordinator',
    );
    expect(await page.locator('.govuk-summary-card').textContent()).toContain(
      'Received: your coordinator will acknowledge it today',
    );
    await check(page, 'after');
    await page.context().close();
  });

  it('shows the coordinator the visit in the history and the concern due today', async () => {
    // Staff work at a desk: the child's record is checked at a laptop's width.
    const page = await phoneAs(people.coordinator, { width: 1024, height: 900 });
    await page.goto(`${rig.baseUrl}/children/${childId}`);
    const history = await page.locator('.app-timeline').textContent();
    expect(history).toContain(
      'Test Visitor, Jay’s Independent Visitor, recorded a visit in person of 90 minutes: “We went bowling and had chips”. It went well.',
    );
    expect(await page.locator('#concerns + table, #concerns ~ table').first().textContent()).toContain(
      'Open: not yet acknowledged',
    );
    expect(await page.locator('main').textContent()).toContain('Acknowledge the safeguarding concern');
    await check(page, 'coordinator-child');
    await page.context().close();
  });
});
