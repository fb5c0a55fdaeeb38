// A test double of the parts of the `electron` module that main uses. Electron's binary cannot
// run here (and unit tests should not need it): tests `vi.mock('electron', ...)` with this.
import { EventEmitter } from 'node:events';

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  id = nextId++;
  url = '';
  sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler?: (details: { url: string }) => { action: string };
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) { this.windowOpenHandler = handler; }
  getURL() { return this.url; }
  send(channel: string, ...args: unknown[]) { this.sent.push({ channel, args }); }
  isDestroyed() { return this.destroyed; }
  isLoading() { return false; }
  /** Fires an Electron-style cancellable event; returns true when a listener prevented it. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => { prevented = true; } }, ...args);
    return prevented;
  }
}

export interface Rect { x: number; y: number; width: number; height: number }

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  options: Record<string, unknown>;
  webContents = new FakeWebContents();
  bounds: Rect;
  visible = false;
  destroyed = false;
  alwaysOnTop: unknown[] = [];
  ignoreMouse: unknown[] = [];
  loaded?: string;
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.bounds = { x: Number(options.x ?? 0), y: Number(options.y ?? 0), width: Number(options.width ?? 800), height: Number(options.height ?? 600) };
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string) { this.loaded = url; this.webContents.url = url; return Promise.resolve(); }
  show() { this.visible = true; }
  showInactive() { this.visible = true; }
  hide() { this.visible = false; }
  focus() {}
  restore() {}
  isMinimized() { return false; }
  isVisible() { return this.visible; }
  isDestroyed() { return this.destroyed; }
  close() { this.emit('close', { preventDefault() {} }); this.destroyed = true; this.emit('closed'); }
  destroy() { this.destroyed = true; }
  getBounds() { return { ...this.bounds }; }
  setBounds(b: Partial<Rect>) { this.bounds = { ...this.bounds, ...b }; }
  setAlwaysOnTop(...args: unknown[]) { this.alwaysOnTop = args; }
  setVisibleOnAllWorkspaces() {}
  setIgnoreMouseEvents(...args: unknown[]) { this.ignoreMouse = args; }
  static getAllWindows() { return FakeBrowserWindow.instances.filter((w) => !w.destroyed); }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export class FakeIpcMain extends EventEmitter {
  handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler) { this.handlers.set(channel, handler); }
  removeHandler(channel: string) { this.handlers.delete(channel); }
  async invoke(channel: string, event: unknown, payload?: unknown) {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h(event, payload);
  }
}

/** An IPC event as Electron builds it: the sending web contents and its frame. */
export function ipcEvent(sender: FakeWebContents, frameUrl: string | null) {
  return { sender, senderFrame: frameUrl === null ? null : { url: frameUrl } };
}

export const ipcMain = new FakeIpcMain();

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getPath: (_name: string) => '/tmp/seatmate-test',
  getVersion: () => '0.1.0',
  requestSingleInstanceLock: () => true,
  setAsDefaultProtocolClient: () => true,
  setLoginItemSettings: (_s: unknown) => {},
  getLoginItemSettings: () => ({ openAtLogin: false }),
  quit: () => {},
  exitCodes: [] as number[],
  exit(code = 0) { this.exitCodes.push(code); },
  /** Chromium switches the process was started with (without the leading --). */
  commandLine: {
    switches: new Map<string, string>(),
    hasSwitch(name: string) { return this.switches.has(name); },
    getSwitchValue(name: string) { return this.switches.get(name) ?? ''; },
    appendSwitch(name: string, value = '') { this.switches.set(name, value); },
  },
  focus: () => {},
  whenReady: () => Promise.resolve(),
  setAppUserModelId: (_id: string) => {},
  getAppPath: () => process.cwd(),
});

export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable() { return this.available; },
  getSelectedStorageBackend() { return this.backend; },
  // A reversible stand-in: clearly not the clear text, clearly ours.
  encryptString: (s: string) => Buffer.from(`ENC(${Buffer.from(s, 'utf8').toString('hex')})`, 'utf8'),
  decryptString: (b: Buffer) => {
    const m = /^ENC\(([0-9a-f]*)\)$/.exec(b.toString('utf8'));
    if (!m) throw new Error('cannot decrypt');
    return Buffer.from(m[1] ?? '', 'hex').toString('utf8');
  },
};

