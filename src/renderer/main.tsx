// Renderer entry: ask the host for settings and content, then render the phone.
import { createRoot } from 'react-dom/client';
import { loadContent } from '../core/pack/load.ts';
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
  const phone = new PhoneController(config, config.lang === 'en' ? './caller-en.wav' : './caller-zh.wav');
  phone.start();
  window.addEventListener('beforeunload', () => phone.stop());
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(<App phone={phone} settings={settings} content={content} bridge={bridge} />);
}

boot().catch((error: unknown) => {
  const root = document.getElementById('root');
  if (root) root.textContent = `SeatMate could not start: ${(error as Error).message}`;
  console.error(error);
});
