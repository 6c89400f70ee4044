// The benchmarks' HTTP load generator, run in a worker thread so the clients' own work (fetch,
// reading replies) does not share the server's event loop: real clients are other machines.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { base, paths, total, clients, headers } = workerData;
const latencies = [];
let errors = 0;
let issued = 0;

async function client() {
  while (issued < total) {
    const path = paths[issued % paths.length];
    issued++;
    const t0 = performance.now();
    try {
      const res = await fetch(base + path, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) errors++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - t0);
  }
}

const t0 = performance.now();
await Promise.all(Array.from({ length: clients }, client));
parentPort.postMessage({ latencies, seconds: (performance.now() - t0) / 1000, errors });
