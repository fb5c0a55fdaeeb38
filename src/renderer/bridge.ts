// The renderer's one door to its host: Electron's preload (window.seatmate) or the web host.
import type { SeatMateBridge } from '../core/bridge.ts';
import { createWebBridge } from './webBridge.ts';

declare global {
  interface Window { seatmate?: SeatMateBridge }
}

export function getBridge(): SeatMateBridge {
  return window.seatmate ?? createWebBridge();
}
