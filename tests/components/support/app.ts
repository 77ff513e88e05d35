import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { expect } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import type { Component } from 'vue'
import { createDataLayer, type DataLayer } from '../../../src/data'
import { createAppI18n } from '../../../src/i18n'
import { messages } from '../../../src/i18n/messages'
import { createAppRouter } from '../../../src/router'
import { setDataLayer } from '../../../src/stores/data'
import { fakeServer, type FakeAccount } from './fake-server'

export const ACCOUNTS: Record<string, FakeAccount> = {
  anna: { password: 'geheim-anna', roles: ['volunteer', 'm:arendonk'] },
  carla: { password: 'geheim-carla', roles: ['coordinator'] },
}

let devices = 0
const open: DataLayer[] = []
const mounted: Array<{ unmount: () => void }> = []

/**
 * A fresh simulated tablet for one test: the real data layer on its own IndexedDB names
 * (fake-indexeddb), a real Pinia, vue-i18n in Dutch and the app's router on memory history.
 */
export function setupApp(opts: { online?: boolean } = {}) {
  devices += 1
  const server = fakeServer(ACCOUNTS, opts)
  // Returned too, so a test can write into the tablet's PouchDB as a pulled change would.
  const prefix = `ui${devices}-${Math.random().toString(36).slice(2, 8)}-`
  const data = createDataLayer({
    serverUrl: 'http://digibalie.test',
    fetch: server.fetch,
    localPrefix: prefix,
  })
  open.push(data)
  setDataLayer(data)
  const pinia = createPinia()
  setActivePinia(pinia)
  // Every language at once, so a test can switch language without waiting for a chunk.
  const i18n = createAppI18n('nl', messages)
  const router = createAppRouter(createMemoryHistory())

  /** Mounts a component with the app's plugins, attached to the document so focus works. */
  function render(component: Component, props: Record<string, unknown> = {}) {
    const wrapper = mount(component, { props, attachTo: document.body, global: { plugins: [pinia, i18n, router] } })
    mounted.push(wrapper)
    return wrapper
  }

  return { data, pinia, i18n, router, render, prefix }
}

/** Closes every data layer opened by `setupApp`, so no replication retries outlive its test. */
export async function closeApps(): Promise<void> {
  // Unmount first: a mounted view's watchers would otherwise still call into the stores after the
  // data layer is gone.
  for (const wrapper of mounted.splice(0))
    wrapper.unmount()
  setDataLayer(null)
  await Promise.all(open.splice(0).map(d => d.close()))
  document.body.innerHTML = ''
}

/** Waits for an IndexedDB effect to reach the screen. */
export async function eventually(read: () => string, expected: string): Promise<void> {
  await expect.poll(async () => {
    await flushPromises()
    return read()
  }, { timeout: 5000 }).toContain(expected)
}
