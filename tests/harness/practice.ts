// A practice call (training mode: the page's own simulated caller, no server), driven the way an
// agent drives it, by role and accessible name (AUTOMATION-CONTRACT §4) in the page's language.
// The names come from the UI's string tables, which tests/unit pins to the contract.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { Page } from 'playwright-core';
import { loadHostContent } from '../../src/node/content.ts';
import { packForLang } from '../../src/core/guidance/greeting.ts';
import type { Pack } from '../../src/core/pack/load.ts';

export type Lang = 'en' | 'zh-CN';
const ROOT = path.resolve(import.meta.dirname, '../..');

const tables: Record<Lang, Record<string, string>> = {
  en: JSON.parse(readFileSync(path.join(ROOT, 'src/renderer/i18n/en.json'), 'utf8')) as Record<string, string>,
  'zh-CN': JSON.parse(readFileSync(path.join(ROOT, 'src/renderer/i18n/zh-CN.json'), 'utf8')) as Record<string, string>,
};

/** The UI's name for a string key in a language: `names('en')('hold')` is "Hold". */
export const names = (lang: Lang) => (key: string): string => {
  const name = tables[lang][key];
  if (name === undefined) throw new Error(`no UI string "${key}"`);
  return name;
};

/** The pack the page uses for a language (the app's default pack, as packForLang picks it). */
export async function packFor(lang: Lang): Promise<Pack> {
  const content = await loadHostContent({ resourcesDir: path.join(ROOT, 'resources') });
  const pack = packForLang(content.packs, 'telecom-10000', lang);
  if (!pack) throw new Error(`no telecom-10000 pack for ${lang}`);
  return pack;
}

/** The scenario with the most steps: the hardest script to keep on a small screen. */
export function longestScenario(pack: Pack): { id: string; steps: number } {
  const longest = [...pack.scenarios].sort((a, b) => b.steps.length - a.steps.length)[0];
  if (!longest) throw new Error(`pack ${pack.id} has no scenarios`);
  return { id: longest.id, steps: longest.steps.length };
}

export class PracticeDesk {
  readonly t: (key: string) => string;
  constructor(readonly page: Page, readonly lang: Lang) { this.t = names(lang); }

  async registered(): Promise<void> {
    await expect(this.page.getByRole('status', { name: this.t('registration') })).toContainText(this.t('registration.registered'));
  }

  /** The practice caller rings with this tier and scenario (its X-Scenario header). */
  async ring(opts: { scenario: string; tier?: 'vip' | 'brand' | 'ordinary' }): Promise<void> {
    const { page, t } = this;
    const panel = page.getByRole('region', { name: t('training'), exact: true });
    await panel.getByRole('combobox', { name: t('tier') }).selectOption(opts.tier ?? 'vip');
    await panel.getByRole('combobox', { name: t('scenario') }).selectOption(opts.scenario);
    await panel.getByRole('button', { name: t('training.start') }).click();
    await expect(page.getByRole('region', { name: t('incoming'), exact: true })).toBeVisible();
  }

  async answer(): Promise<void> {
    const { page, t } = this;
    await page.getByRole('button', { name: t('answer') }).click();
    await expect(page.getByRole('region', { name: t('call'), exact: true })).toBeVisible();
    await expect(page.getByRole('status', { name: t('call.state') })).toHaveText(t('phase.talking'));
  }

  /** Hold with the customer's consent, then wait for the check-in alert (short checkInEvery). */
  async holdUntilCheckIn(): Promise<void> {
    const { page, t } = this;
    await page.getByRole('button', { name: t('hold'), exact: true }).click();
    await page.getByRole('button', { name: t('hold.agreed') }).click();
    await expect(page.getByRole('timer', { name: t('hold.time'), exact: true })).toBeVisible();
    await expect(this.checkInAlert()).toBeVisible({ timeout: 10_000 });
  }

  checkInAlert() {
    return this.page.getByRole('alert').filter({ has: this.page.getByRole('button', { name: this.t('hold.checkedIn') }) });
  }

  /**
   * Resume and say the closing, by key: the closing check ("anything else?", C1) answers to the
   * same key, then the hang-up lock holds (a long hangupWait keeps it).
   */
  async resumeAndClose(): Promise<void> {
    const { page, t } = this;
    await page.getByRole('button', { name: t('resume') }).click();
    await expect(page.getByRole('status', { name: t('call.state') })).toHaveText(t('phase.talking'));
    const lock = page.getByRole('timer', { name: t('closing.lock') });
    const checkName = tables[this.lang]['closing.check'];
    await page.keyboard.press('Control+Alt+KeyC');
    if (checkName) {
      const check = page.getByRole('region', { name: checkName, exact: true });
      await expect(lock.or(check)).toBeVisible();
      if (await check.isVisible()) await page.keyboard.press('Control+Alt+KeyC');
    }
    await expect(lock).toBeVisible();
  }
}
