// The agent's moves through the UI, shared by the reliability specs and the soak bench: every step
// by role and accessible name, as an agent (or a screen reader) finds them.
import { expect } from '@playwright/test';
import type { Page } from 'playwright-core';

export const registration = (page: Page) => page.getByRole('status', { name: 'Registration' });

/** Waits until the page says Registered (optionally: on this server). */
export async function registered(page: Page, server?: RegExp | string, timeout = 10_000): Promise<void> {
  await expect(registration(page)).toContainText('Registered', { timeout });
  if (server !== undefined) await expect(registration(page)).toContainText(server, { timeout });
}

// Waits are locator.waitFor (the page reports the change) and clicks auto-wait for the button to
// be enabled, rather than expect-polling: a shift of hundreds of calls must not spend its time in
// polling back-off.

/** Hold with the customer's consent; resolves when the UI shows the hold timer. */
export async function holdWithConsent(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Hold', exact: true }).click();
  await page.getByRole('button', { name: 'Customer agreed' }).click();
  await page.getByRole('timer', { name: 'Hold time' }).waitFor();
}

export async function resume(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.getByRole('button', { name: 'Hold', exact: true }).waitFor();
}

/**
 * The standard's way out: Closing (and, where the pack asks, the customer confirms there is
 * nothing else), then Hang up once the lock is over.
 */
export async function closeAndHangUp(page: Page, lockTimeout = 10_000): Promise<void> {
  await page.getByRole('button', { name: 'Closing', exact: true }).click();
  const nothingElse = page.getByRole('button', { name: 'Nothing else' });
  const lock = page.getByRole('timer', { name: 'Hang-up lock' });
  await nothingElse.or(lock).first().waitFor();
  if (await nothingElse.isVisible()) await nothingElse.click();
  await lock.waitFor();
  await page.getByRole('button', { name: 'Hang up' }).click({ timeout: lockTimeout });
}

/** No call on screen: the dial box is back. */
export async function idle(page: Page, timeout = 10_000): Promise<void> {
  await page.getByRole('region', { name: 'Call in progress' }).waitFor({ state: 'detached', timeout });
  await page.getByRole('region', { name: 'Incoming call' }).waitFor({ state: 'detached', timeout });
}
