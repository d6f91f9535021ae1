// Drives the dashboard of a planner that verifies identities: without a token the page asks for one; a viewer's
// token shows the run, but the viewer's Approve is refused by the run with the role it takes; an approver's token
// approves, and the run goes on to succeed. Exit code 0 when everything was seen; otherwise the reason on stderr.
//
//   node login-in-browser.cjs BASE_URL RUN_ID PHASE SCREENSHOT_DIR VIEWER_TOKEN APPROVER_TOKEN
'use strict';
const path = require('path');
const {drive} = require('./browser.cjs');

const [base, run, phase, shots, viewer, approver] = process.argv.slice(2);

async function logIn(page, token) {
  await page.locator('#token').fill(token);
  await page.locator('#login').click();
}

drive(async (page, seen) => {
  await page.goto(base + '/#/runs/' + run);
  await page.locator('#token').waitFor();
  seen.withoutToken = (await page.locator('#view .error').innerText()).trim();
  await page.screenshot({path: path.join(shots, 'dashboard-login.png')});

  await logIn(page, viewer);
  const phaseState = page.locator(`[data-phase-state="${phase}"]`);
  await phaseState.getByText('AWAITING_APPROVAL').waitFor();
  seen.loggedInAs = (await page.locator('#account').innerText()).replace('Log out', '').trim();
  await page.locator(`button[data-approve="${phase}"]`).first().click();
  await page.locator('#notice').getByText('approve for ' + phase + ' refused').waitFor();
  seen.viewerApproval = (await page.locator('#notice').innerText()).trim();

  await page.locator('#logout').click();
  await page.locator('#token').waitFor();
  await logIn(page, approver);
  await phaseState.getByText('AWAITING_APPROVAL').waitFor();
  await page.locator(`button[data-approve="${phase}"]`).first().click();
  await page.locator('#notice').getByText('approve for ' + phase + ' applied').waitFor();
  seen.approverApproval = (await page.locator('#notice').innerText()).trim();
  await page.locator('[data-run-state]').getByText('SUCCEEDED').waitFor();
  seen.runSucceeded = true;
});
