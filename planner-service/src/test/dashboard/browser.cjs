// What every browser test of the dashboard shares: Debian's Chromium driven by playwright-core (from
// $FERRY_NODE_MODULES), one page at a time, what was seen printed as one JSON line, any failure on stderr with exit 1.
'use strict';
const path = require('path');
const {chromium} = require(path.join(process.env.FERRY_NODE_MODULES, 'playwright-core'));

exports.timeout = 60000;

exports.drive = steps => (async () => {
  const browser = await chromium.launch({
    executablePath: process.env.FERRY_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({viewport: {width: 1280, height: 720}});
    page.setDefaultTimeout(exports.timeout);
    const seen = {};
    await steps(page, seen);
    console.log(JSON.stringify(seen));
  } finally {
    await browser.close();
  }
})().catch(failure => {
  console.error(failure && failure.stack ? failure.stack : String(failure));
  process.exit(1);
});
