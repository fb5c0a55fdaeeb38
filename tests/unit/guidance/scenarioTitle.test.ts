// Every view takes the scenario title from the pack the guidance engine chose (issue 15): with
// lang en, the English pack's title reaches the script and the overlay's summary, never the
// Chinese one the scenario files also carry.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summaryOf } from '../../../src/core/call/summary.ts';
import type { PhoneView } from '../../../src/core/call/views.ts';
import { guidanceFor } from '../../../src/core/guidance/callGuidance.ts';
import { packForLang } from '../../../src/core/guidance/greeting.ts';
import { scenarioTitle } from '../../../src/core/guidance/scenarios.ts';
import { loadHostContent } from '../../../src/node/content.ts';

const content = await loadHostContent({ resourcesDir: path.resolve(import.meta.dirname, '../../../resources') });
const HAN = /\p{Script=Han}/u;
const facts = { id: 'c1', tier: 'vip' as const, invite: { scenario: 'angry-caller' }, step: 0, answeredAt: Date.UTC(2025, 4, 6, 2) };

function summaryFor(lang: 'en' | 'zh-CN') {
  const pack = packForLang(content.packs, 'telecom-10000', lang);
  const guide = guidanceFor(facts, { pack, calendars: content.calendars, agent: { id: '1001' }, timeZone: 'Asia/Shanghai' }, facts.answeredAt);
  const call = { ...facts, number: '13800138000', phase: 'connected', rules: { phase: 'talking', canHangUp: false } };
  const view = { mode: 'training', registration: { state: 'registered' }, active: call, tasks: [] } as unknown as PhoneView;
  return { pack, guide, summary: summaryOf(view, guide) };
}

describe('the scenario title in the agent\'s language', () => {
  it('an English pack shows titleEn; a Chinese pack its title', () => {
    expect(scenarioTitle({ title: '投诉处理', titleEn: 'Complaint' }, 'en')).toBe('Complaint');
    expect(scenarioTitle({ title: '投诉处理', titleEn: 'Complaint' }, 'zh-CN')).toBe('投诉处理');
    expect(scenarioTitle({ title: '投诉处理' }, 'en')).toBe('投诉处理'); // nothing better to show
  });

  it('with lang en the overlay summary has no Chinese character: title, greeting and step come from the English pack', () => {
    const { pack, guide, summary } = summaryFor('en');
    expect(pack?.lang).toBe('en');
    expect(guide.script?.title).toBe('Emotional or angry caller');
    expect(summary.scenarioTitle).toBe('Emotional or angry caller');
    expect(JSON.stringify(summary)).not.toMatch(HAN);
  });

  it('with lang zh-CN the summary is the Chinese pack\'s', () => {
    const { summary } = summaryFor('zh-CN');
    expect(summary.scenarioTitle).toBe('情绪激动的客户');
    expect(summary.greeting).toMatch(HAN);
  });
});
