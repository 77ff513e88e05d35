import BetterSqlite3 from 'better-sqlite3'

/** Page cache per connection, in KiB (SQLite's negative form). */
const CACHE_KIB = -2000

/**
 * Opens one database file with the settings every Digibalie database shares.
 *
 * Durability: WAL with `synchronous=FULL`. In WAL mode `NORMAL` already survives a killed process
 * (a committed transaction sits in the WAL in the operating system's cache), but may lose the last
 * transactions on a power cut. A help session acknowledged to a tablet is deleted from nowhere else
 * until it is, so we pay one WAL fsync per commit (one per `_bulk_docs` batch, not per document)
 * and keep every acknowledged write even across a power loss. Document batches commit with
 * `NORMAL` and flush the WAL themselves before answering, off the event loop (`group-commit.ts`).
 */
export function openSqlite(file: string, schema = SCHEMA, synchronous: 'FULL' | 'NORMAL' = 'FULL'): BetterSqlite3.Database {
  const db = new BetterSqlite3(file)
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${synchronous}`)
  db.pragma('foreign_keys = OFF')
  // Each open database keeps its own page cache, and the server keeps every database open: at the
  // driver's default (16 MB each) a coordinator's first sync over nine databases could add 150 MB to
  // the server. 2 MB (SQLite's own default) holds the B-tree's upper levels and the pages a batch
  // touches; the operating system's file cache keeps the rest, shared by all.
  db.pragma(`cache_size = ${CACHE_KIB}`)
  // Readers never wait long for the single writer of this process; other processes (the backup
  // command) may hold the file briefly.
  db.pragma('busy_timeout = 5000')
  db.exec(schema)
  return db
}

/**
 * `docs` holds one row per document: its revision tree (PouchDB's own structure, as JSON), the
 * winning revision and the sequence of its last change, so `_changes` is a range scan on `seq`.
 * `revs` holds the bodies of stored revisions; `attachments` holds attachment data once per digest.
 * `purged` lists the ids of documents purged entirely (ids only), so a tablet that still holds one
 * cannot bring it back.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS docs (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  winning_rev TEXT NOT NULL,
  deleted INTEGER NOT NULL,
  rev_tree TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS docs_by_seq ON docs(seq);
CREATE TABLE IF NOT EXISTS revs (
  id TEXT NOT NULL,
  rev TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (id, rev)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS local_docs (
  id TEXT PRIMARY KEY,
  rev TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attachments (
  digest TEXT PRIMARY KEY,
  data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS purged (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`
