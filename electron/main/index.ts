/**
 * Electron main process: a thin adapter. It owns windows, menus and security policy; all data
 * work happens in the core, which runs in a utility process (see docs/electron.md).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  session,
  shell,
  utilityProcess,
  type Event as ElectronEvent,
  type UtilityProcess,
  type WebContents,
} from 'electron';
import type { JobStatus } from '../../shared/api/jobs';
// Replaced at build time by a plain list of names, keeping zod out of the main bundle.
import { METHOD_NAMES } from '../../shared/api/contract';
import { encodeCoreProcessArgs } from '../core-process/protocol';
import type { ConnectionChoice } from '../../shared/desktop-connection';
import { JOB_EVENT_CHANNEL } from '../preload/channels';
import { resolveAppAsset } from './app-protocol';
import { CoreConnection, RestartBudget } from './core-connection';
import { chooseConnection, connectionWindowTitle, forgetConnectionChoice, probeCouncilServer, readConnectionChoice, type FetchLike } from './connection-choice';
import { registerApiHandlers, registerConnectionHandlers } from './ipc';
import { buildApplicationMenuTemplate, buildContextMenuTemplate } from './menu';
import { resolveRuntimePaths, type RuntimePaths } from './runtime-paths';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  decideNavigation,
  isAppUrl,
  isPermissionGranted,
  isSafeExternalUrl,
} from './security';
import { fill, texts } from './texts';
import { createMainWindowOptions } from './window-options';
import { notifyNewlyOverdue } from './overdue-notification';

const CORE_SHUTDOWN_TIMEOUT_MS = 5000;

interface CoreHandle {
  child: UtilityProcess;
  connection: CoreConnection;
}

// Must happen before 'ready': a standard, secure scheme gets a real origin (so 'self' in the CSP
// and relative URLs work) and counts as a secure context.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let core: CoreHandle | null = null;
let quitting = false;
let coreClosed = false;
/** The first-start choice; null until the member has made it (the app's page then asks). */
let connection: ConnectionChoice | null = null;
const restartBudget = new RestartBudget(3, 60_000);

function failStartup(message: string): void {
  dialog.showErrorBox(texts.dialogs.startFailedTitle, message);
  app.exit(1);
}

function broadcastJobEvent(status: JobStatus): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed() && isAppUrl(window.webContents.getURL())) window.webContents.send(JOB_EVENT_CHANNEL, status);
  }
}

function startCore(paths: RuntimePaths): CoreHandle {
  const child = utilityProcess.fork(
    paths.coreProcess,
    encodeCoreProcessArgs({ databasePath: paths.databasePath, nativeBinding: paths.nativeBinding, jobWorkerPath: paths.jobWorker }),
    { serviceName: 'Advieswerk core', stdio: 'inherit' },
  );
  const connection = new CoreConnection(
    { postMessage: (message) => child.postMessage(message) },
    {
      onJobEvent: broadcastJobEvent,
      onFailed: (error) => dialog.showErrorBox(texts.dialogs.coreFailedTitle, error.message),
    },
    texts.dialogs.coreStopped,
  );
  child.on('message', (message: unknown) => connection.handleMessage(message));
  child.on('exit', (code) => {
    connection.handleExit();
    if (quitting) return;
    console.error(`[advieswerk] core process exited unexpectedly (code ${code})`);
    if (restartBudget.allowRestart(Date.now())) core = startCore(paths);
    else dialog.showErrorBox(texts.dialogs.startFailedTitle, texts.dialogs.coreGaveUp);
  });
  return { child, connection };
}

function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const asset = resolveAppAsset(rendererDir, request.url);
    if (!asset) return new Response('Niet gevonden', { status: 404 });
    try {
      const body = await readFile(asset.filePath);
      return new Response(new Uint8Array(body), {
        headers: {
          'content-type': asset.contentType,
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        },
      });
    } catch {
      return new Response('Niet gevonden', { status: 404 });
    }
  });
}

function guardNavigation(event: ElectronEvent, url: string, mayOpenExternally: boolean): void {
  const decision = decideNavigation(url, serverAddress());
  if (decision === 'allow') return;
  event.preventDefault();
  if (decision === 'open-external' && mayOpenExternally) void shell.openExternal(url);
}

/** Applied to every web contents Electron creates, including ones we did not ask for. */
function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => guardNavigation(event, url, true));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) guardNavigation(event, event.url, false);
  });
  contents.on('will-redirect', (event, url) => guardNavigation(event, url, false));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // A page with unsaved changes cancels `beforeunload`; a browser then asks the user, Electron does
  // not and simply keeps the page (a reload or close would do nothing). Ask here, as a browser would;
  // preventDefault on this event means "unload anyway".
  contents.on('will-prevent-unload', (event) => {
    const owner = BrowserWindow.fromWebContents(contents);
    const options = {
      type: 'question' as const,
      buttons: [texts.dialogs.leaveUnsaved, texts.dialogs.stayUnsaved],
      defaultId: 1,
      cancelId: 1,
      title: texts.dialogs.unsavedTitle,
      message: texts.dialogs.unsavedMessage,
    };
    const choice = owner ? dialog.showMessageBoxSync(owner, options) : dialog.showMessageBoxSync(options);
    if (choice === 0) event.preventDefault();
  });
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl, serverAddress())),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(permission, requestingOrigin, serverAddress()));
  if (process.platform !== 'darwin') {
    try {
      ses.setSpellCheckerLanguages(['nl']);
    } catch (error) {
      console.warn('[advieswerk] Dutch spell checking is not available:', error);
    }
  }
}

