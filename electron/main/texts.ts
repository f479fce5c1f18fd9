/**
 * Dutch texts of the desktop shell (menus, dialogs). The API's own messages live in the shared
 * catalogue; these only exist in Electron.
 */
export const texts = {
  menu: {
    file: 'Bestand',
    openDataFolder: 'Gegevensmap openen',
    closeWindow: 'Venster sluiten',
    quit: 'Afsluiten',
    edit: 'Bewerken',
    undo: 'Ongedaan maken',
    redo: 'Opnieuw',
    cut: 'Knippen',
    copy: 'Kopiëren',
    paste: 'Plakken',
    pasteAsPlainText: 'Plakken als platte tekst',
    selectAll: 'Alles selecteren',
    view: 'Beeld',
    reload: 'Opnieuw laden',
    devTools: 'Ontwikkelhulpmiddelen',
    actualSize: 'Werkelijke grootte',
    zoomIn: 'Inzoomen',
    zoomOut: 'Uitzoomen',
    fullScreen: 'Volledig scherm',
    window: 'Venster',
    minimize: 'Minimaliseren',
    zoom: 'Zoomen',
    bringAllToFront: 'Alles op voorgrond',
    help: 'Help',
    about: 'Over {app}',
    hide: '{app} verbergen',
    hideOthers: 'Andere verbergen',
    unhide: 'Alles tonen',
    quitApp: '{app} afsluiten',
    noSuggestions: 'Geen suggesties',
    addToDictionary: 'Toevoegen aan woordenboek',
  },
  dialogs: {
    aboutDetail: 'Versie {version}\nBijeenkomsten, adviezen, reacties en monitoring voor Wmo-raden.',
    startFailedTitle: 'Advieswerk kan niet starten',
    nativeModuleMissing:
      'De databasemodule voor Electron ontbreekt ({path}). Voer "npm run electron:native" uit en start Advieswerk opnieuw.',
    coreFailedTitle: 'De database kon niet worden geopend',
    rendererMissing: 'De schermen van Advieswerk ontbreken ({path}). Voer "npm run build" uit en start Advieswerk opnieuw.',
    coreStopped:
      'De achtergrondverwerking van Advieswerk stopte onverwacht. Probeer het opnieuw; blijft dit gebeuren, sluit Advieswerk dan en start het opnieuw.',
    coreGaveUp: 'De achtergrondverwerking van Advieswerk blijft vastlopen. Sluit Advieswerk, maak een back-up van de gegevensmap en meld het probleem.',
  },
} as const;

export function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
