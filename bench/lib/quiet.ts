import { readFileSync } from 'node:fs'

/*
 * Before a timed start in the browser: wait until the machine is quiet. A browser launched or
 * closed a moment before, or the page before it still shutting down, keeps a core busy for a
 * second or more on a 2-core machine (flushing its storage, ending its processes), and the start
 * that follows it paid for that: in the first start of a new version, whichever went first after
 * the tablets had gone offline was the slow one. Every start of every kind waits the same way.
 */

/** The machine's CPU counters (all cores): time busy and in total, in the kernel's ticks. */
export interface CpuTicks { busy: number, total: number }

/** Reads the first `cpu` line of `/proc/stat`: idle and iowait are quiet, everything else is busy. */
export function parseCpuTicks(procStat: string): CpuTicks | null {
  const line = procStat.split('\n').find(l => l.startsWith('cpu '))
  if (!line)
    return null
  const ticks = line.trim().split(/\s+/).slice(1).map(Number)
  if (ticks.length < 5 || ticks.some(t => !Number.isFinite(t)))
    return null
  const total = ticks.reduce((a, b) => a + b, 0)
  const quiet = ticks[3]! + ticks[4]!
  return { busy: total - quiet, total }
}

/** The share of the CPU that was busy between two readings (0 to 1); 0 when no tick passed. */
export function busyShare(before: CpuTicks, after: CpuTicks): number {
  const total = after.total - before.total
  return total > 0 ? Math.min(1, Math.max(0, (after.busy - before.busy) / total)) : 0
}

function readTicks(): CpuTicks | null {
  try {
    return parseCpuTicks(readFileSync('/proc/stat', 'utf8'))
  }
  catch {
    return null
  }
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/**
 * Waits until one `windowMs` window had at most `maxBusy` of the CPU busy, or `giveUpMs` passed
 * (a machine busy with other work: the start is measured all the same). Without `/proc/stat` it
 * waits one window. Returns the busy share of the last window.
 */
export async function waitForQuiet(opts: { windowMs?: number, maxBusy?: number, giveUpMs?: number } = {}): Promise<number> {
  const { windowMs = 250, maxBusy = 0.15, giveUpMs = 8000 } = opts
  const until = Date.now() + giveUpMs
  let share = 1
  do {
    const before = readTicks()
    await sleep(windowMs)
    const after = readTicks()
    if (!before || !after)
      return 0
    share = busyShare(before, after)
  } while (share > maxBusy && Date.now() < until)
  return share
}
