import { describe, expect, it } from 'vitest';
import { RECORD_RULES } from '../../core/records/index.ts';
import en from './i18n/en.json';
import zhCN from './i18n/zh-CN.json';

// AUTOMATION-CONTRACT §4: the Records view's accessible names.
const CONTRACT: Record<string, [string, string]> = {
  'records.history': ['Call history', '通话历史'],
  'records.scorecard': ['Scorecard', '服务质量'],
  'records.exportCsv': ['Export CSV', '导出 CSV'],
};

describe('Records view strings', () => {
  it('has the same keys in English and Chinese', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it.each(Object.entries(CONTRACT))('names %s as the automation contract says', (key, [enName, zhName]) => {
    expect((en as Record<string, string>)[key]).toBe(enName);
    expect((zhCN as Record<string, string>)[key]).toBe(zhName);
  });

  it('names every rule the records judge', () => {
    for (const rule of RECORD_RULES) expect(Object.keys(en)).toContain(`records.rule.${rule}`);
  });
});
