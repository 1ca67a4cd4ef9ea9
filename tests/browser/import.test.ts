import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../application/app';
import { quietLog } from '../../application/ports/log';
import { createStreamProjector } from '../../application/projections/project';
import { rebuild } from '../../application/projections/rebuild';
import { DEMO_LA } from '../../infra/local/personas';
import { isolatedApp } from '../support/app';
import {
  attachExtract,
  type BrowserRig,
  chromiumMissing,
  expectAccessible,
  signedInPage,
  startBrowserRig,
} from '../support/browser';
import { twoChildren } from '../support/ssda903';

describe.skipIf(chromiumMissing)('importing children from the case system, in the browser', () => {
  let rig: BrowserRig;
  let app: App;
  beforeAll(async () => {
    app = (await isolatedApp(`import${Date.now()}`)).app;
    rig = await startBrowserRig(app);
  });
  afterAll(() => rig?.close());

  it('uploads an extract, shows every refused row in an error summary, records on confirmation, and lists the offers not on record', async () => {
    const page = await signedInPage(rig, 'Priya Okafor');
    await page.getByRole('link', { name: 'Import children from your case system (SSDA903)' }).click();
    expect(await page.locator('h1').textContent()).toBe('Import children from your case system');
    await expectAccessible(page);

    // Sent without the files: the error summary says which to choose, and links to each.
    await page.getByRole('button', { name: 'Preview the import' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Choose the Episodes file');
    await expectAccessible(page);

    // The extract's two children, and a third with episodes but no Header row.
    const extract = twoChildren('');
    extract.Episodes.push('1003,01/10/2025,S,C2,N1,U4,PR1,,,,,NV2 3EF,');
    await attachExtract(page, extract, {
      Header: 'Header file',
      Episodes: 'Episodes file',
      Reviews: 'Reviews file',
    });
    await page.getByLabel('Postcode districts in your area (optional)').fill('NV1 NV2');
    await page.getByRole('button', { name: 'Preview the import' }).click();

    expect(await page.locator('h1').textContent()).toBe('Check the import before you confirm it');
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.locator('h2').textContent()).toContain('There is a problem with 1 row');
    const link = summary.getByRole('link', {
      name: /Episodes, row 5, CHILD: There is no Header row for CHILD 1003/,
    });
    await link.click();
    expect(await page.locator('#refusal-1').textContent()).toContain('1003');
    expect(await page.getByText('Nothing has been recorded yet.').count()).toBe(1);
    const rows = page.locator('#children + table tbody tr');
    const cells = [];
    for (let i = 0; i < (await rows.count()); i++)
      cells.push((await rows.nth(i).locator('td').allTextContents()).map((t) => t.trim()));
    expect(cells).toEqual([
      [
        '1001',
        'Entered care on 1 March 2024, 1 change of placement, 2 reviews, left care on 20 January 2025',
        'New',
      ],
      ['1002', 'Entered care on 5 September 2025, 1 review', 'New'],
      ['1003', 'Not imported', 'Not imported'],
    ]);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Confirm and record 2 children' }).click();
    expect(await page.locator('.govuk-panel__title').textContent()).toContain('Import complete');
    expect(await page.locator('.govuk-panel__body').textContent()).toContain("2 children's records written");
    await expectAccessible(page);

    // The task list, from the read models: the child still in care, whose offer is not on record.
    const project = createStreamProjector({
      store: app.store,
      readModels: app.readModels,
      now: () => new Date(),
      log: quietLog,
    });
    await rebuild({ store: app.store, project, las: [DEMO_LA.code] });
    await page.getByRole('link', { name: 'Go to your task list' }).click();
    const notOnRecord = await page
      .locator('table tbody tr')
      .filter({ hasText: 'imported: not on record' })
      .allTextContents();
    expect(notOnRecord).toHaveLength(1);
    expect(notOnRecord[0]).toMatch(/Record whether the Independent Visitor was offered/);
    await expectAccessible(page);
    await page.close();
  });
});
