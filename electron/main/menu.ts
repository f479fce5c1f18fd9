import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import { fill, texts } from './texts';

export interface ApplicationMenuSettings {
  platform: NodeJS.Platform;
  appName: string;
  /** Reload and developer tools only in unpackaged builds. */
  isDevelopment: boolean;
  onShowAbout(): void;
  onOpenDataFolder(): void;
  /** Forgets the first-start choice and starts again, so the app asks: this computer or a council server. */
  onChangeConnection(): void;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The Dutch application menu. Items use Electron roles, so the operating system supplies the
 * behaviour and the usual shortcuts (Ctrl/Cmd+Z, X, C, V, A, +, -, 0); only labels are ours.
 */
export function buildApplicationMenuTemplate(settings: ApplicationMenuSettings): MenuItemConstructorOptions[] {
  const { platform, appName, isDevelopment } = settings;
  const isMac = platform === 'darwin';
  const m = texts.menu;
  const about: MenuItemConstructorOptions = { label: fill(m.about, { app: appName }), click: () => settings.onShowAbout() };

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: appName,
      submenu: [
        about,
        separator,
        { role: 'hide', label: fill(m.hide, { app: appName }) },
        { role: 'hideOthers', label: m.hideOthers },
        { role: 'unhide', label: m.unhide },
        separator,
        { role: 'quit', label: fill(m.quitApp, { app: appName }) },
      ],
    });
  }

  template.push({
    label: m.file,
    submenu: [
      { label: m.openDataFolder, click: () => settings.onOpenDataFolder() },
      { label: m.changeConnection, click: () => settings.onChangeConnection() },
      separator,
      isMac ? { role: 'close', label: m.closeWindow } : { role: 'quit', label: m.quit, accelerator: 'CmdOrCtrl+Q' },
    ],
  });

  template.push({
    label: m.edit,
    submenu: [
      { role: 'undo', label: m.undo },
      { role: 'redo', label: m.redo },
      separator,
      { role: 'cut', label: m.cut },
      { role: 'copy', label: m.copy },
      { role: 'paste', label: m.paste },
      { role: 'pasteAndMatchStyle', label: m.pasteAsPlainText },
      separator,
      { role: 'selectAll', label: m.selectAll },
    ],
  });

  template.push({
    label: m.view,
    submenu: [
      ...(isDevelopment
        ? [{ role: 'reload', label: m.reload } as const, { role: 'toggleDevTools', label: m.devTools } as const, separator]
        : []),
      { role: 'resetZoom', label: m.actualSize },
      { role: 'zoomIn', label: m.zoomIn },
      { role: 'zoomOut', label: m.zoomOut },
      separator,
      { role: 'togglefullscreen', label: m.fullScreen },
    ],
  });

  template.push({
    label: m.window,
    submenu: isMac
      ? [
          { role: 'minimize', label: m.minimize },
          { role: 'zoom', label: m.zoom },
          separator,
          { role: 'front', label: m.bringAllToFront },
        ]
      : [
          { role: 'minimize', label: m.minimize },
          { role: 'close', label: m.closeWindow },
        ],
  });

  template.push({ label: m.help, role: 'help', submenu: [about] });
  return template;
}

/** The parts of Electron's context-menu parameters the menu depends on. */
export type ContextMenuInput = Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'misspelledWord' | 'dictionarySuggestions' | 'editFlags'>;

export interface ContextMenuActions {
  replaceMisspelling(suggestion: string): void;
  addToDictionary(word: string): void;
}

/**
 * Electron shows no context menu by default; without this, right-click in a text field does
 * nothing. Offers spelling suggestions for a misspelled word and the edit actions that apply.
 */
export function buildContextMenuTemplate(params: ContextMenuInput, actions: ContextMenuActions): MenuItemConstructorOptions[] {
  const m = texts.menu;
  const items: MenuItemConstructorOptions[] = [];

  if (params.isEditable && params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, 5);
    if (suggestions.length === 0) items.push({ label: m.noSuggestions, enabled: false });
    for (const suggestion of suggestions) items.push({ label: suggestion, click: () => actions.replaceMisspelling(suggestion) });
    items.push({ label: m.addToDictionary, click: () => actions.addToDictionary(params.misspelledWord) });
    items.push(separator);
  }

  if (params.isEditable) {
    items.push(
      { role: 'cut', label: m.cut, enabled: params.editFlags.canCut },
      { role: 'copy', label: m.copy, enabled: params.editFlags.canCopy },
      { role: 'paste', label: m.paste, enabled: params.editFlags.canPaste },
      separator,
      { role: 'selectAll', label: m.selectAll, enabled: params.editFlags.canSelectAll },
    );
  } else if (params.selectionText.trim() !== '') {
    items.push({ role: 'copy', label: m.copy, enabled: params.editFlags.canCopy });
  }
  return items;
}
