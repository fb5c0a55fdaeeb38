import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallSummary } from '../../core/bridge.ts';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import { GuidanceView } from './GuidanceOverlay.tsx';
import { followSummaries } from './summaryFeed.ts';

const ringing: CallSummary = {
  registration: 'registered', call: 'ringing', remote: '13800138000', tier: 'vip',
  greeting: '王先生您好,尊敬的VIP客户,很高兴为您服务,1001号为您服务', scenario: 'complaint-general',
};

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    lng: 'en', fallbackLng: 'zh-CN', resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false },
  });
});

const render = (s: CallSummary | undefined) => renderToStaticMarkup(<GuidanceView summary={s} />);

describe('guidance overlay', () => {
  it('names the Guidance region and the Greeting region inside it (AUTOMATION-CONTRACT §4)', async () => {
    await i18next.changeLanguage('en');
    const html = render(ringing);
    expect(html).toMatch(/^<section role="region" aria-label="Guidance"[^>]*>.*<section role="region" aria-label="Greeting"[^>]*>.*<\/section>.*<\/section>$/);
    await i18next.changeLanguage('zh-CN');
    const zh = render(ringing);
    expect(zh).toContain('aria-label="服务引导"');
    expect(zh).toContain('aria-label="问候语"');
  });

  it('shows the call state, the tier badge, the greeting and the scenario', async () => {
    await i18next.changeLanguage('zh-CN');
    const html = render(ringing);
    expect(html).toContain('振铃中');
    expect(html).toContain('data-tier="vip">VIP客户<');
    expect(html).toContain(`<p class="overlay-greeting-text">${ringing.greeting}</p>`);
    expect(html).toContain('aria-label="话术"');
    expect(html).toContain('complaint-general');
  });

  it('shows the script step and what to say now, when the agent window sends them', async () => {
    await i18next.changeLanguage('zh-CN');
    const html = render({ ...ringing, call: 'held', scenarioTitle: '投诉处理', step: { index: 1, of: 9, title: '倾听', text: '认真倾听' }, sayNow: '对不起,请再稍等一下' });
    expect(html).toContain('投诉处理');
    expect(html).toContain('aria-current="step"');
    expect(html).toContain('2/9');
    expect(html).toContain('role="alert"');
    expect(html).toContain('对不起,请再稍等一下');
  });

  it('waits without a call, and shows nothing it was not told', async () => {
    await i18next.changeLanguage('en');
    const html = render(undefined);
    expect(html).toContain('No call');
    expect(html).toContain('The greeting appears here when a call rings.');
    expect(html).not.toContain('overlay-tier');
    expect(html).not.toContain('overlay-scenario');
  });

  it('has a label for every call state in both languages', () => {
    for (const state of ['idle', 'ringing', 'connected', 'held', 'closing', 'locked', 'ended'] as const) {
      expect((en as Record<string, string>)[`overlay.state.${state}`], state).toBeTruthy();
      expect((zhCN as Record<string, string>)[`overlay.state.${state}`], state).toBeTruthy();
    }
  });

  it('renders caller-controlled text as text, never markup', async () => {
    await i18next.changeLanguage('en');
    const html = render({ ...ringing, greeting: '<img src=x onerror=alert(1)>' });
    expect(html).not.toContain('<img');
  });
});

describe('summary feed', () => {
  it('keeps the latest summary from the moment it subscribes and tells its watchers', () => {
    let push: ((s: CallSummary) => void) | undefined;
    const feed = followSummaries({ onSummary: (l) => { push = l; return () => {}; } });
    push?.(ringing); // arrives before anyone renders
    expect(feed.current()).toBe(ringing);
    let changes = 0;
    const off = feed.subscribe(() => { changes++; });
    push?.({ ...ringing, call: 'connected' });
    off();
    push?.({ ...ringing, call: 'ended' });
    expect(changes).toBe(1);
    expect(feed.current()?.call).toBe('ended');
  });
});

describe('next due', () => {
  it('names the rule that comes due next and how long is left, in the UI language', async () => {
    await i18next.changeLanguage('en');
    const html = render({ ...ringing, call: 'held', due: { rule: 'checkInEvery', at: performance.timeOrigin + performance.now() + 12_000 } });
    expect(html).toMatch(/Next:<\/span> Check in every 15 s on hold · 1[12] s/);
    await i18next.changeLanguage('zh-CN');
    expect(render({ ...ringing, call: 'held', due: { rule: 'checkInEvery', at: performance.timeOrigin + performance.now() + 12_000 } })).toMatch(/下一项:<\/span> .*1[12] 秒/);
  });
});
