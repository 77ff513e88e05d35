import { closeSync, fdatasync, openSync } from 'node:fs'

interface Queued { fn: () => unknown, committed?: ((value: unknown) => void) | undefined, resolve: (value: unknown) => void, reject: (error: unknown) => void }

export interface GroupCommitHooks {
  /** Runs `fn` in one write transaction committed without waiting for the disk; throws when it rolled back. */
  commit: (fn: () => void) => void
  /** Runs one write in its own savepoint inside that transaction. */
  savepoint: (fn: () => unknown) => unknown
  /** One write of the group failed and was undone alone. */
  failed: () => void
}

/**
 * Group commit with the disk wait off the event loop. The writes queued in one turn of the event
 * loop share one SQLite transaction, committed with `synchronous=NORMAL` (the WAL frames are
 * written, not yet flushed); then the WAL file is flushed with `fdatasync` on libuv's thread pool,
 * and only then is any write of the group answered. So an acknowledged write is on the disk, as
 * with `synchronous=FULL`, but while the disk works the server keeps answering other requests:
 * with SQLite's own fsync the whole process stopped for it (5-15 ms per batch on a busy disk).
 * A checkpoint that moves frames into the database file syncs both files itself first, so a frame
 * written before the flush is on the disk in one of them.
 */
export class GroupCommit {
  private readonly queue: Queued[] = []
  private walFd: number | undefined

  constructor(private readonly walFile: string, private readonly hooks: GroupCommitHooks) {}

  /**
   * Queues `fn` for the next group. `committed` runs with its value right after the group's
   * transaction commits, while the log is being flushed (the audit trail: it describes a committed
   * write, and writing it then costs the answer no time); an error there fails this write's answer.
   */
  run<T>(fn: () => T, committed?: (value: T) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, committed: committed as ((value: unknown) => void) | undefined, resolve: resolve as (value: unknown) => void, reject })
      if (this.queue.length === 1)
        setImmediate(() => this.flush())
    })
  }

  /** Flushes the WAL file to the disk (on the thread pool); replaced in tests to watch the order. */
  syncLog(): Promise<void> {
    // The WAL file exists once a transaction has committed; it stays while the database is open.
    this.walFd ??= openSync(this.walFile, 'r')
    const fd = this.walFd
    return new Promise((resolve, reject) => fdatasync(fd, error => (error ? reject(error) : resolve())))
  }

  close(): void {
    if (this.walFd !== undefined)
      closeSync(this.walFd)
    this.walFd = undefined
  }

  private flush(): void {
    const group = this.queue.splice(0)
    const outcomes: ({ ok: true, value: unknown } | { ok: false, error: unknown })[] = []
    try {
      this.hooks.commit(() => {
        for (const item of group) {
          try {
            outcomes.push({ ok: true, value: this.hooks.savepoint(item.fn) })
          }
          catch (error) {
            this.hooks.failed()
            outcomes.push({ ok: false, error })
          }
        }
      })
    }
    catch (error) {
      for (const item of group)
        item.reject(error)
      return
    }
    // The flush is asked for first, so the thread pool waits for the disk while this thread
    // writes the audit trail: started after it, the two took their times one after the other.
    const synced = this.syncLog()
    group.forEach((item, i) => {
      const outcome = outcomes[i]!
      if (!outcome.ok || !item.committed)
        return
      try {
        item.committed(outcome.value)
      }
      catch (error) {
        outcomes[i] = { ok: false, error }
      }
    })
    synced.then(() => group.forEach((item, i) => {
      const outcome = outcomes[i]!
      if (outcome.ok)
        item.resolve(outcome.value)
      else
        item.reject(outcome.error)
    }), (error: unknown) => {
      // Committed but not known to be on the disk: nobody is told it is stored.
      for (const item of group)
        item.reject(error)
    })
  }
}
