// The one place the browser tests launch Debian's Chromium: its path, its flags (no background
// networking on this closed network, no sandbox as root) and a HOME under the clone's .cache/,
// so Chromium's dconf, caches and settings are never written to the user's home.
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch Chromium headless with the flags above and its home inside `root`/.cache. */
export function launchChromium(root) {
  const home = join(root, '.cache', 'chromium-home');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    timeout: 120_000,
    env: { ...process.env, HOME: home, XDG_CACHE_HOME: join(home, 'cache'), XDG_CONFIG_HOME: join(home, 'config') },
  });
}
