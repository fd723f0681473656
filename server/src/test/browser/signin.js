'use strict';
/*
 * Opens the test page in Debian's headless Chromium and prints what the page recorded.
 *
 *   node signin.js <page-url>
 *
 * Environment: CHROMIUM (default /usr/bin/chromium), HOST_RESOLVER_RULES (host names to map to
 * the loopback address, e.g. "MAP lyncdiscover.contoso.com 127.0.0.1"). Prints one JSON line
 * {"steps": [...], "ok": true|false, "error": ..., "console": [...], "cookies": [...]} (the cookies
 * the browser kept, for diagnosis) and exits 0 once the page has
 * finished, whatever its outcome; exits 2 when the browser could not be driven at all.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const PAGE_TIMEOUT_MS = 45000;

async function main() {
  const pageUrl = process.argv[2];
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ucwa-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--ignore-certificate-errors'
  ];
  if (process.env.HOST_RESOLVER_RULES) {
    args.push('--host-resolver-rules=' + process.env.HOST_RESOLVER_RULES);
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: args,
    ignoreHTTPSErrors: true,
    timeout: 30000
  });
  const consoleLines = [];
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on('console', (m) => consoleLines.push(m.type() + ': ' + m.text()));
    page.on('pageerror', (e) => consoleLines.push('pageerror: ' + e.message));
    await page.goto(pageUrl, { timeout: PAGE_TIMEOUT_MS });
    await page.waitForFunction(() => window.ucwaTest && window.ucwaTest.done,
        null, { timeout: PAGE_TIMEOUT_MS });
    const result = await page.evaluate(() => window.ucwaTest);
    result.console = consoleLines;
    result.cookies = (await context.cookies()).map((c) => c.name + ' ' + c.domain + c.path
        + ' sameSite=' + c.sameSite + ' secure=' + c.secure);
    process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(2);
});
