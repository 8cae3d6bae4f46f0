// Launches Debian's Chromium through playwright-core: no browser download, headless, no sandbox.
import { chromium, type Browser } from 'playwright-core';

/** Where Chromium lives; `BRIEFING_CHROMIUM` overrides Debian's path. */
export const CHROMIUM_PATH = process.env.BRIEFING_CHROMIUM || '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium; set `BRIEFING_HEADED=1` to watch it on a desktop. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: !process.env.BRIEFING_HEADED, args: ARGS });
}
