// What the tray menu offers, as data (tested without Electron): the registration state, the
// call actions that make sense right now, overlay modes, show window, quit.
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand, CallSummary } from '../core/bridge.ts';
import type { Strings } from './strings.ts';

export interface TrayActions {
  command(c: AppCommand): void;
  showWindow(): void;
  setOverlayPinned(on: boolean): void;
  setOverlayClickThrough(on: boolean): void;
  installUpdate(): void;
  quit(): void;
}

export interface TrayState {
  summary?: CallSummary;
  overlayPinned: boolean;
  overlayClickThrough: boolean;
  overlayEnabled: boolean;
  updateReady?: string;
}

export function trayMenuTemplate(state: TrayState, t: Strings, act: TrayActions): MenuItemConstructorOptions[] {
  const call = state.summary?.call ?? 'idle';
  const registration = state.summary?.registration ?? 'connecting';
  const active = call === 'connected' || call === 'held' || call === 'closing' || call === 'locked';
  const items: MenuItemConstructorOptions[] = [
    { label: t.registration[registration], enabled: false },
    { type: 'separator' },
    { label: t.answer, enabled: call === 'ringing', click: () => act.command({ type: 'answer' }) },
    // The renderer enforces the hang-up lock; the menu mirrors it so the agent sees why.
    { label: call === 'locked' ? t.hangupLocked : t.hangup, enabled: active && call !== 'locked', click: () => act.command({ type: 'hangup' }) },
    { label: call === 'held' ? t.resume : t.hold, enabled: call === 'connected' || call === 'held', click: () => act.command({ type: 'hold-toggle' }) },
    { type: 'separator' },
    { label: t.showWindow, click: act.showWindow },
  ];
  if (state.overlayEnabled) {
    items.push(
      { label: t.overlayPinned, type: 'checkbox', checked: state.overlayPinned, click: () => act.setOverlayPinned(!state.overlayPinned) },
      { label: t.overlayClickThrough, type: 'checkbox', checked: state.overlayClickThrough, click: () => act.setOverlayClickThrough(!state.overlayClickThrough) },
    );
  }
  if (state.updateReady) items.push({ type: 'separator' }, { label: t.installUpdate(state.updateReady), click: act.installUpdate });
  items.push({ type: 'separator' }, { label: t.quit, click: act.quit });
  return items;
}

/** Tray tooltip / macOS title text. */
export function trayTooltip(state: TrayState, t: Strings): string {
  return `SeatMate — ${t.registration[state.summary?.registration ?? 'connecting']}`;
}

/** A round status dot (BGRA, as nativeImage.createFromBitmap wants): no image files to ship. */
export function trayDot(registration: CallSummary['registration'] | undefined, size: number): Buffer {
  const rgb: Record<string, [number, number, number]> = {
    registered: [34, 160, 90], connecting: [220, 160, 30], failed: [200, 50, 50], unregistered: [140, 140, 140], disabled: [18, 128, 128],
  };
  const [r, g, b] = rgb[registration ?? 'connecting'] ?? [140, 140, 140];
  const buf = Buffer.alloc(size * size * 4);
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - c, y + 0.5 - c);
      const alpha = Math.max(0, Math.min(1, c - 1 - d + 0.5));
      const i = (y * size + x) * 4;
      buf[i] = Math.round(b * alpha); buf[i + 1] = Math.round(g * alpha); buf[i + 2] = Math.round(r * alpha); buf[i + 3] = Math.round(255 * alpha);
    }
  }
  return buf;
}
