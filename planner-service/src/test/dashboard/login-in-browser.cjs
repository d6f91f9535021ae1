// Drives the dashboard of a planner that verifies identities: without a token the page asks for one; a viewer's
// pasted token shows the run, but the viewer's Approve is refused by the run with the role it takes; then an approver
// logs in at the identity provider (OpenID Connect, code flow with PKCE), comes back to the run, approves, and the run
// goes on to succeed. Exit code 0 when everything was seen; otherwise the reason on stderr.
//
//   node login-in-browser.cjs BASE_URL RUN_ID PHASE SCREENSHOT_DIR VIEWER_TOKEN
'use strict';
const path = require('path');
const {drive} = require('./browser.cjs');

const [base, run, phase, shots, viewer] = process.argv.slice(2);

drive(async (page, seen) => {
  await page.goto(base + '/#/runs/' + run);
  await page.locator('#token').waitFor();
  seen.withoutToken = (await page.locator('#view .error').innerText()).trim();

  await page.locator('#token').fill(viewer);
  await page.locator('#login').click();
  const phaseState = page.locator(`[data-phase-state="${phase}"]`);
  await phaseState.getByText('AWAITING_APPROVAL').waitFor();
  seen.loggedInAs = (await page.locator('#account').innerText()).replace('Log out', '').trim();
  await page.locator(`button[data-approve="${phase}"]`).first().click();
  await page.locator('#notice').getByText('approve for ' + phase + ' refused').waitFor();
  seen.viewerApproval = (await page.locator('#notice').innerText()).trim();

  await page.locator('#logout').click();
  const provider = page.locator('#oidc-login');
  seen.providerLogin = (await provider.innerText()).trim();
  await page.screenshot({path: path.join(shots, 'dashboard-login.png')});
  await provider.click();
  // To the provider and back, to the run the login started from.
  await phaseState.getByText('AWAITING_APPROVAL').waitFor();
  seen.returnedTo = new URL(page.url()).hash;
  seen.loggedInAtProvider = (await page.locator('#account').innerText()).replace('Log out', '').trim();
  await page.locator(`button[data-approve="${phase}"]`).first().click();
  await page.locator('#notice').getByText('approve for ' + phase + ' applied').waitFor();
  seen.approverApproval = (await page.locator('#notice').innerText()).trim();
  await page.locator('[data-run-state]').getByText('SUCCEEDED').waitFor();
  seen.runSucceeded = true;
});
