import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildApplicationMenuTemplate, buildContextMenuTemplate, type ContextMenuInput } from '../../../electron/main/menu';

function settings(platform: NodeJS.Platform, isDevelopment = false) {
  const clicks: string[] = [];
  return {
    clicks,
    value: {
      platform,
      appName: 'Advieswerk',
      isDevelopment,
      onShowAbout: () => clicks.push('about'),
      onOpenDataFolder: () => clicks.push('data'),
      onChangeConnection: () => clicks.push('connection'),
    },
  };
}

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  return (item?.submenu ?? []) as MenuItemConstructorOptions[];
}

function byLabel(template: MenuItemConstructorOptions[], label: string) {
  return template.find((item) => item.label === label);
}

function roles(items: MenuItemConstructorOptions[]) {
  return items.filter((item) => item.role).map((item) => [item.role, item.label]);
}

describe('buildApplicationMenuTemplate', () => {
  it('has the Dutch top-level menus on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const template = buildApplicationMenuTemplate(settings(platform).value);
      expect(template.map((item) => item.label)).toEqual(['Bestand', 'Bewerken', 'Beeld', 'Venster', 'Help']);
    }
  });

  it('puts the app menu first on macOS', () => {
    const template = buildApplicationMenuTemplate(settings('darwin').value);
    expect(template.map((item) => item.label)).toEqual(['Advieswerk', 'Bestand', 'Bewerken', 'Beeld', 'Venster', 'Help']);
    expect(roles(submenu(template[0]))).toContainEqual(['quit', 'Advieswerk afsluiten']);
  });

  it('offers the standard edit roles with Dutch labels', () => {
    const edit = submenu(byLabel(buildApplicationMenuTemplate(settings('win32').value), 'Bewerken'));
    expect(roles(edit)).toEqual([
      ['undo', 'Ongedaan maken'],
      ['redo', 'Opnieuw'],
      ['cut', 'Knippen'],
      ['copy', 'Kopiëren'],
      ['paste', 'Plakken'],
      ['pasteAndMatchStyle', 'Plakken als platte tekst'],
      ['selectAll', 'Alles selecteren'],
    ]);
  });

  it('offers zoom and full screen, and developer tools only in development', () => {
    const view = submenu(byLabel(buildApplicationMenuTemplate(settings('linux').value), 'Beeld'));
    expect(roles(view)).toEqual([
      ['resetZoom', 'Werkelijke grootte'],
      ['zoomIn', 'Inzoomen'],
      ['zoomOut', 'Uitzoomen'],
      ['togglefullscreen', 'Volledig scherm'],
    ]);
    const devView = submenu(byLabel(buildApplicationMenuTemplate(settings('linux', true).value), 'Beeld'));
    expect(devView.map((item) => item.role)).toContain('toggleDevTools');
  });

  it('quits from Bestand with Ctrl+Q outside macOS', () => {
    const file = submenu(byLabel(buildApplicationMenuTemplate(settings('win32').value), 'Bestand'));
    expect(file.find((item) => item.role === 'quit')).toMatchObject({ label: 'Afsluiten', accelerator: 'CmdOrCtrl+Q' });
  });

  it('runs the about, data-folder and change-connection actions', () => {
    const { value, clicks } = settings('linux');
    const template = buildApplicationMenuTemplate(value);
    const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();
    click(submenu(byLabel(template, 'Help')).find((item) => item.label === 'Over Advieswerk'));
    click(submenu(byLabel(template, 'Bestand')).find((item) => item.label === 'Gegevensmap openen'));
    click(submenu(byLabel(template, 'Bestand')).find((item) => item.label === 'Verbinding wijzigen…'));
    expect(clicks).toEqual(['about', 'data', 'connection']);
  });
});

describe('buildContextMenuTemplate', () => {
  const flags = { canUndo: true, canRedo: true, canCut: true, canCopy: true, canPaste: true, canDelete: true, canSelectAll: true, canEditRichly: false };
  const base: ContextMenuInput = { isEditable: false, selectionText: '', misspelledWord: '', dictionarySuggestions: [], editFlags: flags };
  const noActions = { replaceMisspelling: () => {}, addToDictionary: () => {} };

  it('shows nothing when right-clicking plain, unselected content', () => {
    expect(buildContextMenuTemplate(base, noActions)).toEqual([]);
  });

  it('offers copy for selected text', () => {
    expect(roles(buildContextMenuTemplate({ ...base, selectionText: 'Wmo-raad' }, noActions))).toEqual([['copy', 'Kopiëren']]);
  });

  it('offers the edit actions in a text field, enabled per Chromium’s flags', () => {
    const items = buildContextMenuTemplate({ ...base, isEditable: true, editFlags: { ...flags, canCut: false } }, noActions);
    expect(roles(items)).toEqual([
      ['cut', 'Knippen'],
      ['copy', 'Kopiëren'],
      ['paste', 'Plakken'],
      ['selectAll', 'Alles selecteren'],
    ]);
    expect(items.find((item) => item.role === 'cut')?.enabled).toBe(false);
  });

  it('offers spelling suggestions and adding to the dictionary for a misspelled word', () => {
    const done: string[] = [];
    const items = buildContextMenuTemplate(
      { ...base, isEditable: true, misspelledWord: 'adviess', dictionarySuggestions: ['advies', 'adviezen'] },
      { replaceMisspelling: (word) => done.push(`vervang:${word}`), addToDictionary: (word) => done.push(`woordenboek:${word}`) },
    );
    expect(items.slice(0, 3).map((item) => item.label)).toEqual(['advies', 'adviezen', 'Toevoegen aan woordenboek']);
    (items[1]!.click as () => void)();
    (items[2]!.click as () => void)();
    expect(done).toEqual(['vervang:adviezen', 'woordenboek:adviess']);
  });

  it('says so when there are no suggestions', () => {
    const items = buildContextMenuTemplate({ ...base, isEditable: true, misspelledWord: 'qqq' }, noActions);
    expect(items[0]).toEqual({ label: 'Geen suggesties', enabled: false });
  });
});
