// UI strings (labels, not customer-facing phrases: those come from content packs).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';
import type { Lang } from '../../core/config.ts';

export async function initI18n(lang: Lang): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'zh-CN',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false }, // React escapes; values are never HTML
    returnNull: false,
  });
  document.documentElement.lang = lang;
  return i18next;
}
