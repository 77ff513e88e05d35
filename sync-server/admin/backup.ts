import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileNameFor, type Registry } from '../storage/registry'

/**
 * Writes a consistent copy of every database into `target` with SQLite's online backup, which
 * copies a snapshot page by page while the server keeps serving and writing. The copy is a data
 * folder of its own: start a server with `DATA_DIR=<target>` to restore.
 */
export async function backup(registry: Registry, dataDir: string, target: string): Promise<string[]> {
  const dbDir = join(target, 'db')
  mkdirSync(dbDir, { recursive: true })
  if (readdirSync(dbDir).length > 0)
    throw new Error(`backup target ${target} is not empty`)
  const names = registry.names()
  for (const name of names)
    await registry.get(name)!.sql.backup(join(dbDir, fileNameFor(name)))
  // The identity keeps the server uuid (replication checkpoints) and the cookie secret.
  const identity = join(dataDir, 'server.json')
  if (existsSync(identity))
    copyFileSync(identity, join(target, 'server.json'))
  return names
}
