import vue from '@vitejs/plugin-vue'
import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

// Four suites, one runner: pure domain, the sync-server over HTTP, the data layer on fake-indexeddb
// with real PouchDB, and components in happy-dom with real Pinia and vue-i18n.
export default defineConfig({
  plugins: [vue()],
  test: {
    // Most tests wait on a server, a disk or IndexedDB rather than compute: one worker per core,
    // and at least two (the default of one fewer than the cores left a 2-core CI machine one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: 'domain', include: ['tests/domain/**/*.test.ts', 'tests/deploy/**/*.test.ts', 'tests/build/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'server', include: ['tests/server/**/*.test.ts', 'tests/sync/**/*.test.ts', 'tests/demo/**/*.test.ts', 'tests/bench/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } },
      { extends: true, test: { name: 'chaos', include: ['tests/chaos/**/*.test.ts'], environment: 'node', testTimeout: 150_000, hookTimeout: 60_000 } },
      { extends: true, test: { name: 'data', include: ['tests/data/**/*.test.ts'], environment: 'node', setupFiles: ['fake-indexeddb/auto'], testTimeout: 60_000, hookTimeout: 60_000 } },
      { extends: true, test: { name: 'components', include: ['tests/components/**/*.test.ts'], environment: 'happy-dom', setupFiles: ['fake-indexeddb/auto'], testTimeout: 20_000 } },
    ],
  },
})
