import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const CLI = ['--import', 'tsx', 'sync-server/cli.ts']

/**
 * Runs the command-line tool in its own Node process (one process: `node --import tsx`, so a
 * kill reaches the server itself, not a wrapper) and collects its output.
 */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null, out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c: Buffer) => out += c.toString())
    child.stderr.on('data', (c: Buffer) => out += c.toString())
    child.on('error', reject)
    child.on('close', code => resolve({ code, out }))
  })
}

export interface ServerProcess {
  child: ChildProcess
  url: string
  output: () => string
}

/** Starts `serve` in a child process and resolves once it prints its address. */
export function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, 'serve'], { cwd: ROOT, env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start: ${out}`))
    }, 20_000)
    const onData = (c: Buffer) => {
      out += c.toString()
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve({ child, url: match[1]!, output: () => out })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('error', reject)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}: ${out}`))
    })
  })
}

/** Waits for a child process to be gone. */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve()
  return new Promise(resolve => child.once('exit', () => resolve()))
}
