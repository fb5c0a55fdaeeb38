// Entry of the guidance overlay page (overlay.html): in Electron, the always-on-top window main
// opens during calls; in the web host, /overlay.html in a second browser window. Both follow the
// CallSummary the agent window publishes, through bridge.onSummary.
import { createRoot } from 'react-dom/client';
import { getBridge } from './bridge.ts';
import { initI18n } from './i18n/index.ts';
import { GuidanceOverlay } from './overlay/GuidanceOverlay.tsx';
import { followSummaries } from './overlay/summaryFeed.ts';
import './overlay/overlay.css';

async function boot(): Promise<void> {
  const bridge = getBridge();
  // Before the first await: the current summary may arrive as soon as the page has loaded.
  const feed = followSummaries(bridge);
  const { config } = await bridge.getSettings();
  await initI18n(config.lang);
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(<GuidanceOverlay feed={feed} />);
}

boot().catch((error: unknown) => {
  const root = document.getElementById('root');
  if (root) root.textContent = `SeatMate guidance could not start: ${(error as Error).message}`;
  console.error(error);
});
