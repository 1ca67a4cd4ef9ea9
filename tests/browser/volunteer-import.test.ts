import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedApp } from '../support/app';
import {
  type BrowserRig,
  chromiumMissing,
  expectAccessible,
  signedInPage,
  startBrowserRig,
  takeScreenshot,
} from '../support/browser';
import { alex, sam, uniqueRef, volunteersCsv } from '../support/volunteers-csv';

describe.skipIf(chromiumMissing)('importing volunteers from a spreadsheet, in the browser', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    // Tables of its own: the imported volunteers stay out of other tests' registers.
    rig = await startBrowserRig((await isolatedApp(`vimport${Date.now()}`)).app);
  });
  afterAll(() => rig?.close());

  it('offers the template, lists every refused row in an error summary, records on confirmation, and nothing the second time', async () => {
    const page = await signedInPage(rig, 'Priya Okafor');
    await page.getByRole('link', { name: 'Volunteers', exact: true }).first().click();
    await page.getByRole('link', { name: 'Import volunteers from a spreadsheet' }).click();
    expect(await page.locator('h1').textContent()).toBe('Import volunteers from a spreadsheet');
    await expectAccessible(page);
    await takeScreenshot(page, 'volunteer-import-upload');

    // The template: the columns and one made-up volunteer.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the template (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('volunteers-template.csv');

    // Sent without the file: the error summary says to choose it, and links to the field.
    await page.getByRole('button', { name: 'Preview the import' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    await page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: 'Choose the volunteers file' })
      .click();
    expect(await page.evaluate('document.activeElement?.id')).toBe('volunteers');
    await expectAccessible(page);

    const [a, s, bad] = [uniqueRef(), uniqueRef(), uniqueRef()];
    const file = {
      name: 'volunteers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        volunteersCsv([
          alex(a),
          sam(s),
          { ...alex(bad), GIVEN_NAME: 'Bo', DBS_CERTIFICATE: '009876543210', DBS_LEVEL: 'Basic' },
        ]),
      ),
    };
    await page.getByLabel('Volunteers file').setInputFiles(file);
    await page.getByRole('button', { name: 'Preview the import' }).click();

    expect(await page.locator('h1').textContent()).toBe('Check the import before you confirm it');
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.locator('h2').textContent()).toContain('There is a problem with 1 row');
    await summary
      .getByRole('link', { name: /^Row 4, DBS_LEVEL: DBS_LEVEL “Basic” is not a level of DBS check/ })
      .click();
    expect(await page.locator('#refusal-1').textContent()).toContain(bad);
    expect(await page.getByText('Nothing has been recorded yet.').count()).toBe(1);
    const rows = page.locator('#volunteers + table tbody tr');
    const cells = [];
    for (let i = 0; i < (await rows.count()); i++)
      cells.push((await rows.nth(i).locator('td').allTextContents()).map((t) => t.trim()));
    expect(cells).toEqual([
      [
        `Alex Example (${a})`,
        'Applied on 5 January 2026, DBS check (Enhanced, with the children’s barred list) issued on 12 January 2026, satisfactory reference received on 19 January 2026, satisfactory reference received on 26 January 2026, Independent Visitor induction completed on 2 February 2026, Safeguarding children completed on 9 February 2026',
        'New',
      ],
      [`Sam Sample (${s})`, 'Applied on 3 March 2025', 'New'],
      [bad, 'Not imported', 'Not imported'],
    ]);
    await expectAccessible(page);
    await takeScreenshot(page, 'volunteer-import-preview');

    await page.getByRole('button', { name: 'Confirm and record 2 volunteers' }).click();
    expect(await page.locator('.govuk-panel__title').textContent()).toContain('Import complete');
    expect(await page.locator('.govuk-panel__body').textContent()).toContain('2 volunteers’ records written');
    expect(await page.locator('main').textContent()).toContain('7 facts were recorded on');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Go to the volunteers' }).click();
    expect(await page.getByRole('link', { name: 'Alex Example' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Sam Sample' }).count()).toBe(1);

    // The same file again: nothing new, nothing to confirm.
    await page.goto(`${rig.baseUrl}/imports/volunteers`);
    await page.getByLabel('Volunteers file').setInputFiles(file);
    await page.getByRole('button', { name: 'Preview the import' }).click();
    expect(await page.getByText('There is nothing new to record.').count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Confirm/ }).count()).toBe(0);
    await page.close();
  });

  it('speaks Welsh: the upload page, the refusals and the preview', async () => {
    const page = await signedInPage(rig, 'Priya Okafor');
    await page.getByRole('link', { name: 'Newid yr iaith i’r Gymraeg' }).click();
    await page.goto(`${rig.baseUrl}/imports/volunteers`);
    expect(await page.locator('h1').textContent()).toBe('Mewnforio gwirfoddolwyr o daenlen');
    await expectAccessible(page);
    await page.getByLabel('Ffeil y gwirfoddolwyr').setInputFiles({
      name: 'gwirfoddolwyr.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(volunteersCsv([{ ...alex(uniqueRef()), APPLIED: '5/13/2026' }, sam(uniqueRef())])),
    });
    await page.getByRole('button', { name: 'Gweld rhagolwg o’r mewnforio' }).click();
    expect(await page.locator('h1').textContent()).toBe('Gwiriwch y mewnforio cyn i chi ei gadarnhau');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Rhes 2, APPLIED: APPLIED “5/13/2026”: dydy 13 ddim yn fis.',
    );
    expect(await page.locator('#volunteers + table').textContent()).toContain(
      'Gwnaeth gais ar 3 Mawrth 2025',
    );
    expect(await page.getByRole('button', { name: 'Cadarnhau a chofnodi 1 gwirfoddolwr' }).count()).toBe(1);
    await expectAccessible(page);
    await takeScreenshot(page, 'volunteer-import-preview-welsh');
    await page.close();
  });
});
