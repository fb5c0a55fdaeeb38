// Renderer entry: ask the host for settings and content, then render the phone.
import { createRoot } from 'react-dom/client';
import { getBridge } from './bridge.ts';
import { initI18n } from './i18n/index.ts';
import { PhoneController } from './phone/phoneController.ts';
import { App } from './ui/App.tsx';
import './ui/app.css';

async function boot(): Promise<void> {
  const bridge = getBridge();
  const { config } = await bridge.getSettings();
  await initI18n(config.lang);
  const phone = new PhoneController(config, config.lang === 'en' ? './caller-en.wav' : './caller-zh.wav');
  phone.start();
  window.addEventListener('beforeunload', () => phone.stop());
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(<App phone={phone} config={config} bridge={bridge} />);
}

boot().catch((error: unknown) => {
  const root = document.getElementById('root');
  if (root) root.textContent = `SeatMate could not start: ${(error as Error).message}`;
  console.error(error);
});
