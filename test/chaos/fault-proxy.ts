import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAULT_KINDS = [
  'dropRequest',
  'dropResponse',
  'duplicate',
  'lateReplay',
  'serverKilled',
  'dbConnectionLost',
  'batchCut',
  'uploadCut',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultCounts = Record<FaultKind, number>;

export function noFaults(): FaultCounts {
  return Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as FaultCounts;
}

/**
 * An HTTP proxy between the simulated devices and the server processes that
 * loses, duplicates and replays deliveries. Upstreams are used round-robin, so two
 * server processes behind it see interleaved requests of one device.
 */
export class FaultProxy {
  enabled = true;
  readonly faults = noFaults();
  private server?: http.Server;
  private next = 0;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    public upstreams: string[],
    private readonly random: () => number,
    private readonly rate = 0.06,
  ) {}

  async listen(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.agent.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private pick(): string {
    const upstream = this.upstreams[this.next % this.upstreams.length]!;
    this.next++;
    return upstream;
  }

  private roll(): boolean {
    return this.enabled && this.random() < this.rate;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (this.roll()) {
      this.faults.dropRequest++;
      res.socket?.destroy(); // the request never reaches the server
      return;
    }
    if (req.method === 'POST' && this.roll()) {
      // The same delivery again, later, after newer requests may have gone through.
      this.faults.lateReplay++;
      const delay = 100 + this.random() * 900;
      setTimeout(() => void this.forward(req, body).catch(() => {}), delay).unref();
    }
    if (req.method === 'POST' && this.roll()) {
      this.faults.duplicate++;
      void this.forward(req, body).catch(() => {});
    }
    if (req.method === 'POST' && this.roll()) {
      // The connection breaks halfway through the upload: the server sees a truncated body and must store nothing of it.
      this.faults.uploadCut++;
      await this.forwardCut(req, body);
      res.socket?.destroy();
      return;
    }
    let upstream: { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
    try {
      upstream = await this.forward(req, body);
    } catch {
      res.socket?.destroy(); // server down (killed or restarting)
      return;
    }
    if (this.roll()) {
      this.faults.dropResponse++;
      res.socket?.destroy(); // the server committed, the device never hears it
      return;
    }
    res.writeHead(upstream.status, { 'content-type': upstream.headers['content-type'] ?? 'application/json' });
    res.end(upstream.body);
  }

  /** Sends the headers (with the full length) and the first part of the body, then drops the connection. */
  private forwardCut(req: http.IncomingMessage, body: Buffer): Promise<void> {
    const target = new URL(req.url ?? '/', this.pick());
    return new Promise((resolve) => {
      const out = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host }, agent: false });
      out.on('error', () => resolve());
      out.on('close', () => resolve());
      out.write(body.subarray(0, Math.floor(body.length * this.random())), () => setTimeout(() => out.destroy(), 5));
    });
  }

  private forward(req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    const target = new URL(req.url ?? '/', this.pick());
    return new Promise((resolve, reject) => {
      const out = http.request(
        target,
        { method: req.method, headers: { ...req.headers, host: target.host }, agent: this.agent, timeout: 15_000 },
        (upstream) => {
          const parts: Buffer[] = [];
          upstream.on('data', (c: Buffer) => parts.push(c));
          upstream.on('end', () => resolve({ status: upstream.statusCode ?? 502, headers: upstream.headers, body: Buffer.concat(parts) }));
          upstream.on('error', reject);
        },
      );
      out.on('error', reject);
      out.on('timeout', () => out.destroy(new Error('upstream timeout')));
      out.end(body);
    });
  }
}
