// Quitting during a call hangs up on a customer: ask first. Used for every way out — tray Quit,
// Cmd+Q, an installer's update restart — through app 'before-quit'.
import type { Dialog, BrowserWindow } from 'electron';
import type { CallSummary } from '../core/bridge.ts';
import type { Strings } from './strings.ts';
import { isInCall } from './powerSave.ts';

export function confirmQuit(
  summary: CallSummary | undefined,
  dialog: Pick<Dialog, 'showMessageBoxSync'>,
  parent: BrowserWindow | undefined,
  t: Strings,
): boolean {
  if (!isInCall(summary)) return true;
  const options = {
    type: 'warning' as const,
    title: t.quitTitle,
    message: t.quitTitle,
    detail: t.quitMessage,
    buttons: [t.quitStay, t.quitAnyway],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const choice = parent && !parent.isDestroyed() ? dialog.showMessageBoxSync(parent, options) : dialog.showMessageBoxSync(options);
  return choice === 1;
}
