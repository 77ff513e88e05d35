import { defineConfig, mergeConfig } from 'vite'
import app from '../../vite.config'

/*
 * The app as its next version would be built: the same code with one comment more at the top of
 * every chunk, so every file name, index.html and the service worker differ from the app's build
 * (`bench/browser.ts --after-update` deploys it over the app to time the new version's first start).
 */
export default defineConfig(async env => mergeConfig(typeof app === 'function' ? await app(env) : app, {
  build: { rolldownOptions: { output: { postBanner: '/* the next version */' } } },
}))
