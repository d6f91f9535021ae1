// Drives Ferry's dashboard in Debian's Chromium as a person would: opens a run waiting for approval, checks the grid,
// clicks Approve, and waits until the grid shows the phase running on and the run succeeded. Screenshots of each page
// go to the directory given. Exit code 0 when everything was seen; otherwise the reason on stderr.
//
//   node approve-in-browser.cjs BASE_URL RUN_ID PHASE SCREENSHOT_DIR   (FERRY_NODE_MODULES: where playwright-core is)
'use strict';
const path = require('path');
const {chromium} = require(path.join(process.env.FERRY_NODE_MODULES, 'playwright-core'));

const [base, run, phase, shots] = process.argv.slice(2);
const timeout = 60000;

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.FERRY_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({viewport: {width: 1280, height: 720}});
    page.setDefaultTimeout(timeout);
    const seen = {};

    await page.goto(base + '/#/');
    await page.locator(`tr[data-run="${run}"]`).waitFor();
    seen.listedRun = true;
    await page.screenshot({path: path.join(shots, 'dashboard-runs.png')});

    await page.locator(`tr[data-run="${run}"] a`).click();
    const phaseState = page.locator(`[data-phase-state="${phase}"]`);
    await phaseState.getByText('AWAITING_APPROVAL').waitFor();
    seen.cells = await page.locator('td[data-cell]').count();
    await page.locator(`td[data-cell^="${phase}/"]`).first().click();
    await page.locator('#details[data-details]').waitFor();
    await page.screenshot({path: path.join(shots, 'dashboard-run-awaiting-approval.png'), fullPage: true});

    await page.locator(`button[data-approve="${phase}"]`).first().click();
    await page.locator('#notice').getByText('approve sent').waitFor();
    seen.approved = true;
    // No reload: the grid changes through the event stream alone.
    await phaseState.getByText(/RUNNING|SUCCEEDED/).waitFor();
    await page.locator('[data-run-state]').getByText('SUCCEEDED').waitFor();
    seen.runSucceeded = true;
    seen.phaseState = (await phaseState.innerText()).trim();
    await page.screenshot({path: path.join(shots, 'dashboard-run-succeeded.png'), fullPage: true});
    console.log(JSON.stringify(seen));
  } finally {
    await browser.close();
  }
})().catch(failure => {
  console.error(failure && failure.stack ? failure.stack : String(failure));
  process.exit(1);
});
