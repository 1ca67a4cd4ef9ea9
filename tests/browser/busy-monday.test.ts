import type { Page } from 'playwright-core';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../application/access';
import type { App } from '../../application/app';
import { childActionBySlug } from '../../application/children/actions';
import { enterCare, recordForChild } from '../../application/children/children';
import { quietLog } from '../../application/ports/log';
import type { ChildRow } from '../../application/projections/child-row';
import { createStreamProjector } from '../../application/projections/project';
import { rebuild } from '../../application/projections/rebuild';
import { volunteerActionBySlug } from '../../application/volunteers/actions';
import { recordForVolunteer, registerVolunteer } from '../../application/volunteers/volunteers';
import { addDays, londonDateOf } from '../../domain/calendar';
import { childStreamId, volunteerStreamId } from '../../events/stream-id';
import { DEMO_LA, demoStaffOf, PERSONAS } from '../../infra/local/personas';
import { seedLa } from '../../scripts/seed';
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
import { localClient, testKeys } from '../support/store';
import { vettingSteps } from '../support/vetting';

/**
 * Each persona's busy Monday, over a generated local authority of 150 children and their staff: finding a child by
 * part of their name, working through "my caseload", matching by fit, and correcting a mistake. Every page is
 * checked with axe, and what staff read is checked for the developer language the issue found.
 */
const CHILDREN = 150;
const persona = (role: Principal['role']) => PERSONAS.find((p) => p.role === role && p.la === DEMO_LA.code)!;
const identity = () => ({ commandId: ulid(), requestHash: 'browser-test' });

/** What staff read has no camelCase, ISO timestamp or raw id. */
async function expectPlainEnglish(page: Page) {
  const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  expect(text).not.toMatch(/\b[0-9A-HJKMNP-TV-Z]{26}\b/);
  expect(text).not.toMatch(/\b[a-z]+[A-Z][a-z]+[A-Za-z]*\b/);
  expect(text).not.toMatch(/E09999001-c\d+/);
}

