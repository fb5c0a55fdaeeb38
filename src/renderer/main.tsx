// Renderer entry: ask the host for settings and content, then render the phone.
import { createRoot } from 'react-dom/client';
import { loadContent } from '../core/pack/load.ts';
import { packForLang } from '../core/guidance/greeting.ts';
import { resolveTier } from '../core/guidance/tier.ts';
import type { Tier } from '../core/config.ts';
import { GuidanceStore } from './guidance/guidanceStore.ts';
import { getBridge } from './bridge.ts';
import { initI18n } from './i18n/index.ts';
import { PhoneController } from './phone/phoneController.ts';
import { App } from './ui/App.tsx';
import './ui/app.css';

async function boot(): Promise<void> {
  const bridge = getBridge();
  const settings = await bridge.getSettings();
  const { config } = settings;
  await initI18n(config.lang);
  // A broken pack is reported and left out; the others (the last good content) still load.
  const content = loadContent(await bridge.loadContent());
  for (const e of content.errors) bridge.log({ level: 'warn', message: `${e.file}:${e.line}: ${e.message}` });
  const pack = packForLang(content.packs, config.pack, config.lang) ?? content.packs.get(config.pack);
  if (!pack) bridge.log({ level: 'error', message: `content pack "${config.pack}" is not loaded: no guidance` });
  const timers = { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as number) };
  const tierOf = (number: string, headerTier: Tier | undefined) =>
    resolveTier({ headers: { 'X-Caller-Tier': headerTier }, number, directory: content.directory, timers });
  const phone = new PhoneController(config, config.lang === 'en' ? './caller-en.wav' : './caller-zh.wav', tierOf);
  const guidance = new GuidanceStore(pack, content.calendars, config, () => Date.now());
  phone.subscribe(() => {
    const v = phone.getSnapshot();
    guidance.follow(v.incoming ?? v.active);
  });
  phone.start();
  window.addEventListener('beforeunload', () => phone.stop());
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(<App phone={phone} guidance={guidance} pack={pack} settings={settings} content={content} bridge={bridge} />);
}

boot().catch((error: unknown) => {
  const root = document.getElementById('root');
  if (root) root.textContent = `SeatMate could not start: ${(error as Error).message}`;
  console.error(error);
});
