import { contextBridge, ipcRenderer } from 'electron';
// The build replaces this module with a plain list of names (see scripts/build-electron.mjs), so
// zod and the schemas stay out of the sandboxed preload.
import { METHOD_NAMES } from '../../shared/api/contract';
import { createDesktopBridge, createPreloadBridge } from './bridge';
import { BRIDGE_GLOBAL_NAME, DESKTOP_BRIDGE_GLOBAL_NAME } from './channels';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL_NAME, createPreloadBridge(ipcRenderer, METHOD_NAMES));
contextBridge.exposeInMainWorld(DESKTOP_BRIDGE_GLOBAL_NAME, createDesktopBridge(ipcRenderer));
