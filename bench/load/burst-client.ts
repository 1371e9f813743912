/**
 * The second process of the burst benchmark: simulates many devices at once on
 * loopback, each pushing its outbox and then pulling the catalogue, and prints
 * the latencies as JSON. Reads its plan from stdin.
 */
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/shared/sync';

interface Plan {
  /** One server, or several: device i goes to bases[i % n] (servers behind one address, without the balancer). */
  base: string | string[];
  devices: Array<{ token: string; push: unknown }>;
}

const plan = JSON.parse(
  await new Promise<string>((resolve) => {
    let text = '';
    process.stdin.on('data', (d) => (text += d));
    process.stdin.on('end', () => resolve(text));
  }),
) as Plan;

const latencies: number[] = [];
let errors = 0;

async function timed(url: string, init: RequestInit): Promise<void> {
  const started = performance.now();
  try {
    const response = await fetch(url, init);
    await response.arrayBuffer();
    if (!response.ok) errors++;
  } catch {
    errors++;
  }
  latencies.push(performance.now() - started);
}

const started = performance.now();
await Promise.all(
  plan.devices.map(async (device, i) => {
    const base = Array.isArray(plan.base) ? plan.base[i % plan.base.length]! : plan.base;
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${device.token}`,
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    };
    await timed(`${base}/api/sync/push`, { method: 'POST', headers, body: JSON.stringify(device.push) });
    await timed(`${base}/api/sync/catalogue?cursor=0&limit=500`, { method: 'GET', headers });
  }),
);
const totalMs = performance.now() - started;
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
console.log(JSON.stringify({ totalMs, p50: at(0.5), p99: at(0.99), requests: latencies.length, errors }));