export const screen = Object.assign(new EventEmitter(), {
  displays: [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
  ] as Array<{ id: number; bounds: Rect; workArea: Rect }>,
  getAllDisplays() { return this.displays; },
  getPrimaryDisplay() { return this.displays[0]; },
  getDisplayMatching(r: Rect) {
    const cx = r.x + r.width / 2; const cy = r.y + r.height / 2;
    return this.displays.find((d) => cx >= d.bounds.x && cx < d.bounds.x + d.bounds.width && cy >= d.bounds.y && cy < d.bounds.y + d.bounds.height) ?? this.displays[0];
  },
});

export const globalShortcut = {
  registered: new Map<string, () => void>(),
  taken: new Set<string>(),
  register(accelerator: string, cb: () => void) {
    if (this.taken.has(accelerator)) return false;
    this.registered.set(accelerator, cb);
    return true;
  },
  unregister(accelerator: string) { this.registered.delete(accelerator); },
  unregisterAll() { this.registered.clear(); },
  isRegistered(accelerator: string) { return this.registered.has(accelerator); },
};

export const shell = { opened: [] as string[], openExternal(url: string) { this.opened.push(url); return Promise.resolve(); } };

export const powerSaveBlocker = {
  active: new Set<number>(),
  next: 1,
  start(_type: 'prevent-app-suspension' | 'prevent-display-sleep') { const id = this.next++; this.active.add(id); return id; },
  stop(id: number) { return this.active.delete(id); },
  isStarted(id: number) { return this.active.has(id); },
};

export class Notification extends EventEmitter {
  static shown: Array<Record<string, unknown>> = [];
  static isSupported() { return true; }
  constructor(public options: Record<string, unknown>) { super(); }
  show() { Notification.shown.push(this.options); }
  close() {}
}

export const dialog = {
  answer: 0,
  asked: [] as unknown[],
  showMessageBoxSync(...args: unknown[]) { this.asked.push(args); return this.answer; },
  errors: [] as unknown[],
  showErrorBox(...args: unknown[]) { this.errors.push(args); },
  showMessageBox(...args: unknown[]) { this.asked.push(args); return Promise.resolve({ response: this.answer, checkboxChecked: false }); },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) { this.exposed.set(key, api); },
};

export class FakeIpcRenderer extends EventEmitter {
  invoked: Array<{ channel: string; args: unknown[] }> = [];
  sentMessages: Array<{ channel: string; args: unknown[] }> = [];
  invoke(channel: string, ...args: unknown[]) { this.invoked.push({ channel, args }); return Promise.resolve({ channel }); }
  send(channel: string, ...args: unknown[]) { this.sentMessages.push({ channel, args }); }
}
export const ipcRenderer = new FakeIpcRenderer();

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (req: { url: string }) => unknown>(),
  registerSchemesAsPrivileged(schemes: unknown[]) { this.privileged.push(...schemes); },
  handle(scheme: string, handler: (req: { url: string }) => unknown) { this.handlers.set(scheme, handler); },
};

export const net = { fetch: (url: string) => Promise.resolve(new Response(`file ${url}`)) };

export const session = {
  defaultSession: {
    requestHandler: undefined as unknown,
    checkHandler: undefined as unknown,
    displayHandler: undefined as unknown,
    setPermissionRequestHandler(h: unknown) { this.requestHandler = h; },
    setPermissionCheckHandler(h: unknown) { this.checkHandler = h; },
    setDisplayMediaRequestHandler(h: unknown) { this.displayHandler = h; },
  },
};

export const Menu = {
  /** What setApplicationMenu was last given: undefined = never called (Electron's default menu stays). */
  application: undefined as { template: unknown[] } | null | undefined,
  buildFromTemplate: (template: unknown[]) => ({ template }),
  setApplicationMenu(menu: { template: unknown[] } | null) { this.application = menu; },
  getApplicationMenu() { return this.application ?? null; },
};

export class Tray extends EventEmitter {
  static last?: Tray;
  menu?: { template: Array<{ label?: string; enabled?: boolean }> };
  tooltip = '';
  constructor(public image: unknown) { super(); Tray.last = this; }
  setImage(image: unknown) { this.image = image; }
  setToolTip(t: string) { this.tooltip = t; }
  setContextMenu(m: { template: Array<{ label?: string; enabled?: boolean }> }) { this.menu = m; }
  destroy() {}
}

export const nativeImage = {
  createFromBitmap: (_b: Buffer, size: { width: number; height: number }) => ({ size, addRepresentation() {} }),
};

export const electronModule = {
  app, BrowserWindow: FakeBrowserWindow, ipcMain, safeStorage, screen, globalShortcut, shell, powerSaveBlocker,
  Notification, dialog, contextBridge, ipcRenderer, protocol, net, session, Menu, Tray, nativeImage,
};
export default electronModule;
