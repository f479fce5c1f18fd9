import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('security gates', () => {
  it('electronegativity finds nothing unjustified in the compiled Electron shell', () => {
    const run = spawnSync(process.execPath, ['scripts/electronegativity.mjs'], { encoding: 'utf8', timeout: 240_000 });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output, output.slice(0, 2000)).toMatch(/electronegativity: \d+ \+ \d+ checks, \d+ findings, 0 unjustified, 0 parse errors/);
    // The navigation-limit and permission-handler global checks found the shell's handlers.
    expect(output).not.toMatch(/LIMIT_NAVIGATION_GLOBAL_CHECK|PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK|CONTEXT_ISOLATION|NODE_INTEGRATION|SANDBOX_JS_CHECK/);
    expect(run.status, output).toBe(0);
  }, 300_000);
});
