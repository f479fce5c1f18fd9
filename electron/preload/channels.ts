/**
 * IPC channel names shared by the main process and the preload. Kept in a file of their own,
 * free of runtime imports, so the sandboxed preload bundle stays tiny.
 */
export const API_CHANNEL_PREFIX = 'api:';
export const JOB_EVENT_CHANNEL = 'jobs:event';

export function apiChannel(method: string): string {
  return `${API_CHANNEL_PREFIX}${method}`;
}

/** The name under which the bridge appears on `window` in the renderer. */
export const BRIDGE_GLOBAL_NAME = 'advieswerk';

/** The shell's own two calls for the first-start choice (not the core's contract: no core answers them). */
export const CONNECTION_GET_CHANNEL = 'desktop:connection:get';
export const CONNECTION_CHOOSE_CHANNEL = 'desktop:connection:choose';

/** The name under which the desktop bridge (the connection choice) appears on `window`. */
export const DESKTOP_BRIDGE_GLOBAL_NAME = 'advieswerkDesktop';
