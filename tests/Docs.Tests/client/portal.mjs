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
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  const failed = [];
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

  const operation = page.locator(`.opblock[id$="-${operationId}"]`).first();
  await operation.waitFor({ timeout: 30000 });
  await operation.locator('.opblock-summary').first().click();
  await operation.locator('.try-out__btn').click();
  await operation.locator('.execute').click();
  const status = operation.locator('.live-responses-table .response-col_status').first();
  await status.waitFor({ timeout: 30000 });
  const body = (await operation.locator('.live-responses-table .response-col_description').first().innerText()).trim();
  const authorized = (await page.locator('.btn.authorize.locked').count()) > 0;

  await operation.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot });
  process.stdout.write(JSON.stringify({ signedIn, authorized, status: (await status.textContent()).trim(), body, failed }));
} catch (error) {
  // What the page showed when it went wrong, for the test's message.
  const pages = browser.contexts().flatMap((context) => context.pages());
  if (pages.length > 0) {
    await pages[0].screenshot({ path: screenshot, fullPage: true }).catch(() => {});
    const text = await pages[0].locator('body').innerText().catch(() => '');
    process.stderr.write(`page text:\n${text.slice(0, 3000)}\n`);
  }
  throw error;
} finally {
  await browser.close();
}
