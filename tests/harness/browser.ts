// One way to start Chromium for every test here: the system binary (never a downloaded one) with
// the flags LAB-NOTES verified for WebRTC on loopback with fake media.
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  // Without it Chromium gathers no loopback candidates and media would leave 127.0.0.1.
  '--allow-loopback-in-peer-connection',
  // Remote audio must play (no click in a test) for inbound audioLevel to be measured.
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export const chromiumLaunchOptions = (extraArgs: string[] = []): LaunchOptions => ({
  executablePath: CHROMIUM_PATH,
  // Playwright would add the old --headless; ours is in args.
  headless: false,
  args: [...CHROMIUM_ARGS, ...extraArgs],
});

export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions(extraArgs));
}
