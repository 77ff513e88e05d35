/** How much of the browser's storage this app uses, and whether the browser promised to keep it. */
export interface StorageUse {
  usage: number
  quota: number
  persisted: boolean
}

/**
 * Asks the browser not to evict this site's data when the disk fills up. Without it, a tablet
 * low on space may silently drop IndexedDB, unsynced records included. Browsers may say no (or
 * decide by themselves, e.g. for an installed app); the answer is shown on the settings page.
 */
export async function askPersistentStorage(): Promise<boolean> {
  const storage = globalThis.navigator?.storage
  if (!storage?.persist)
    return false
  try {
    return (await storage.persisted?.()) || await storage.persist()
  }
  catch {
    return false
  }
}

/** Usage and quota as the browser estimates them; null where the browser cannot tell. */
export async function storageUse(): Promise<StorageUse | null> {
  const storage = globalThis.navigator?.storage
  if (!storage?.estimate)
    return null
  const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted?.() ?? Promise.resolve(false)])
  if (typeof estimate.usage !== 'number' || typeof estimate.quota !== 'number' || estimate.quota <= 0)
    return null
  return { usage: estimate.usage, quota: estimate.quota, persisted }
}
