/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Everything the app needs is bundled: no request leaves the machine at run time
// (the window is a Wails webview that may have no network at all).
export default defineConfig({
  plugins: [react()],
  // Relative asset URLs: Wails serves dist/ from its own asset server.
  base: './',
  css: {
    preprocessorOptions: {
      scss: {
        quietDeps: true,
        silenceDeprecations: ['import', 'global-builtin', 'color-functions', 'if-function'],
      },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true, // public/.gitkeep is copied back, so dist/.gitkeep survives
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  server: { strictPort: false },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 30000, // see asyncUtilTimeout in src/test/setup.ts
    mockReset: true,
    restoreMocks: true,
  },
});
