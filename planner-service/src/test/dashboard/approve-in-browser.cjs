// Drives Ferry's dashboard in Debian's Chromium as a person would: opens a run waiting for approval, checks the grid,
// clicks Approve, and waits until the grid shows the phase running on and the run succeeded; then reads the run's plan
// and dry run, and checks two plans before applying them, an invalid one and a valid one. Screenshots of each page go
// to the directory given. Exit code 0 when everything was seen; otherwise the reason on stderr.
//
//   node approve-in-browser.cjs BASE_URL RUN_ID PHASE SCREENSHOT_DIR INVALID_PLAN VALID_PLAN
//   (FERRY_NODE_MODULES: where playwright-core is)
'use strict';
const fs = require('fs');
const path = require('path');
const {drive} = require('./browser.cjs');

const [base, run, phase, shots, invalidPlan, validPlan] = process.argv.slice(2);

drive(async (page, seen) => {
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
  // The run's verdict, from the audit log: applied, and by whom.
  await page.locator('#notice').getByText('approve for ' + phase + ' applied').waitFor();
  seen.approved = (await page.locator('#notice').innerText()).trim();
  // No reload: the grid changes through the event stream alone.
  await phaseState.getByText(/RUNNING|SUCCEEDED/).waitFor();
  await page.locator('[data-run-state]').getByText('SUCCEEDED').waitFor();
  seen.runSucceeded = true;
  seen.phaseState = (await phaseState.innerText()).trim();
  await page.screenshot({path: path.join(shots, 'dashboard-run-succeeded.png'), fullPage: true});

  // The plan the run ran, and its dry run: the phases once, then each service's steps.
  await page.locator('#plan-link').click();
  await page.locator('#dry-run').waitFor();
  seen.dryRunPhases = await page.locator('tr[data-dry-phase]').allInnerTexts();
  seen.dryRunServices = await page.locator('[data-dry-service]').evaluateAll(sections =>
      sections.map(section => section.getAttribute('data-dry-service')));
  seen.cartSteps = await page.locator('[data-dry-service="cart"] li').allInnerTexts();
  seen.planDocument = await page.locator('#plan-document').innerText();
  await page.screenshot({path: path.join(shots, 'dashboard-run-plan.png'), fullPage: true});

  // A plan checked before it is applied: every problem of an invalid one, the dry run of a valid one.
  await page.locator('#check-link').click();
  await page.locator('#plan-text').fill(fs.readFileSync(invalidPlan, 'utf8'));
  await page.locator('#check').click();
  await page.locator('#problems li').first().waitFor();
  seen.problems = await page.locator('#problems li').allInnerTexts();
  await page.screenshot({path: path.join(shots, 'dashboard-check-invalid.png'), fullPage: true});
  await page.locator('#plan-file').setInputFiles(validPlan);
  await page.waitForFunction(() => document.getElementById('plan-text').value.includes('kind: MigrationPlan'));
  await page.locator('#check').click();
  await page.locator('#check-result #dry-run').waitFor();
  seen.checkedValid = (await page.locator('#check-result .valid').innerText()).trim();
  seen.checkedWebSteps = await page.locator('#check-result [data-dry-service="web"] li').allInnerTexts();
});
