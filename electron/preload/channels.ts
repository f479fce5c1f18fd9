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
