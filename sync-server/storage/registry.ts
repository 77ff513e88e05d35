import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { Database } from './database'

/** CouchDB's rule for database names, plus its system database `_users`. */
const DB_NAME = /^[a-z][a-z0-9_$()+/-]*$/
const SYSTEM_DBS = new Set(['_users'])
const SUFFIX = '.sqlite'

export function isValidDbName(name: string): boolean {
  return name.length <= 238 && (DB_NAME.test(name) || SYSTEM_DBS.has(name))
}

/**
 * File name for a database name: `[a-z0-9_-]` stay, anything else (`$()+/`) becomes `~` and two hex
 * digits, so every valid name maps to one flat, reversible file name in the data folder.
 */
export function fileNameFor(name: string): string {
  return name.replace(/[^a-z0-9_-]/g, c => `~${c.charCodeAt(0).toString(16).padStart(2, '0')}`) + SUFFIX
}

function nameFromFile(file: string): string {
  return file.slice(0, -SUFFIX.length).replace(/~([0-9a-f]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
}

/** The open databases of one data folder. */
export class Registry {
  private readonly open = new Map<string, Database>()
  readonly dbDir: string

  constructor(dataDir: string) {
    this.dbDir = join(dataDir, 'db')
    mkdirSync(this.dbDir, { recursive: true })
    for (const file of readdirSync(this.dbDir)) {
      if (file.endsWith(SUFFIX)) {
        const name = nameFromFile(file)
        if (isValidDbName(name))
          this.open.set(name, new Database(name, join(this.dbDir, file)))
      }
    }
  }

  /** An open database; one created meanwhile by the command-line tool is opened on first use. */
  get(name: string): Database | undefined {
    const open = this.open.get(name)
    if (open || !isValidDbName(name))
      return open
    const file = join(this.dbDir, fileNameFor(name))
    if (!existsSync(file))
      return undefined
    const db = new Database(name, file)
    this.open.set(name, db)
    return db
  }

  names(): string[] {
    return [...this.open.keys()].sort()
  }

  /** Creates a database; returns undefined when it exists already. */
  create(name: string): Database | undefined {
    if (this.open.has(name))
      return undefined
    const db = new Database(name, join(this.dbDir, fileNameFor(name)))
    this.open.set(name, db)
    return db
  }

  ensure(name: string): Database {
    return this.open.get(name) ?? this.create(name)!
  }

  delete(name: string): boolean {
    const db = this.open.get(name)
    if (!db)
      return false
    db.close()
    this.open.delete(name)
    for (const suffix of ['', '-wal', '-shm']) {
      const file = db.file + suffix
      if (existsSync(file))
        rmSync(file)
    }
    return true
  }

  closeAll(): void {
    for (const db of this.open.values())
      db.close()
    this.open.clear()
  }
}
