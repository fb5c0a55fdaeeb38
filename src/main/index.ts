// SeatMate main process: wires the small modules together. Order matters: the app scheme and the
// single-instance lock before 'ready'; policy before logging levels, windows and settings; the
// navigation and permission guards before the first window exists.
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { app, dialog, globalShortcut, ipcMain, Menu, net, powerSaveBlocker, protocol, safeStorage, session, shell } from 'electron';
import type { BrowserWindow } from 'electron';
import log from 'electron-log/main';
import electronUpdater from 'electron-updater';
import type { CallSummary } from '../core/bridge.ts';
import { applyDevToolsPolicy } from './appMenu.ts';
import { resolveOrigins } from './appOrigin.ts';
import { registerAppScheme, serveApp } from './appProtocol.ts';
import { createBridgeServices } from './bridgeServices.ts';
import { createCommandSender } from './commands.ts';
import { createLinkOpener, registerDialSchemes } from './deepLinks.ts';
import { createDesktopSettings } from './desktopSettings.ts';
import { followMainFiles } from './followFiles.ts';
import { describeConflicts, hotkeyCommands } from './hotkeys.ts';
import { registerIpc } from './ipc.ts';
import { configureLogging, logFromRenderer, setLogLevel, type LoggerLike } from './logging.ts';
import { createMainWindow, showWindow } from './mainWindow.ts';
import { installNavigationGuards } from './navigationGuard.ts';
import { createNotifier } from './notifications.ts';
import { createOverlay } from './overlayWindow.ts';
import { installPermissionHandlers } from './permissions.ts';
import { layerConfig, policyValue, type ResolvedPolicy } from '../node/policyMerge.ts';
import { resolveSettings } from '../node/settings.ts';
import { loadPolicy, policySources } from './policySources.ts';
import { createPowerSaveGuard, isInCall } from './powerSave.ts';
import { confirmQuit } from './quitGuard.ts';
import { createSecretBox } from './secrets.ts';
import { createSettingsStore } from './settingsStore.ts';
import { claimSingleInstance } from './singleInstance.ts';
import { strings } from './strings.ts';
import { createTray } from './tray.ts';
import { effectiveUpdateMode, isMsiInstall, readAppUpdateConfig, startUpdater } from './updater.ts';

const APP_ID = 'com.seatmate.app';
const logger = log as unknown as LoggerLike;
const warn = (m: string) => log.warn(m);

registerAppScheme(protocol);
const commands = createCommandSender(warn);
// tel:/sip: links only fill the dial box; they wait for the IT policy that says what they may carry.
const links = createLinkOpener((c) => commands.send(c), warn);
let mainWindow: BrowserWindow | undefined;
const show = () => showWindow(mainWindow);

if (claimSingleInstance(app, (link) => links.open(link), show)) {
  // A first instance started by a tel: link fills the dial box too, once the page is up.
  links.openArgv(process.argv.slice(1));
  main().catch((error: unknown) => {
    log.error('startup failed', error);
    dialog.showErrorBox('SeatMate', `SeatMate could not start: ${(error as Error).message}`);
    app.exit(1);
  });
}

