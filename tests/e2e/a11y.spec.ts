// Accessibility with axe-core (issue 15): the agent window idle, with Settings open, ringing, in a
// call, on hold with the check-in alert, in the closing lock, the Records view after the call, and
// the overlay page — in zh-CN and
// en, light and dark (the OS theme, emulated). No serious or critical violation, contrast included.
// Every state is checked before any assertion fails, so one run lists everything to fix.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from '@playwright/test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../harness/browser.ts';
import { startAgent, type Agent } from '../harness/agent.ts';
import { PracticeDesk, type Lang } from '../harness/practice.ts';

let browser: Browser;
let agent: Agent | undefined;
test.beforeAll(async () => { browser = await launchBrowser(); });
test.afterEach(async () => { await agent?.close(); agent = undefined; });
test.afterAll(async () => { await browser?.close(); });

interface Finding { state: string; scheme: string; rule: string; impact: string; help: string; targets: string[] }

/** Runs axe on the page in light and dark; returns the serious and critical violations. */
async function audit(page: Page, state: string): Promise<Finding[]> {
  const found: Finding[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const v of violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      found.push({ state, scheme, rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) });
    }
  }
  return found;
}

for (const lang of ['zh-CN', 'en'] as const satisfies readonly Lang[]) {
  test(`axe (${lang}, light and dark): idle, settings, ringing, in a call, on hold with the check-in alert, closing lock, records, overlay`, async () => {
    test.setTimeout(120_000);
    agent = await startAgent(browser, { mode: 'training', lang, extra: { timings: { checkInEvery: 2_000, hangupWait: 60_000 } } });
    const page = agent.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    const desk = new PracticeDesk(page, lang);
    const { t } = desk;
    const findings: Finding[] = [];
    await desk.registered();
    findings.push(...await audit(page, 'idle'));

    await page.getByRole('button', { name: t('settings') }).click();
    const settings = page.getByRole('dialog', { name: t('settings') });
    await expect(settings.getByRole('group', { name: t('desktop.hotkeys') })).toBeVisible();
    findings.push(...await audit(page, 'settings'));
    await settings.getByRole('button', { name: t('settings.cancel') }).click();

    await desk.ring({ scenario: 'complaint' });
    findings.push(...await audit(page, 'ringing'));
    await desk.answer();
    await expect(page.getByRole('region', { name: t('greeting') })).toBeVisible();
    findings.push(...await audit(page, 'in a call'));

    await desk.holdUntilCheckIn();
    findings.push(...await audit(page, 'on hold, check-in alert'));
    const overlay = await page.context().newPage();
    await overlay.setViewportSize({ width: 360, height: 300 });
    await overlay.goto(`${agent.host.url}overlay.html`);
    await expect(overlay.getByRole('region', { name: t('guidance') }).getByRole('alert')).not.toBeEmpty();
    findings.push(...await audit(overlay, 'overlay, on hold'));
    await overlay.close();
    await page.getByRole('button', { name: t('hold.checkedIn') }).click();

    await desk.resumeAndClose();
    findings.push(...await audit(page, 'closing lock'));

    // The call ends (the customer hangs up first); its record is in the Records view.
    await page.getByRole('region', { name: t('training'), exact: true }).getByRole('button', { name: t('training.callerHangsUp') }).click();
    await expect(page.getByRole('status', { name: t('call.ended') })).toBeVisible();
    await page.getByRole('button', { name: t('records') }).click();
    await expect(page.getByRole('table', { name: lang === 'en' ? 'Call history' : '通话历史' })).toBeVisible(); // AUTOMATION-CONTRACT §4
    findings.push(...await audit(page, 'records'));

    await test.info().attach(`axe-${lang}.json`, { body: JSON.stringify(findings, null, 2), contentType: 'application/json' });
    expect(findings.map((f) => `${f.state} (${f.scheme}): ${f.rule} [${f.impact}] ${f.help} — ${f.targets.join(', ')}`)).toEqual([]);
    expect(agent.pageErrors).toEqual([]);
  });
}
