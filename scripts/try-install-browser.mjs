// The browser half of `make try-install` (scripts/try-install.sh): in the freshly installed app,
// signs in as a guest, opens the roles page from the sidebar and the reviewers card of the
// example System, and prints one line per check that passed. The suggestions the API gave for
// that System come as the first argument, so that the card is checked against them.
import { launchChromium } from '../e2e/chromium.mjs';

const appUrl = process.env.TRY_INSTALL_APP_URL;
const screenshots = process.env.TRY_INSTALL_SCREENSHOTS;
const { suggestions } = JSON.parse(process.argv[2]);

const browser = await launchChromium(process.env.TRY_INSTALL_CHROMIUM);
try {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
  });
  // The development server compiles a page's chunks on first request.
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();

  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  const sidebarLink = page
    .getByTestId('sidebar-root')
    .getByRole('link', { name: 'Well-Architected' });
  await sidebarLink.click();
  await page.waitForURL(/\/well-architected/);
  await page.getByText('Site Reliability Engineer').first().waitFor();
  await page.screenshot({ path: `${screenshots}/roles-page.png` });
  console.log(
    'Chromium: signed in as guest, the sidebar item opens the roles page, which lists Site Reliability Engineer',
  );

  await page.goto(`${appUrl}/catalog/default/system/examples`);
  const card = page.locator('.MuiCard-root').filter({
    has: page.getByText('Well-Architected reviewers', { exact: true }),
  });
  await card.waitFor();
  for (const suggestion of suggestions) {
    await card
      .getByRole('link', { name: suggestion.roleTitle, exact: true })
      .first()
      .waitFor();
  }
  await card.screenshot({ path: `${screenshots}/reviewers-card.png` });
  console.log(
    `Chromium: the System 'examples' page shows the reviewers card with the ${suggestions.length} suggested roles of the API`,
  );
} finally {
  await browser.close();
}
