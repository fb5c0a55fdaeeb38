// Commands from outside the page (hotkeys, tray, tel: links, overlay) go to the agent window on
// the one main → renderer channel. Before the page has loaded they wait in a short queue, so a
// tel: link that started the app is not lost.
import type { WebContents } from 'electron';
import { IPC, appCommandSchema, type AppCommand } from '../core/bridge.ts';

export interface CommandSender {
  send(command: AppCommand): void;
  /** Call when the agent window's page finished loading (again). */
  ready(contents: WebContents): void;
}

export function createCommandSender(log: (m: string) => void): CommandSender {
  let target: WebContents | undefined;
  const queue: AppCommand[] = [];
  const deliver = (command: AppCommand) => {
    if (target && !target.isDestroyed()) target.send(IPC.command, command);
    else if (queue.length < 10) queue.push(command);
  };
  return {
    send(command) {
      const parsed = appCommandSchema.safeParse(command);
      if (!parsed.success) { log(`command dropped: ${JSON.stringify(command).slice(0, 100)}`); return; }
      deliver(parsed.data);
    },
    ready(contents) {
      target = contents;
      for (const c of queue.splice(0)) deliver(c);
    },
  };
}
