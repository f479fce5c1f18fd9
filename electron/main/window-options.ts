import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowSettings {
  /** None for a window that shows the council server's pages: they talk to the server, not to this app. */
  preloadPath?: string;
  title: string;
  /** The app icon for the window and task bar (Linux, Windows); macOS takes the bundle's icon.icns. */
  iconPath?: string;
}

/**
 * The main window, locked down per Electron's security checklist: the page gets no Node, runs
 * sandboxed in its own JavaScript world, and reaches the app only through the preload's bridge.
 */
export function createMainWindowOptions(settings: MainWindowSettings): BrowserWindowConstructorOptions {
  return {
    title: settings.title,
    ...(settings.iconPath ? { icon: settings.iconPath } : {}),
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    // Shown on 'ready-to-show', so the user never sees a blank white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      ...(settings.preloadPath ? { preload: settings.preloadPath } : {}),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  };
}
