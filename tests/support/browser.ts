import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { App } from '../../application/app';
import { startLocalServer } from '../../infra/local/server';
import { csvText, type ExtractLines } from './ssda903';

/** Debian's chromium, or wherever CHROMIUM_PATH says. No browser is ever downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM_PATH);

if (chromiumMissing) {
  // In CI the browser tests must run: .ci/run installs chromium, so its absence there is a failure, not a skip.
  if (process.env.CI)
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}; CI must run the browser tests.`);
  console.warn(
    `Browser tests skipped: no chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH).`,
  );
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface BrowserRig {
  browser: Browser;
  baseUrl: string;
  server: Server;
  close(): Promise<void>;
}

export async function startBrowserRig(app: App): Promise<BrowserRig> {
  const server = await startLocalServer({
    app,
    sessionSecret: 'browser-test-secret',
    port: 0,
    health: () => ({ ready: true }),
  });
  const baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    baseUrl,
    server,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Runs axe-core on the page against WCAG 2.2 A and AA, and fails with every violation listed. */
export async function expectAccessible(page: Page): Promise<void> {
  // Evaluated over the DevTools protocol, so the page's strict Content Security Policy stays as users get it.
  await page.evaluate(axeSource);
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
  // A string runs in the page, whose globals (axe, document) the test's own types do not know.
  const violations: string[] = await page.evaluate(`
    axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } }).then((result) =>
      result.violations.map((v) => v.id + ': ' + v.help + ' (' + v.nodes.map((n) => n.target.join(' ')).join('; ') + ')'))
  `);
  expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
}

export async function signIn(page: Page, baseUrl: string, personaName: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel(personaName).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Fills a GOV.UK date input (day, month, year) by its legend. */
export async function fillDate(page: Page, legend: string, date: string): Promise<void> {
  const [year, month, day] = date.split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year!);
}

export async function chooseRadio(page: Page, legend: string, option: string): Promise<void> {
  await page.getByRole('group', { name: legend }).getByLabel(option, { exact: true }).check();
}

/**
 * The README's screenshots, taken by the browser tests when asked (`npm run screenshots`), so an ordinary test run
 * leaves the working tree as it was.
 */
/** Attaches an SSDA903 extract's three files on the import page, each by its field's label in the page's language. */
export async function attachExtract(
  page: Page,
  extract: ExtractLines,
  labels: Readonly<Record<keyof ExtractLines, string>>,
): Promise<void> {
  for (const table of ['Header', 'Episodes', 'Reviews'] as const)
    await page.getByLabel(labels[table]).setInputFiles({
      name: `${table.toLowerCase()}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(csvText(extract[table])),
    });
}

export async function takeScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS)
    await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}

/**
 * How long one browser step may wait for what it expects: only a hang detector, well inside the test's own limit, so
 * a hang names the step that went wrong. Pages at load 10 can take seconds; nothing here depends on how many.
 */
export const STEP_TIMEOUT_MS = 60_000;

/** A new page signed in as a persona. */
export async function signedInPage(rig: BrowserRig, persona: string): Promise<Page> {
  const page = await rig.browser.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  await signIn(page, rig.baseUrl, persona);
  return page;
}
