// Preloaded into a child server (NODE_OPTIONS=--import=...): measures the server's own event-loop delay with
// perf_hooks.monitorEventLoopDelay and prints its maximum since the last report on SIGUSR2.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
process.on('SIGUSR2', () => {
  process.stdout.write(`loop-delay-max-ms=${(histogram.max / 1e6).toFixed(1)}\n`);
  histogram.reset();
});
