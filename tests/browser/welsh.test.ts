import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../adapters/api/app';
import { people, testApp } from '../support/app';
import {
  attachExtract,
  type BrowserRig,
  chooseRadio,
  chromiumMissing,
  expectAccessible,
  signedInPage,
  startBrowserRig,
  takeScreenshot,
} from '../support/browser';
import { apiEvent, TEST_SECRET } from '../support/http';
import { twoChildren } from '../support/ssda903';

/*
 * A coordinator's journey in Welsh: the language toggle, then a child entering care (with the GOV.UK errors in
 * Welsh), checking the answers and recording that the child was told about Independent Visitors. Every page is
 * checked with axe, so the Welsh pages are as accessible as the English ones (lang="cy" included).
 */
describe.skipIf(chromiumMissing)('a coordinator’s journey in Welsh', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startBrowserRig(testApp());
  });
  afterAll(() => rig?.close());

  it('switches to Welsh, records a child entering care and tells them about Independent Visitors, all in Welsh', async () => {
    const page = await signedInPage(rig, 'Priya Okafor');
    await page.getByRole('link', { name: 'Newid yr iaith i’r Gymraeg' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Eich tasgau');
    await expectAccessible(page);
    await takeScreenshot(page, 'welsh-tasks');

    await page.getByRole('link', { name: 'Cofnodi plentyn yn mynd i ofal' }).click();
    await page.getByRole('button', { name: 'Parhau' }).click();
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('Mae problem wedi codi');
    for (const message of [
      'Rhowch enwau cyntaf y plentyn',
      'Rhowch ddyddiad geni’r plentyn',
      'Dewiswch ryw’r plentyn',
      'Dewiswch y gweithiwr cymdeithasol dynodedig',
    ])
      expect(summary).toContain(message);
    await expectAccessible(page);
    await takeScreenshot(page, 'welsh-errors');

    await page.getByLabel('Enwau cyntaf', { exact: true }).fill('Elin Haf');
    await page.getByLabel('Cyfenw', { exact: true }).fill('Prydderch');
    // The date's parts are labelled in Welsh.
    const born = page.getByRole('group', { name: 'Dyddiad geni' });
    await born.getByLabel('Diwrnod').fill('9');
    await born.getByLabel('Mis').fill('4');
    await born.getByLabel('Blwyddyn').fill('2013');
    await chooseRadio(page, 'Rhyw', 'Benyw');
    await page.getByLabel('Ethnigrwydd').selectOption({ label: 'Gwyn: Gwyn Prydeinig' });
    await chooseRadio(page, 'Ydy’r plentyn yn blentyn ar ei ben ei hun sy’n ceisio lloches?', 'Na');
    await chooseRadio(page, 'Ydy’r lleoliad o fewn ardal yr awdurdod lleol ei hun?', 'Ie');
    await page
      .getByLabel('Gweithiwr cymdeithasol dynodedig')
      .selectOption({ label: 'Tom Brightwell (Children in Care Team North)' });
    await page
      .getByLabel('Swyddog adolygu annibynnol')
      .selectOption({ label: 'Grace Adeyemi (Independent Reviewing Service)' });
    await chooseRadio(page, 'Iaith llythyrau a negeseuon e-bost (dewisol)', 'Cymraeg');
    await page.getByRole('button', { name: 'Parhau' }).click();

    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Gwiriwch y manylion cyn cofnodi');
    const answers = await page.locator('.govuk-summary-list').textContent();
    expect(answers).toContain('9 Ebrill 2013');
    expect(answers).toContain('Benyw');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Cofnodi mynd i ofal' }).click();

    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Elin Haf Prydderch');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Cofnodwyd bod y plentyn wedi mynd i ofal.',
    );
    expect(await page.locator('#journey').textContent()).toContain('Taith Ymwelydd Annibynnol');
    // The history tells it in Welsh, with the date in Welsh.
    const history = await page.locator('.app-timeline').textContent();
    expect(history).toContain('Cofnododd Priya Okafor fod Elin wedi dod i ofal');
    expect(history).toMatch(
      /Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr/,
    );
    await expectAccessible(page);
    await takeScreenshot(page, 'welsh-child');

    await page
      .getByRole('link', { name: 'Cofnodi bod y plentyn wedi cael gwybod am Ymwelwyr Annibynnol' })
      .click();
    await page.getByRole('button', { name: 'Cadw' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('wedi’i gadw');
    expect(await page.locator('.govuk-task-list').textContent()).toContain('Wedi’i wneud');

    // The choice is remembered: the next page is Welsh too, and English is one click back.
    await page.goto(`${rig.baseUrl}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await page.getByRole('link', { name: 'Change the language to English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Your tasks');
  });

  it('answers the Welsh council’s coordinator in Welsh without asking: the volunteers, a volunteer’s record and the report', async () => {
    // Nia Pritchard works for Glanyrafon (demo), a Welsh council: Welsh is her default.
    const page = await signedInPage(rig, 'Nia Pritchard');
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Eich tasgau');

    await page.getByRole('link', { name: 'Gwirfoddolwyr' }).first().click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Gwirfoddolwyr');
    await page.getByRole('link', { name: 'Cofrestru gwirfoddolwr' }).click();
    await page.getByRole('button', { name: 'Cofrestru’r gwirfoddolwr' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Rhowch enw llawn y gwirfoddolwr',
    );
    await expectAccessible(page);
    await page.getByLabel('Enw llawn').fill('Gwenllian Morgan');
    await page.getByRole('button', { name: 'Cofrestru’r gwirfoddolwr' }).click();

    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('Gwenllian Morgan');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Cofrestrwyd Gwenllian Morgan.',
    );
    expect(await page.locator('.app-timeline').textContent()).toContain(
      'Cofnododd Nia Pritchard gais Gwenllian Morgan i fod yn Ymwelydd Annibynnol.',
    );
    await expectAccessible(page);
    await takeScreenshot(page, 'welsh-volunteer');

    await page.getByRole('link', { name: 'Cofnodi’r gwiriad DBS' }).click();
    await page.getByLabel('Rhif y dystysgrif').fill('12');
    await page.getByRole('button', { name: 'Cadw' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Rhif y dystysgrif: rhowch y 12 digid sydd wedi’u hargraffu ar y dystysgrif',
    );
    await expectAccessible(page);
    await takeScreenshot(page, 'welsh-volunteer-form');

    await page.goto(`${rig.baseUrl}/reports`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Adroddiad Ymwelwyr Annibynnol');
    expect(await page.locator('main').textContent()).toContain('Amseroedd aros');
    await expectAccessible(page);
    await takeScreenshot(page, 'welsh-report');
  });

  it('previews an SSDA903 import in Welsh: every refused row, and what would be recorded, in Welsh', async () => {
    const page = await signedInPage(rig, 'Nia Pritchard');
    await page.goto(`${rig.baseUrl}/imports/ssda903`);
    const extract = twoChildren('');
    extract.Header.push('1003,X,2012/03/14,WBRI,,,');
    extract.Episodes.push('1001,10/06/2024,P,C2,N1,U6,PR4,20/01/2025,E4A,CARPL,,QZ9 9ZZ,');
    extract.Episodes.push('1004,01/10/2025,S,C2,N1,U4,PR1,,,,,NV2 3EF,');
    await attachExtract(page, extract, {
      Header: 'Ffeil Header',
      Episodes: 'Ffeil Episodes',
      Reviews: 'Ffeil Reviews',
    });
    await page.getByRole('button', { name: 'Rhagweld y mewnforio' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Gwiriwch y mewnforio cyn ei gadarnhau');
    const summary = await page.locator('.govuk-error-summary').textContent();
    for (const welsh of [
      'Nid yw SEX “X” ar restr yr Adran Addysg (2025 i 2026) o godau ar gyfer rhyw',
      'Dydy DOB “2012/03/14” ddim yn ddyddiad.',
      'Mae’r rhes hon yn ailadrodd rhes 3. Tynnwch un ohonyn nhw allan.',
      'Does dim rhes Header ar gyfer CHILD 1004.',
    ])
      expect(summary).toContain(welsh);
    expect(await page.locator('main').textContent()).toContain('Dechrau derbyn gofal ar 5 Medi 2025');
    await expectAccessible(page);
    await takeScreenshot(page, 'import-preview-welsh');
  });

  it('downloads the audit export and the subject access copy in Welsh, each as accessible as the pages', async () => {
    const app = testApp();
    const own = await startBrowserRig(app);
    try {
      const api = createApiHandler(app, { localSessionSecret: TEST_SECRET });
      const entered = await api(
        apiEvent('POST', '/api/children', {
          as: { ...people.coordinator, id: 'persona-coordinator' },
          body: {
            firstNames: 'Elin',
            lastName: 'Prydderch',
            dateOfBirth: '2013-04-09',
            sex: 'female',
            ethnicity: 'WBRI',
            unaccompaniedAsylumSeeking: false,
            placementInLaArea: true,
            socialWorkerRef: 'social-worker-1',
            iroRef: 'iro-1',
          },
        }),
      );
      const { childId } = JSON.parse(entered.body ?? '{}');
      const opened = async (page: Page, click: () => Promise<void>) => {
        const [download] = await Promise.all([page.waitForEvent('download'), click()]);
        const document = await own.browser.newPage();
        await document.setContent(await readFile(await download.path(), 'utf8'));
        expect(await document.getAttribute('html', 'lang')).toBe('cy');
        await expectAccessible(document);
        return document;
      };

      const auditor = await signedInPage(own, 'Hannah Lindqvist');
      await auditor.getByRole('link', { name: 'Newid yr iaith i’r Gymraeg' }).click();
      await auditor.goto(`${own.baseUrl}/audit/children/${childId}`);
      const exported = await opened(auditor, () =>
        auditor.getByRole('link', { name: /dogfen allforio \(HTML\)/ }).click(),
      );
      expect(await exported.locator('h1').textContent()).toBe('Allforio cofnod ar gyfer archwiliad');
      expect(await exported.locator('h3').allTextContents()).toEqual(['1. Wedi dod i ofal']);
      await takeScreenshot(exported, 'audit-export-welsh');

      const admin = await signedInPage(own, 'Sam Ferreira');
      await admin.getByRole('link', { name: 'Newid yr iaith i’r Gymraeg' }).click();
      await admin.goto(`${own.baseUrl}/children/${childId}/personal-data`);
      expect(await admin.locator('main').textContent()).toContain(
        'Rheoliadau Cynllunio Gofal, Lleoli ac Adolygu Achosion (Lloegr) 2010, rheoliad 50',
      );
      await expectAccessible(admin);
      await takeScreenshot(admin, 'personal-data-welsh');
      await admin.getByRole('link', { name: 'Gwneud copi mynediad at ddata' }).click();
      await admin.getByLabel('Cyfeirnod y cais').fill('SAR-2026-101');
      const copy = await opened(admin, () => admin.getByRole('button', { name: 'Gwneud y copi' }).click());
      expect(await copy.locator('h1').textContent()).toBe(
        'Eich data personol: cofnod Ymwelydd Annibynnol plentyn',
      );
      await takeScreenshot(copy, 'subject-access-welsh');
    } finally {
      await own.close();
    }
  });
});
