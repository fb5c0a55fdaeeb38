// The Records view's words come with its chunk (the page's start-up bundle carries only the
// button's): added to i18next when the view first loads.
import i18next from 'i18next';
import en from './i18n/en.json';
import zhCN from './i18n/zh-CN.json';

export const recordsStrings = { en, 'zh-CN': zhCN };

export function addRecordsStrings(): void {
  for (const [lang, bundle] of Object.entries(recordsStrings)) i18next.addResourceBundle(lang, 'translation', bundle, true, false);
}
