// Reads the Aspire dashboard the way a person sees it, in Debian's headless chromium:
//   node read-dashboard.mjs <dashboard url> <folder for screenshots> <trace resource>...
// Prints one JSON object: the text of every resource row; with trace resources, the text of the
// first one's trace list, structured log rows and metrics page, and the text of the detail page of
// the newest trace that involves every <trace resource>. The lists are read filtered to that
// resource: the dashboard renders only the rows in view, and the sweepers of every service add
// traces every few seconds, so an unfiltered list soon hides a request's trace.
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
const result = { resources: [], traces: [], trace: null, logs: [], metrics: null };
try {
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(dashboardUrl, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.waitForSelector('[role=row] >> text=gateway', { timeout: 60_000 });
  // Child resources (databases, migration and seeding runs) are listed, expanded, under their parents.
  await page.waitForTimeout(1000);
  result.resources = await page.locator('[role=row]').allInnerTexts();
  await page.screenshot({ path: join(screenshots, 'dashboard-resources.png'), fullPage: true });

  if (traceResources.length > 0) {
    const resource = encodeURIComponent(traceResources[0]);
    await page.goto(new URL(`structuredlogs/resource/${resource}`, dashboardUrl).href, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.waitForTimeout(3000);
    result.logs = await page.locator('[role=row]').allInnerTexts();
    await page.screenshot({ path: join(screenshots, 'dashboard-logs.png'), fullPage: true });

    await page.goto(new URL(`metrics/resource/${resource}`, dashboardUrl).href, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.waitForTimeout(3000);
    result.metrics = await page.locator('body').innerText();
    await page.screenshot({ path: join(screenshots, 'dashboard-metrics.png'), fullPage: true });

    await page.goto(new URL(`traces/resource/${resource}`, dashboardUrl).href, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.waitForTimeout(3000);
    const rows = page.locator('[role=row]');
    result.traces = await rows.allInnerTexts();
    await page.screenshot({ path: join(screenshots, 'dashboard-traces.png'), fullPage: true });
    // Oldest first: look from the bottom for the newest trace that spans every resource named.
    for (let i = await rows.count() - 1; i >= 0; i--) {
      const text = await rows.nth(i).innerText();
      if (!traceResources.every(name => text.includes(name))) continue;
      // The row shows the trace id's first seven digits; the detail page takes them too.
      const link = rows.nth(i).locator('a[href*="/traces/detail/"]').first();
      const shortId = text.match(/\b[0-9a-f]{7}\b/)?.[0];
      const detail = await link.count() > 0 ? await link.getAttribute('href') : shortId ? `traces/detail/${shortId}` : null;
      if (detail === null) continue;
      await page.goto(new URL(detail, dashboardUrl).href, { waitUntil: 'domcontentloaded', timeout: 60_000 });
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