describe.skipIf(chromiumMissing)('a busy Monday, by name', () => {
  let rig: BrowserRig;
  let app: App;
  let project: ReturnType<typeof createStreamProjector>;
  beforeAll(async () => {
    const isolated = await isolatedApp(`monday${Date.now()}`);
    app = isolated.app;
    await seedLa(localClient(), isolated.tables, DEMO_LA.code, {
      children: CHILDREN,
      seed: 'monday',
      asOf: londonDateOf(new Date()),
      staff: demoStaffOf(DEMO_LA.code, CHILDREN),
      keys: testKeys(),
    });
    project = createStreamProjector({
      store: app.store,
      readModels: app.readModels,
      now: () => new Date(),
      log: quietLog,
    });
    await rebuild({ store: app.store, project, las: [DEMO_LA.code] });
    rig = await startBrowserRig(app);
  }, 180_000);
  afterAll(() => rig?.close());

  const rowsOf = (page: Page) => page.locator('table.app-child-table tbody tr');

  it('gives an IRO their own caseload first, page by page, and lets them filter it and open a child', async () => {
    const page = await signedInPage(rig, persona('iro').name);
    expect(await page.locator('h1').textContent()).toBe('My caseload');
    const heading = (await page.locator('#list').textContent())!;
    const total = Number(heading.match(/^(\d+) children/)?.[1]);
    expect(total).toBeGreaterThan(25);
    expect(await rowsOf(page).count()).toBe(25);
    await expectAccessible(page);
    await expectPlainEnglish(page);
    const firstPage = await rowsOf(page).allTextContents();
    // Every child listed is this IRO's.
    for (const row of firstPage) expect(row).toContain(persona('iro').name);

    await page.getByRole('link', { name: 'Next' }).click();
    expect(page.url()).toContain('page=2');
    const secondPage = await rowsOf(page).allTextContents();
    expect(secondPage.length).toBe(Math.min(25, total - 25));
    expect(secondPage.some((r) => firstPage.includes(r))).toBe(false);
    await expectAccessible(page);

    await page.getByLabel('Placement').selectOption({ label: 'Out of area' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    for (const row of await rowsOf(page).allTextContents()) expect(row).toContain('out of area');
    expect(await page.locator('#list').textContent()).toContain('placed out of area');

    await rowsOf(page).first().locator('a').click();
    expect(await page.locator('.govuk-task-list').count()).toBe(1);
    expect(await page.locator('.app-who').textContent()).toContain(persona('iro').name);
    await expectAccessible(page);
    await expectPlainEnglish(page);
    await page.close();
  });

  it('lets a coordinator find a child by part of their name, whatever the case and accents', async () => {
    const rows: ChildRow[] = [];
    for await (const row of app.readModels.childRowsOf(DEMO_LA.code)) if (row.current) rows.push(row);
    const wanted = rows.find((r) => r.lastName && r.lastName.length >= 5 && !r.lastName.includes("'"))!;
    const page = await signedInPage(rig, persona('coordinator').name);
    expect(await page.locator('h1').textContent()).toBe('Your tasks');
    await takeScreenshot(page, 'home');
    await page.getByLabel('Find a child').fill(wanted.lastName!.slice(0, 4).toUpperCase());
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await page.locator('h2').first().textContent()).toMatch(/\d+ (child|children) found/);
    const link = page.getByRole('link', { name: new RegExp(`^${wanted.lastName}, `) }).first();
    await expectAccessible(page);
    await link.click();
    expect(await page.locator('h1').textContent()).toContain(wanted.lastName);
    expect(await page.locator('#history + .app-timeline').textContent()).toMatch(
      /recorded .* coming into care/,
    );
    await expectAccessible(page);
    await expectPlainEnglish(page);

    await page.goto(`${rig.baseUrl}/`);
    await page.getByLabel('Find a child').fill('x');
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter at least 2 letters');
    await expectAccessible(page);
    await page.close();
  });

  it('ranks volunteers by how they fit the referral, says why, and checks the match before making it', async () => {
    const coordinator = persona('coordinator');
    const today = londonDateOf(new Date());
    const { childId } = await enterCare(
      app,
      coordinator,
      {
        firstNames: 'Amara',
        lastName: 'Fairbairn',
        dateOfBirth: '2013-05-14',
        sex: 'female',
        ethnicity: 'BAFR',
        unaccompaniedAsylumSeeking: false,
        placementInLaArea: true,
        placementArea: 'Kingsmead',
        socialWorkerRef: persona('social-worker').id,
        iroRef: persona('iro').id,
      },
      identity(),
    );
    for (const [slug, input] of [
      ['offer', {}],
      [
        'decision',
        {
          decision: 'accepted',
          sufficientUnderstanding: true,
          childsWords: 'I would like someone to go swimming with.',
        },
      ],
      [
        'referral',
        { interests: ['swimming'], visitorSex: 'female', availability: ['weekends'], languages: [] },
      ],
    ] as const)
      await recordForChild(app, coordinator, childId, childActionBySlug(slug)!, input, identity());
    const volunteer = async (name: string, profile: object) => {
      const { volunteerId } = await registerVolunteer(app, coordinator, { name, ...profile }, identity());
      for (const [slug, input] of vettingSteps({
        today,
        dbs: { level: 'enhanced', issuedOn: addDays(today, -9) },
        capacity: 1,
        referenceIds: ['REF-1', 'REF-2'],
      }))
        await recordForVolunteer(
          app,
          coordinator,
          volunteerId,
          volunteerActionBySlug(slug)!,
          input,
          identity(),
        );
      await project(volunteerStreamId(volunteerId));
      return volunteerId;
    };
    await volunteer('Marcus Hargreaves', {
      sex: 'male',
      travelAreas: ['Eastbury'],
      interests: ['gaming'],
      availability: ['weekday-evenings'],
    });
    await volunteer('Bethan Lloyd', {
      sex: 'female',
      travelAreas: ['Kingsmead'],
      interests: ['swimming', 'art'],
      availability: ['weekends'],
    });
    await project(childStreamId(childId));

    const page = await signedInPage(rig, coordinator.name);
    await page.goto(`${rig.baseUrl}/children/${childId}`);
    expect(await page.locator('.app-childs-words').first().textContent()).toContain(
      'I would like someone to go swimming with.',
    );
    await page.getByRole('link', { name: 'Match with a volunteer' }).click();
    const suggestions = page.getByRole('group', { name: /Suggested volunteers/ });
    const first = suggestions.locator('.govuk-radios__item').first();
    expect(await first.locator('label').textContent()).toContain('Bethan Lloyd');
    const why = (await first.locator('.govuk-hint').textContent())!.replace(/\s+/g, ' ');
    expect(why).toContain('A woman, as Amara asked');
    expect(why).toContain('Travels to Kingsmead');
    expect(why).toContain('Shares interests: Swimming');
    expect(why).toContain('Free at weekends');
    expect(await suggestions.textContent()).toContain('Does not fit: Amara asked for a woman');
    await expectAccessible(page);
    await expectPlainEnglish(page);

    await chooseRadio(page, 'Suggested volunteers, best fit first', 'Bethan Lloyd');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('h1').textContent()).toBe('Check the match before recording it');
    expect(await page.locator('.govuk-summary-list').textContent()).toContain('Bethan Lloyd');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Make the match' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Bethan Lloyd is now Amara’s Independent Visitor',
    );
    const iv = page.locator('.app-who').getByRole('link', { name: 'Bethan Lloyd' });
    expect(await iv.getAttribute('href')).toMatch(/^\/volunteers\//);
    expect(await page.locator('.app-timeline').textContent()).toContain(
      `${coordinator.name} matched Amara with Bethan Lloyd as their Independent Visitor.`,
    );
    await takeScreenshot(page, 'child');
    await page.close();
  });

  it('lets a social worker correct the child’s details and mark an entry made by mistake, both shown in the history', async () => {
    const socialWorker = persona('social-worker');
    const page = await signedInPage(rig, socialWorker.name);
    expect(await page.locator('h1').textContent()).toBe('My caseload');
    await rowsOf(page).first().locator('a').click();
    const childUrl = page.url();

    await page.getByRole('link', { name: 'Correct the child’s details' }).click();
    await page.getByLabel('Preferred name (optional)').fill('Sunny');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('h1').textContent()).toMatch(/^Sunny \(/);
    expect(await page.locator('.app-timeline').first().textContent()).toContain(
      'details: preferred name to Sunny',
    );

    await page.getByRole('link', { name: 'Record a change of placement' }).click();
    await chooseRadio(page, 'Is the placement inside the local authority’s own area?', 'Yes');
    await page.getByLabel('Town or district of the placement (optional)').fill('Ashby Green');
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByRole('link', { name: 'Mark an entry as recorded by mistake' }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Mark as a mistake' }).click();
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('Select the entry that was recorded by mistake');
    expect(summary).toContain('Enter what was wrong with the entry');
    await expectAccessible(page);
    await page
      .getByLabel(/move to a placement in Ashby Green/)
      .first()
      .check();
    await page.getByLabel('What was wrong with it?').fill('Recorded on the wrong child');
    await page.getByRole('button', { name: 'Mark as a mistake' }).click();
    expect(page.url()).toContain(childUrl.split('/').at(-1));
    const history = page.locator('.app-timeline');
    expect(await history.locator('.app-timeline__item--in-error').first().textContent()).toContain(
      'Ashby Green',
    );
    expect(await history.textContent()).toContain('as recorded by mistake: “Recorded on the wrong child”');
    await expectAccessible(page);
    await expectPlainEnglish(page);
    await page.close();
  });

  it('gives a manager their team’s children, with counts in the headings and a CSV of the list', async () => {
    const page = await signedInPage(rig, persona('manager').name);
    expect(await page.locator('.app-scopes strong').textContent()).toBe('My team');
    expect(await page.locator('#list').textContent()).toMatch(/^\d+ children/);
    expect(await page.locator('.app-duty-counts tbody tr').count()).toBe(6);
    const csv = await page.request.get(
      rig.baseUrl + (await page.getByRole('link', { name: 'Download this list (CSV)' }).getAttribute('href')),
    );
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\r\n')[0]).toBe(
      'Name,Case-system id,Age,Placement,Social worker,IRO,What is next,Due,Status',
    );
    await expectAccessible(page);
    await page.close();
  });
});