async function main(): Promise<void> {
  await app.whenReady();
  app.setAppUserModelId(APP_ID); // Windows attributes notifications to the app by this id
  configureLogging(logger, 'info', app.isPackaged);
  log.info(`SeatMate ${app.getVersion()} starting`);
  if (!applyDevToolsPolicy(app, Menu, process.platform, warn)) return; // packaged: no DevTools, reload or default menu
  // The one policy in force: services ask for it each time, followFiles.ts replaces it on a change.
  let policy: ResolvedPolicy = await loadPolicy(APP_ID, warn);
  const policyInForce = () => policy;
  links.setPolicy({ featureCodesAllowed: policyValue(policy, 'linkFeatureCodesAllowed') });
  setLogLevel(logger, policyValue(policy, 'logLevel'));

  const origins = resolveOrigins({ isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL });
  installNavigationGuards(app, origins.trusted, warn, (url) => { void shell.openExternal(url); });
  installPermissionHandlers(session.defaultSession, origins.trusted, warn);
  serveApp(protocol, net, join(import.meta.dirname, '../renderer'));
  registerDialSchemes(app, process.execPath, app.isPackaged ? undefined : process.argv[1], warn);

  const userData = app.getPath('userData');
  await mkdir(userData, { recursive: true });
  const store = createSettingsStore(join(userData, 'settings.json'), {
    readFile: (p) => readFile(p, 'utf8'),
    writeFile: (p, d) => writeFile(p, d, { encoding: 'utf8', mode: 0o600 }),
    rename,
  }, createSecretBox(safeStorage, process.platform, warn), warn);
  await store.load();

  for (const p of layerConfig(store.user(), policy).problems) warn(`settings: ${p}`);
  const text = () => strings(resolveSettings(store.user(), policy).config.lang);

  let quitting = false;
  let summary: CallSummary | undefined;
  let updateReady: string | undefined;
  const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
  const overlayEnabled = () => policyValue(policy, 'overlayEnabled');

  mainWindow = createMainWindow({
    preloadPath, url: origins.pageUrl('index'), isQuitting: () => quitting,
    startHidden: process.argv.includes('--hidden'),
  });
  mainWindow.webContents.on('did-finish-load', () => { if (mainWindow) commands.ready(mainWindow.webContents); });

  const overlay = createOverlay({
    preloadPath, url: origins.pageUrl('overlay'), anchor: () => mainWindow,
    prefs: () => store.desktop(),
    savePrefs: (patch) => { store.saveDesktop(patch).catch((e: Error) => warn(`overlay prefs not saved: ${e.message}`)); },
  });
  const notifier = createNotifier(show);
  const { autoUpdater } = electronUpdater;
  const power = createPowerSaveGuard(powerSaveBlocker);

  const tray = createTray({
    command: (c) => commands.send(c),
    showWindow: show,
    setOverlayPinned: (on) => { overlay.setPinned(on); renderTray(); },
    setOverlayClickThrough: (on) => { overlay.setClickThrough(on); renderTray(); },
    installUpdate: () => {
      if (isInCall(summary)) { void notifier.notify({ title: 'SeatMate', body: text().updateDuringCall }); return; }
      quitting = true;
      autoUpdater.quitAndInstall();
    },
    quit: () => app.quit(),
  });
  const renderTray = () => {
    const d = store.desktop();
    tray.render({ summary, overlayPinned: d.overlayPinned, overlayClickThrough: d.overlayClickThrough, overlayEnabled: overlayEnabled(), updateReady }, text());
  };
  renderTray();

  const desktop = createDesktopSettings({
    store, policy: policyInForce, platform: process.platform, shortcuts: globalShortcut, app,
    onHotkey: (action) => {
      if (action === 'overlayClickThrough') { overlay.setClickThrough(!store.desktop().overlayClickThrough); renderTray(); return; }
      const command = hotkeyCommands[action];
      if (command) commands.send(command);
    },
    onConflicts: (conflicts) => {
      const list = describeConflicts(conflicts);
      warn(`hotkeys not registered: ${list}`);
      void notifier.notify({ title: text().hotkeyConflictTitle, body: text().hotkeyConflictBody(list), tag: 'hotkeys' });
    },
  });

  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
  const services = createBridgeServices({
    store, policy: policyInForce, warn, resourcesDir,
    notify: (n) => notifier.notify(n),
    log: (entry) => logFromRenderer(logger, entry),
    isAgentWindow: (contents) => contents === mainWindow?.webContents,
    onSummary: (s) => {
      summary = s;
      power.update(s);
      if (overlayEnabled()) overlay.update(s);
      renderTray();
    },
    onSettingsSaved: () => renderTray(),
    desktop,
  });
  registerIpc(ipcMain, services, {
    trusted: origins.trusted,
    isOwnContents: (wc) => wc === mainWindow?.webContents || wc === overlay.window()?.webContents,
    log: warn,
  });

  // The hotkeys (their conflicts reported, never silent) and start-on-login; Settings changes them later.
  desktop.apply();

  // Packs, calendars, the directory and IT policy, followed while the app runs (followFiles.ts).
  const unfollow = followMainFiles({
    resourcesDir, sources: policySources(APP_ID), policy: policyInForce, setPolicy: (next) => { policy = next; },
    user: () => store.user(), loadContent: () => services.loadContent(), send: (c) => commands.send(c), log: warn,
    effects: {
      setLogLevel: (level) => setLogLevel(logger, level),
      setLinkPolicy: (p) => links.setPolicy(p),
      applyDesktop: () => desktop.apply(),
      setOverlayEnabled: (on) => { if (!on) overlay.close(); else if (summary) overlay.update(summary); },
      refresh: renderTray,
    },
  });

  autoUpdater.logger = logger as never;
  const mode = effectiveUpdateMode(policyValue(policy, 'updateMode'), {
    isPackaged: app.isPackaged, platform: process.platform, msi: isMsiInstall(process.platform, process.execPath, existsSync),
  });
  startUpdater(autoUpdater, mode, policyValue(policy, 'updateUrl'), {
    log: (m) => log.info(m),
    ready: (version) => { updateReady = version; renderTray(); },
  }, { platform: process.platform, readUpdateConfig: () => readAppUpdateConfig(process.resourcesPath) });

  app.on('before-quit', (event) => {
    if (quitting) return;
    if (!confirmQuit(summary, dialog, mainWindow, text())) { event.preventDefault(); return; }
    quitting = true;
  });
  app.on('will-quit', () => { unfollow(); globalShortcut.unregisterAll(); overlay.close(); tray.destroy(); });
  app.on('activate', show);
  // Closing windows keeps SeatMate in the tray: the phone must still ring.
  app.on('window-all-closed', () => {});
}
