import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContentBundle } from '../../cli/content.ts';
import { appConfigSchema } from '../../core/config.ts';
import { loadContent } from '../../core/pack/load.ts';
import type { CallView } from '../phone/phoneController.ts';
import { GuidanceStore } from './guidanceStore.ts';

const content = loadContent(await readContentBundle(path.resolve(import.meta.dirname, '../../../resources')));
const pack = content.packs.get('telecom-10000')!;
const config = appConfigSchema.parse({ timeZone: 'Asia/Shanghai', agent: { id: '8023' } });
// Friday 2026-11-27 19:00 in Shanghai: evening, weekend window.
const FRIDAY_EVENING = Date.UTC(2026, 10, 27, 11, 0);

const call = (patch: Partial<CallView> = {}): CallView => ({
  id: 'c1', direction: 'incoming', number: '13800138000', displayName: '', tier: 'ordinary',
  phase: 'ringing', startedAt: 0, ...patch,
});

describe('guidance for a call', () => {
  it('greets by tier and the moment the call rings, and picks the script from X-Scenario', () => {
    const store = new GuidanceStore(pack, content.calendars, config, () => FRIDAY_EVENING);
    store.follow(call({ tier: 'vip', scenario: 'complaint' }));
    const v = store.getSnapshot();
    expect(v.greeting).toMatchObject({ tier: 'vip', period: 'evening', occasion: 'weekend' });
    expect(v.greeting?.text).toContain('周末快乐');
    expect(v.greeting?.text).toContain('8023');
    expect(v.script?.id).toBe('complaint');
    expect(v.scenarioReason).toBe('header');
  });

  it('updates the greeting when a late tier (CRM) arrives, and keeps the agent on their step otherwise', () => {
    const store = new GuidanceStore(pack, content.calendars, config, () => FRIDAY_EVENING);
    store.follow(call({ scenario: 'complaint' }));
    store.moveStep(2);
    const ordinary = store.getSnapshot().greeting?.text;
    store.follow(call({ scenario: 'complaint', tier: 'vip' }));
    expect(store.getSnapshot().greeting?.text).not.toBe(ordinary);
    expect(store.getSnapshot().step).toBe(2);
    store.follow(call({ scenario: 'complaint', tier: 'vip', phase: 'connected' }));
    expect(store.getSnapshot().step).toBe(2);
  });

  it('switches to the call-back script when the hold passes its limit', () => {
    const store = new GuidanceStore(pack, content.calendars, config, () => FRIDAY_EVENING);
    store.follow(call());
    store.onCallEvent('hold-limit');
    expect(store.getSnapshot().script?.id).toBe('callback-offer');
    expect(store.getSnapshot().scenarioReason).toBe('event');
  });

  it('keeps the current step within the script', () => {
    const store = new GuidanceStore(pack, content.calendars, config, () => FRIDAY_EVENING);
    store.follow(call({ scenario: 'complaint' }));
    store.moveStep(-5);
    expect(store.getSnapshot().step).toBe(0);
    store.moveStep(999);
    expect(store.getSnapshot().step).toBe(store.getSnapshot().script!.steps.length - 1);
  });

  it('ignores an unknown scenario id and clears when the call is gone', () => {
    const store = new GuidanceStore(pack, content.calendars, config, () => FRIDAY_EVENING);
    store.follow(call({ scenario: 'no-such-thing' }));
    expect(store.getSnapshot().script).toBeUndefined();
    store.chooseScenario('also-not-there');
    expect(store.getSnapshot().script).toBeUndefined();
    store.follow(undefined);
    expect(store.getSnapshot().greeting).toBeUndefined();
  });
});
