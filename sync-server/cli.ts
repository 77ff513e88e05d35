import { resolve } from 'node:path'
import { startServer } from './server'

/**
 * `tsx sync-server/cli.ts <command>`; `serve` is configured by the environment:
 * PORT (8080), HOST (127.0.0.1), DATA_DIR (./data), STATIC_DIR (dist), ADMIN_USER (admin),
 * ADMIN_PASSWORD (generated and printed once on the first start when missing).
 */
async function serve(): Promise<void> {
  const env = process.env
  const port = Number(env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`)
  const server = await startServer({
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    staticDir: resolve(env.STATIC_DIR ?? 'dist'),
    ...(env.ADMIN_USER ? { adminUser: env.ADMIN_USER } : {}),
    ...(env.ADMIN_PASSWORD ? { adminPassword: env.ADMIN_PASSWORD } : {}),
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
  })
  const stop = () => {
    void server.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

const USAGE = `usage: tsx sync-server/cli.ts <command>
  serve     start the server (env: PORT, HOST, DATA_DIR, STATIC_DIR, ADMIN_USER, ADMIN_PASSWORD)`

async function main(argv: string[]): Promise<number> {
  const [command] = argv
  switch (command) {
    case 'serve':
      await serve()
      return -1
    default:
      console.error(USAGE)
      return command === undefined || command === 'help' ? 0 : 2
  }
}

main(process.argv.slice(2)).then((code) => {
  if (code >= 0)
    process.exit(code)
}, (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
