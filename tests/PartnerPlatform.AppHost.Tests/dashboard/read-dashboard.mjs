// Reads the Aspire dashboard the way a person sees it, in Debian's headless chromium:
//   node read-dashboard.mjs <dashboard url> <folder for screenshots> <trace resource>...
// Prints one JSON object: the text of every resource row, the text of the trace
// list, and the text of the detail page of the newest trace that involves every <trace resource>.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [dashboardUrl, screenshots, ...traceResources] = process.argv.slice(2);
const flags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const userDataDir = await mkdtemp(join(tmpdir(), 'dashboard-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium', headless: true, args: flags, viewport: { width: 1600, height: 1200 },
});
const result = { resources: [], traces: [], trace: null };
try {
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(dashboardUrl, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.waitForSelector('[role=row] >> text=gateway', { timeout: 60_000 });
  // Child resources (databases, migration and seeding runs) are listed, expanded, under their parents.
  await page.waitForTimeout(1000);
  result.resources = await page.locator('[role=row]').allInnerTexts();
  await page.screenshot({ path: join(screenshots, 'dashboard-resources.png'), fullPage: true });

  await page.goto(new URL('traces', dashboardUrl).href, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.waitForTimeout(3000);
  const rows = page.locator('[role=row]');
  result.traces = await rows.allInnerTexts();
  await page.screenshot({ path: join(screenshots, 'dashboard-traces.png'), fullPage: true });
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    const text = await rows.nth(i).innerText();
    if (traceResources.length > 0 && traceResources.every(name => text.includes(name))) {
      const link = rows.nth(i).locator('a[href*="/traces/detail/"]').first();
      if (await link.count() === 0) continue;
      await page.goto(new URL(await link.getAttribute('href'), dashboardUrl).href, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await page.waitForTimeout(3000);
      result.trace = await page.locator('body').innerText();
      await page.screenshot({ path: join(screenshots, 'dashboard-trace.png'), fullPage: true });
      break;
    }
  }
} finally {
  await context.close();
  await rm(userDataDir, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(result));
