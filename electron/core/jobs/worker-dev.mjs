// Runs worker.ts from source (tests, browser mode via tsx); bundled builds use the compiled worker.
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker.ts', import.meta.url);
