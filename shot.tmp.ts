import { chromium } from 'playwright-core';

const base = 'http://localhost:3999';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
await page.goto(`${base}/sign-in`);
await page.getByLabel(process.argv[2] ?? 'Priya Okafor').check();
await page.getByRole('button', { name: 'Sign in' }).click();
for (const [path, file] of process.argv.slice(3).map((a) => a.split('='))) {
  const r = await page.goto(base + path);
  console.log(path, r?.status());
  await page.screenshot({ path: `/tmp/${file}.png`, fullPage: false });
}
await browser.close();
