// Debian's Chromium as the browser journeys and `make try-install` start it: headless as root on
// these machines, with the flags that keep it from reaching for the network in the background.
import { chromium } from 'playwright-core';

/** Starts Chromium from `executablePath` (Debian's by default). */
export function launchChromium(executablePath = '/usr/bin/chromium') {
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
