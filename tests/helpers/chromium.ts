/**
 * Debian's Chromium, as the tests and the UI benchmark start it. The network flags keep it from
 * calling home on a machine without internet; never `npx playwright install`.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  // As the app runs for its users: Dutch native controls (date fields as dd-mm-jjjj).
  '--lang=nl',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}
