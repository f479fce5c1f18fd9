import { describe, expect, it } from 'vitest';
import { createMainWindowOptions } from '../../../electron/main/window-options';

describe('createMainWindowOptions', () => {
  const options = createMainWindowOptions({ preloadPath: '/app/build/electron/preload.cjs', title: 'Advieswerk' });
  const prefs = options.webPreferences!;

  it('isolates and sandboxes the page with no Node access', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('disables webviews, insecure content and experimental features', () => {
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('loads the given preload and waits for ready-to-show', () => {
    expect(prefs.preload).toBe('/app/build/electron/preload.cjs');
    expect(options.show).toBe(false);
    expect(options.title).toBe('Advieswerk');
  });

  it('has no option that weakens the sandbox', () => {
    const forbidden = ['enableBlinkFeatures', 'additionalArguments', 'disableBlinkFeatures', 'partition'];
    for (const key of forbidden) expect(prefs).not.toHaveProperty(key);
  });
});
