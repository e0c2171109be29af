/**
 * npm run bench:metrics
 * What the request metrics cost: the work the metrics middleware does per request (one counter, one
 * histogram, the operation label check), and a scrape of /metrics with 50 operation names. A baseline
 * in the same run: the same loop with no metrics (an empty timer), so the difference is the cost.
 */
import { Metrics } from '../src/shared/metrics.js';

const N = 200_000;
const REPEATS = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function perRequest(metrics: Metrics | undefined): number {
  const started = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < N; i += 1) {
    const name = `Operation${i % 50}`;
    if (metrics) {
      const end = metrics.requestDuration.startTimer();
      const operation = metrics.operationLabel(name);
      metrics.requests.inc({ route: 'graphql', operation, code: 'OK' });
      end({ route: 'graphql', operation });
    } else {
      const begin = process.hrtime.bigint();
      sink += Number(process.hrtime.bigint() - begin) + name.length;
    }
  }
  if (sink < 0) console.log(sink);
  return Number(process.hrtime.bigint() - started) / N / 1000; // µs
}

const metrics = new Metrics({ defaultMetrics: false });
perRequest(metrics); // warm up, and 50 operation names registered
const withMetrics: number[] = [];
const baseline: number[] = [];
const scrapes: number[] = [];
for (let r = 0; r < REPEATS; r += 1) {
  baseline.push(perRequest(undefined));
  withMetrics.push(perRequest(metrics));
  const started = process.hrtime.bigint();
  await metrics.registry.metrics();
  scrapes.push(Number(process.hrtime.bigint() - started) / 1e6);
}
const lines = (await metrics.registry.metrics()).split('\n').length;
console.log(`| per request, metrics counted | ${median(withMetrics).toFixed(2)} µs |`);
console.log(`| per request, baseline loop | ${median(baseline).toFixed(2)} µs |`);
console.log(`| cost per request | ${(median(withMetrics) - median(baseline)).toFixed(2)} µs |`);
console.log(`| scrape of /metrics (${lines} lines, 50 operations) | ${median(scrapes).toFixed(1)} ms |`);
