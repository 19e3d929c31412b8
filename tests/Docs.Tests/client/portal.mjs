// Opens the developer portal in Debian's headless chromium, signs in through its sign-in bar, runs
// one operation with "Try it out" and takes a screenshot:
// node portal.mjs <portal url> <user> <password> <operation id> <screenshot.png>
// → {"signedIn":"Signed in as …","authorized":true,"status":"200","body":"…","failed":[…]}
import { chromium } from 'playwright-core';

const [, , portalUrl, username, password, operationId, screenshot] = process.argv;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const consoleErrors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  const failed = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(portalUrl, { waitUntil: 'networkidle' });

  const bar = page.locator('#partner-platform-sign-in');
  await bar.waitFor({ timeout: 30000 });
  await bar.locator('input[name=username]').fill(username);
  await bar.locator('input[name=password]').fill(password);
  await bar.locator('button[name=sign-in]').click();
  await page.locator('#partner-platform-sign-in.signed-in').waitFor({ timeout: 30000 });
  const signedIn = (await bar.locator('.who').textContent()).trim();

  // The definition (service) whose operation is tried: the one named by the portal URL's
  // `definition` query parameter, chosen in Swagger UI's select as a reader would.
  const definition = new URL(portalUrl).searchParams.get('definition');
  if (definition) {
    await page.locator('.topbar select').selectOption({ label: definition });
  }
  const operation = page.locator(`.opblock[id$="-${operationId}"]`).first();
  await operation.waitFor({ timeout: 30000 });
  await operation.locator('.opblock-summary').first().click();
  await operation.locator('.try-out__btn').click();
  await operation.locator('.execute').click();
  const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
  await status.waitFor({ timeout: 30000 });
  const body = (await operation.locator('.live-responses-table tr.response .response-col_description').first().innerText()).trim();
  const authorized = (await page.locator('.btn.authorize.locked').count()) > 0;

  await operation.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot });
  process.stdout.write(JSON.stringify({ signedIn, authorized, status: (await status.textContent()).trim(), body, failed, consoleErrors }));
} catch (error) {
  // What the page showed when it went wrong, for the test's message.
  const pages = browser.contexts().flatMap((context) => context.pages());
  if (pages.length > 0) {
    await pages[0].screenshot({ path: screenshot, fullPage: true }).catch(() => {});
    const text = await pages[0].locator('body').innerText().catch(() => '');
    process.stderr.write(`page text:\n${text.slice(0, 1500)}\n`);
    const open = await pages[0].locator('.opblock.is-open').first().innerText({ timeout: 1000 }).catch(() => '');
    process.stderr.write(`open operation:\n${open.slice(0, 3000)}\n`);
    process.stderr.write(`console errors:\n${consoleErrors.join('\n').slice(0, 3000)}\n`);
  }
  throw error;
} finally {
  await browser.close();
}
