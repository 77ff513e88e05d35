/**
 * The server's log on standard output. There is a line per request, and writing each one on its
 * own is a write to a pipe or file per request that also wakes the process reading it: under
 * replication that was a few percent of the server's time. Lines are gathered and written together
 * at most `everyMs` later, and at once on `flush` (shutdown, process exit).
 */
export function bufferedStdoutLog(everyMs = 100): { log: (line: string) => void, flush: () => void } {
  let lines: string[] = []
  let timer: NodeJS.Timeout | undefined
  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    if (lines.length === 0)
      return
    const text = lines.join('\n') + '\n'
    lines = []
    process.stdout.write(text)
  }
  return {
    log(line) {
      lines.push(line)
      timer ??= setTimeout(flush, everyMs).unref()
    },
    flush,
  }
}
