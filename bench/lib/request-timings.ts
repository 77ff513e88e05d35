/**
 * Where a replicating client waits: every request of the http adapter timed from the client side
 * (until the whole answer is read), grouped by kind, plus the time the client spent with no request
 * in flight (its own work between batches). Same client for every server, so the shares compare.
 */
export interface RequestKindStats { kind: string, count: number, totalMs: number, p50: number, p95: number, bytes: number }

export interface RequestTimings {
  fetch: typeof fetch
  /** Starts a fresh measurement (a new leg of a run). */
  reset(): void
  /** Per kind, the largest total first; `idleMs` is wall-clock with no request in flight. */
  report(): { kinds: RequestKindStats[], idleMs: number, wallMs: number, clientCpuMs: number }
}

/** `GET _local`, `POST _bulk_docs`, `GET _changes`, …: method and endpoint, never ids. */
export function requestKind(method: string, url: string): string {
  const path = new URL(url).pathname.split('/').filter(Boolean)
  const second = path[1] ?? ''
  const endpoint = second === '_local' ? '_local' : second.startsWith('_') ? second : path.length > 1 ? '{doc}' : '{db}'
  return `${method} ${endpoint}`
}

export function requestTimings(): RequestTimings {
  let samples = new Map<string, { ms: number[], bytes: number }>()
  let inFlight = 0
  let idleSince = performance.now()
  let idleMs = 0
  let start = performance.now()
  let cpu = process.cpuUsage()
  const begin = () => {
    if (inFlight++ === 0)
      idleMs += performance.now() - idleSince
  }
  const end = () => {
    if (--inFlight === 0)
      idleSince = performance.now()
  }
  const timed: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    const kind = requestKind(init?.method ?? (input instanceof Request ? input.method : 'GET'), url)
    begin()
    const t0 = performance.now()
    try {
      const res = await fetch(input, init)
      const body = await res.arrayBuffer()
      const entry = samples.get(kind) ?? { ms: [], bytes: 0 }
      entry.ms.push(performance.now() - t0)
      entry.bytes += body.byteLength
      samples.set(kind, entry)
      return new Response(res.status === 204 || res.status === 304 ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers })
    }
    finally {
      end()
    }
  }
  return {
    fetch: timed,
    reset() {
      samples = new Map()
      inFlight = 0
      idleMs = 0
      start = performance.now()
      idleSince = start
      cpu = process.cpuUsage()
    },
    report() {
      const now = performance.now()
      const kinds = [...samples].map(([kind, { ms, bytes }]) => {
        const sorted = [...ms].sort((a, b) => a - b)
        const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
        return { kind, count: ms.length, totalMs: ms.reduce((a, b) => a + b, 0), p50: at(0.5), p95: at(0.95), bytes }
      }).sort((a, b) => b.totalMs - a.totalMs)
      const used = process.cpuUsage(cpu)
      return { kinds, idleMs: idleMs + (inFlight === 0 ? now - idleSince : 0), wallMs: now - start, clientCpuMs: (used.user + used.system) / 1000 }
    },
  }
}
