import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

// A blank Vite + Vue page with a precaching service worker, so that it opens offline like the app.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  plugins: [
    vue(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      // A script file, not inline: the sync-server's Content-Security-Policy forbids inline scripts.
      injectRegister: 'script',
      manifest: false,
      workbox: { globPatterns: ['**/*.{js,css,html}'], clientsClaim: true, skipWaiting: true, navigateFallback: '/index.html' },
    }),
  ],
  build: { target: 'es2022', sourcemap: false },
})