/** The council server's address when the window shows its pages, else undefined. */
function serverAddress(): string | undefined {
  return connection?.mode === 'server' ? connection.address : undefined;
}

/**
 * Alone on this computer, the window shows the app's own pages with the bridge to the core. Connected,
 * it shows the council server's pages as a browser would (the same UI and contract over HTTPS, the
 * outbox in this profile's IndexedDB): no preload, so a server's page can never reach this computer's files.
 */
function createMainWindow(paths: RuntimePaths): BrowserWindow {
  const server = serverAddress();
  const title = connectionWindowTitle(app.getName(), connection);
  const window = new BrowserWindow(
    createMainWindowOptions({ ...(server ? {} : { preloadPath: paths.preload }), title, iconPath: path.join(paths.rendererDir, 'icon.png') }),
  );
  // The title says where the data lives; a page's own <title> does not replace it.
  window.on('page-title-updated', (event) => {
    event.preventDefault();
    window.setTitle(connectionWindowTitle(app.getName(), connection));
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('context-menu', (_event, params) => {
    const template = buildContextMenuTemplate(params, {
      replaceMisspelling: (suggestion) => window.webContents.replaceMisspelling(suggestion),
      addToDictionary: (word) => window.webContents.session.addWordToSpellCheckerDictionary(word),
    });
    if (template.length > 0) Menu.buildFromTemplate(template).popup({ window });
  });
  // Every file the page offers (exports, response letters) is a download: this process asks where
  // to save it, so no path ever comes from the page. The suggested name is only the file's own name.
  window.webContents.session.on('will-download', (_event, item) => {
    item.setSaveDialogOptions({ defaultPath: path.join(app.getPath('downloads'), path.basename(item.getFilename())) });
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(server ?? APP_ENTRY_URL);
  return window;
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: fill(texts.menu.about, { app: app.getName() }),
    message: app.getName(),
    detail: fill(texts.dialogs.aboutDetail, { version: app.getVersion() }),
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

async function onReady(): Promise<void> {
  const paths = resolveRuntimePaths({
    isPackaged: app.isPackaged,
    mainDir: __dirname,
    resourcesPath: process.resourcesPath,
    userDataDir: app.getPath('userData'),
    databaseOverride: process.env.ADVIESWERK_DB,
  });
  if (!existsSync(paths.nativeBinding)) return failStartup(fill(texts.dialogs.nativeModuleMissing, { path: paths.nativeBinding }));
  const rendererIndex = path.join(paths.rendererDir, 'index.html');
  if (!existsSync(rendererIndex)) return failStartup(fill(texts.dialogs.rendererMissing, { path: rendererIndex }));

  // A database named at start (ADVIESWERK_DB) is this computer's choice already.
  connection = process.env.ADVIESWERK_DB ? { mode: 'local' } : await readConnectionChoice(paths.connectionFile);
  const restart = () => {
    app.relaunch();
    app.quit();
  };

  hardenSession();
  serveRenderer(paths.rendererDir);
  registerConnectionHandlers(ipcMain, {
    state: () => (connection ? { chosen: true, choice: connection } : { chosen: false }),
    choose: (sent) => chooseConnection(sent, { file: paths.connectionFile, probe: (address) => probeCouncilServer(address, net.fetch as unknown as FetchLike) }),
    chosen: (choice) => {
      connection = choice;
      if (choice.mode === 'server') return restart();
      mainWindow?.setTitle(connectionWindowTitle(app.getName(), connection));
    },
  });
  // Connected to a council server this computer's database is never opened.
  if (connection?.mode !== 'server') {
    core = startCore(paths);
    registerApiHandlers(ipcMain, METHOD_NAMES, async (method, input) => {
      if (!core) return { ok: false, error: { code: 'INTERNAL', message: texts.dialogs.coreStopped } };
      return core.connection.request(method, input);
    });
  }

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildApplicationMenuTemplate({
        platform: process.platform,
        appName: app.getName(),
        isDevelopment: !app.isPackaged,
        onShowAbout: showAbout,
        onOpenDataFolder: () => void shell.openPath(path.dirname(paths.databasePath)),
        onChangeConnection: () => void forgetConnectionChoice(paths.connectionFile).then(restart, restart),
      }),
    ),
  );

  mainWindow = createMainWindow(paths);
  if (core) void notifyNewlyOverdue((method, input) => core!.connection.request(method, input)).catch(() => undefined);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(paths);
  });
}

// The app speaks Dutch whatever the system language: date fields show dd-mm-jjjj, native controls Dutch.
app.commandLine.appendSwitch('lang', 'nl');

if (!app.requestSingleInstanceLock()) {
  // Two processes writing one SQLite file through two cores is asking for "database is locked";
  // the second start hands over to the first.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Let the core finish its transaction and close SQLite (checkpointing the WAL) before exiting.
  app.on('before-quit', (event) => {
    if (coreClosed || !core) return;
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    const closing = core;
    void closing.connection.shutdown(CORE_SHUTDOWN_TIMEOUT_MS).then((clean) => {
      if (!clean) closing.child.kill();
      coreClosed = true;
      app.quit();
    });
  });
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => failStartup(error instanceof Error ? error.message : String(error)));
}
