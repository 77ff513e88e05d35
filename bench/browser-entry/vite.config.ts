import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// A bench-only page that loads the app's real data layer (no UI) so Chromium can time it.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  build: { target: 'es2022', sourcemap: false },
})
