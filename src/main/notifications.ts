// System notifications (hold check-ins, call-back tasks) raised from main, so they appear even
// while the agent window is minimised or hidden in the tray. Clicking one brings the window back.
import { Notification } from 'electron';
import type { NotificationRequest } from '../core/bridge.ts';

export function createNotifier(onClick: () => void) {
  // One live notification per tag: a new check-in replaces the last one instead of piling up.
  const byTag = new Map<string, Notification>();
  return {
    async notify(n: NotificationRequest): Promise<void> {
      if (!Notification.isSupported()) return;
      const note = new Notification({
        title: n.title,
        body: n.body,
        silent: false,
        urgency: n.urgent ? 'critical' : 'normal',
        timeoutType: n.urgent ? 'never' : 'default',
      });
      note.on('click', onClick);
      if (n.tag) {
        byTag.get(n.tag)?.close();
        byTag.set(n.tag, note);
        note.on('close', () => { if (byTag.get(n.tag!) === note) byTag.delete(n.tag!); });
      }
      note.show();
    },
  };
}
