import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs, so the same build loads from the Electron app protocol and the host.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../build/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
