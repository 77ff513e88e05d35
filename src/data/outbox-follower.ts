import Dexie, { type ObservabilitySet } from 'dexie'
import type { Outbox } from './outbox'
import type { OutboxEntry, ReadModel } from './read-model'
import type { UnsyncedRecords } from './staff-unsynced'

/** How long outbox changes gather before they are read (see `changed`). */
const READ_MS = 50

/**
 * Keeps a copy of the outbox for the sync status, entry by entry. Re-reading every entry (and
 * looking up each author) after every save cost each save more the longer a tablet was offline;
 * this tab's writes say which entries they touched (and who wrote the revision), so only those are
 * read again, a moment later, off the save's path. Another tab of this tablet writes the same
 * outbox without telling: IndexedDB's change notice for the outbox (this tab's and other tabs')
 * has the next read count the entries, and a count that differs from the copy reads everything
 * once. The notice only marks the count as due: counting the moment a save commits (as a live
 * query does) put one more IndexedDB read on every save's path, and one per save in a burst.
 */
export class OutboxFollower {
  private readonly entries = new Map<string, OutboxEntry>()
  private readonly onStorage: (parts: ObservabilitySet) => void
  private readonly unfollow: () => void
  /** Ids changed since the last read (`null`: read everything), and the read's timer. */
  private changedIds: Set<string> | null = null
  private timer: ReturnType<typeof setTimeout> | undefined
  /** The outbox changed in IndexedDB (in any tab) since the last read: the next read counts it. */
  private recount = false
  /** After `close()` no read is started any more, not even by a read that was already under way. */
  private closed = false

  /**
   * `onEntries` gets every entry after each read; `track` is handed each read, so that whoever
   * stops the sync status can wait for it.
   */
  constructor(
    private readonly rm: ReadModel,
    outbox: Outbox,
    unsynced: UnsyncedRecords,
    private readonly onEntries: (entries: OutboxEntry[]) => Promise<void> | void,
    private readonly track: (read: Promise<void>) => void,
  ) {
    this.unfollow = outbox.onChange((ids, written) => {
      for (const w of written ?? [])
        unsynced.remember(w.id, w.rev, w.author)
      this.changed(ids)
    })
    const outboxParts = `idb://${rm.name}/${rm.outbox.name}/`
    this.onStorage = (parts) => {
      if ('all' in parts || Object.keys(parts).some(key => key.startsWith(outboxParts))) {
        this.recount = true
        this.changed([])
      }
    }
    Dexie.on('storagemutated', this.onStorage)
    this.changed(null)
  }

  close(): void {
    this.closed = true
    Dexie.on('storagemutated').unsubscribe(this.onStorage)
    this.unfollow()
    clearTimeout(this.timer)
  }

  /**
   * Notes ids to read again (`null`: all) and reads them a moment later, so a save's bookkeeping
   * never competes with it and a burst of changes (a push of 100) is one read. It may be called
   * inside the writer's Dexie transaction, so it only notes and sets a timer.
   */
  private changed(ids: readonly string[] | null): void {
    if (this.closed)
      return
    if (ids === null)
      this.changedIds = null
    else
      ids.forEach(id => this.changedIds?.add(id))
    this.timer ??= setTimeout(() => {
      this.timer = undefined
      const [ids, recount] = [this.changedIds, this.recount]
      this.changedIds = new Set()
      this.recount = false
      this.track(this.read(ids, recount))
    }, READ_MS)
  }

  private async read(ids: Set<string> | null, recount: boolean): Promise<void> {
    const { outbox } = this.rm
    if (ids === null) {
      this.entries.clear()
      for (const entry of await outbox.toArray())
        this.entries.set(entry.id, entry)
    }
    else if (ids.size > 0) {
      const found = await outbox.bulkGet([...ids])
      for (const [i, id] of [...ids].entries()) {
        const entry = found[i]
        if (entry)
          this.entries.set(id, entry)
        else
          this.entries.delete(id)
      }
    }
    // Written by another tab: read everything.
    if (ids !== null && recount && this.entries.size !== await outbox.count()) {
      this.changed(null)
      return
    }
    await this.onEntries([...this.entries.values()])
  }
}
