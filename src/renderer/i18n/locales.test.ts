import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';

// AUTOMATION-CONTRACT §4: the accessible names tests and screen readers rely on.
const CONTRACT: Record<string, [string, string]> = {
  registration: ['Registration', '注册状态'],
  'registration.registered': ['Registered', '已注册'],
  incoming: ['Incoming call', '来电'],
  answer: ['Answer', '接听'],
  decline: ['Decline', '拒接'],
  'dial.number': ['Number', '号码'],
  'dial.call': ['Call', '呼叫'],
  hold: ['Hold', '保持'],
  resume: ['Resume', '恢复'],
  mute: ['Mute', '静音'],
  unmute: ['Unmute', '取消静音'],
  keypad: ['Keypad', '拨号盘'],
  hangup: ['Hang up', '挂机'],
  guidance: ['Guidance', '服务引导'],
  greeting: ['Greeting', '问候语'],
  script: ['Script', '话术'],
  scenario: ['Scenario', '场景'],
  records: ['Records', '通话记录'],
  coaching: ['Speech coaching', '语速提示'],
};

describe('UI strings', () => {
  it('has the same keys in English and Chinese', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it.each(Object.entries(CONTRACT))('names %s as the automation contract says', (key, [enName, zhName]) => {
    expect((en as Record<string, string>)[key]).toBe(enName);
    expect((zhCN as Record<string, string>)[key]).toBe(zhName);
  });
});
