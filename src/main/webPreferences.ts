// The one set of web preferences every SeatMate window uses. Written out in full (even the
// values that are already Electron's defaults) so a reviewer — and electronegativity — sees the
// security posture here, and a future Electron default change cannot silently weaken it.
import type { WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // The hold check-in (15 s) and hang-up lock (5 s) clocks must not drift when the agent
    // minimises the window: Chromium otherwise throttles hidden pages' timers to >= 1 s.
    backgroundThrottling: false,
  };
}
