import { connect, createServer, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy between the clients and the server, so a test can cut the network: `cut()` drops
 * every open connection and refuses new ones (as a dead Wi-Fi would), `restore()` lets them in again.
 */
export class Proxy {
  private server: Server | undefined
  private readonly open = new Set<Socket>()
  private down = false
  port = 0

  constructor(private targetPort: number) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (this.down) {
        client.destroy()
        return
      }
      const upstream = connect(this.targetPort, '127.0.0.1')
      this.open.add(client).add(upstream)
      const close = () => {
        client.destroy()
        upstream.destroy()
        this.open.delete(client)
        this.open.delete(upstream)
      }
      client.on('error', close).on('close', close)
      upstream.on('error', close).on('close', close)
      client.pipe(upstream)
      upstream.pipe(client)
    })
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve))
    const address = this.server.address()
    this.port = typeof address === 'object' && address ? address.port : 0
  }

  retarget(port: number): void {
    this.targetPort = port
  }

  cut(): void {
    this.down = true
    for (const socket of this.open)
      socket.destroy()
    this.open.clear()
  }

  restore(): void {
    this.down = false
  }

  async stop(): Promise<void> {
    this.cut()
    await new Promise<void>(resolve => this.server ? this.server.close(() => resolve()) : resolve())
  }
}
