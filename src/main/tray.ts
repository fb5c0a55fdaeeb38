// The tray icon: always there while SeatMate runs (closing the window only hides it), coloured by
// registration state, with the menu from trayMenu.ts rebuilt whenever the state changes.
import { Menu, Tray, nativeImage } from 'electron';
import type { Strings } from './strings.ts';
import { trayDot, trayMenuTemplate, trayTooltip, type TrayActions, type TrayState } from './trayMenu.ts';

export function createTray(actions: TrayActions) {
  const image = (state: TrayState) => {
    const img = nativeImage.createFromBitmap(trayDot(state.summary?.registration, 16), { width: 16, height: 16 });
    img.addRepresentation({ scaleFactor: 2, width: 32, height: 32, buffer: trayDot(state.summary?.registration, 32) });
    return img;
  };
  let tray: Tray | undefined;
  let lastKey = '';
  return {
    render(state: TrayState, t: Strings) {
      // Rebuild only on change: publishSummary can arrive several times a second.
      const key = JSON.stringify([state, t.quit]);
      if (key === lastKey && tray) return;
      lastKey = key;
      if (!tray) {
        tray = new Tray(image(state));
        tray.on('click', actions.showWindow);
      } else {
        tray.setImage(image(state));
      }
      tray.setToolTip(trayTooltip(state, t));
      tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(state, t, actions)));
    },
    destroy() { tray?.destroy(); tray = undefined; },
  };
}
