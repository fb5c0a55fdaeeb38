// The agent's moves through the UI, shared by the reliability specs and the soak bench: every step
// by role and accessible name, as an agent (or a screen reader) finds them.
import { expect } from '@playwright/test';
import type { Locator, Page } from 'playwright-core';

export const registration = (page: Page) => page.getByRole('status', { name: 'Registration' });

/** Waits until the page says Registered (optionally: on this server). */
export async function registered(page: Page, server?: RegExp | string, timeout = 10_000): Promise<void> {
  await expect(registration(page)).toContainText('Registered', { timeout });
  if (server !== undefined) await expect(registration(page)).toContainText(server, { timeout });
}

// Waits are locator.waitFor (the page reports the change) rather than expect-polling: a shift of
// hundreds of calls must not spend its time in polling back-off. A press waits until the button is
// actionable (visible, enabled) and then clicks it as an element, not at screen coordinates, which
// a view that re-renders ten times a second (the call timer) can shift under the pointer.

/** Clicks a button once it is visible and enabled (waiting up to `timeout`). */
export async function press(button: Locator, timeout = 10_000): Promise<void> {
  await button.click({ trial: true, timeout });
  await button.dispatchEvent('click');
}

/** Hold with the customer's consent; resolves when the UI shows the hold timer. */
export async function holdWithConsent(page: Page): Promise<void> {
  await press(page.getByRole('button', { name: 'Hold', exact: true }));
  await press(page.getByRole('button', { name: 'Customer agreed' }));
  await page.getByRole('timer', { name: 'Hold time' }).waitFor();
}

export async function resume(page: Page): Promise<void> {
  await press(page.getByRole('button', { name: 'Resume' }));
  await page.getByRole('button', { name: 'Hold', exact: true }).waitFor();
}

/**
 * The standard's way out: Closing (and, where the pack asks, the customer confirms there is
 * nothing else), then Hang up once the lock is over.
 */
export async function closeAndHangUp(page: Page, lockTimeout = 10_000): Promise<void> {
  await press(page.getByRole('button', { name: 'Closing', exact: true }));
  const nothingElse = page.getByRole('button', { name: 'Nothing else' });
  const lock = page.getByRole('timer', { name: 'Hang-up lock' });
  await nothingElse.or(lock).first().waitFor();
  if (await nothingElse.isVisible()) await press(nothingElse);
  await lock.waitFor();
  await press(page.getByRole('button', { name: 'Hang up' }), lockTimeout);
}

/** No call on screen: the dial box is back. */
export async function idle(page: Page, timeout = 10_000): Promise<void> {
  await page.getByRole('region', { name: 'Call in progress' }).waitFor({ state: 'detached', timeout });
  await page.getByRole('region', { name: 'Incoming call' }).waitFor({ state: 'detached', timeout });
}
