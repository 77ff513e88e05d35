import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { appChunks } from './build/chunks'
import { earlyScript } from './build/early-script'
import { I18N_BUILD_FLAGS, precompiledMessages } from './build/i18n-precompile'

const chunks = appChunks()

export default defineConfig(({ command }) => ({
  define: command === 'build' ? I18N_BUILD_FLAGS : {},
  plugins: [
    precompiledMessages(),
    chunks.plugin,
    earlyScript(),
    // Every component is `<script setup>`: the Options API support stays out of the shell.
    vue({ features: { optionsAPI: false } }),
    VitePWA({
      // Our own service worker (src/sw/sw.ts) gets the precache manifest injected at build time.
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
      },
      manifest: {
        name: 'Digibalie',
        short_name: 'Digibalie',
        description: 'Hulpvragen, uitleen en lessen van de Digibank',
        lang: 'nl',
        theme_color: '#1d4f91',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '/',
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
        // A long press on the app's icon opens a new help session straight away: at a busy desk
        // that is the page a volunteer starts on, and the one whose cold start is kept (src/early-form/).
        shortcuts: [
          { name: 'Nieuwe hulpvraag', short_name: 'Hulpvraag', url: '/hulpvraag/nieuw', icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' }] },
        ],
      },
    }),
  ],
  build: {
    target: 'es2022',
    // One stylesheet for the whole app (4.4 kB gzip; split per page it was 2.3 kB at start plus a
    // file per page): a cold start's kept form (src/early-form/) is drawn before any page's code
    // has loaded, and needs its styles there, blocking the first paint like the shell's own.
    cssCodeSplit: false,
    sourcemap: false,
    rolldownOptions: {
      output: { codeSplitting: { groups: chunks.groups } },
      // The domain is pure (schemas, rules, folds; no effects at import), so the shell keeps only
      // the parts it uses instead of every record kind behind `src/domain/index.ts`.
      treeshake: { moduleSideEffects: [{ test: /[\\/]src[\\/]domain[\\/]/, sideEffects: false }] },
    },
  },
  server: {
    strictPort: true,
  },
}))
