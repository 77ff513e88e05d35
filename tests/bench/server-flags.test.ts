import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { startFlags } from '../../bench/lib/servers'

// `npm start` runs the server with V8 memory flags, and the benchmarks read them from there: a
// flag this Node no longer knows would stop `npm start` (Node refuses unknown options).
describe('the Node flags of `npm start`', () => {
  it('are read from package.json and accepted by this Node', () => {
    const flags = startFlags()
    expect(flags.length).toBeGreaterThan(0)
    expect(flags.every(f => f.startsWith('--'))).toBe(true)
    const run = spawnSync(process.execPath, [...flags, '-e', 'process.exit(0)'], { encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  })
})
