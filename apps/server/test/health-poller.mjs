// Run as its own process: asks GET <url>/api/health every 20 ms and prints each answer's status and latency,
// so that the latency measured is the server's, not the test runner's.
const url = `${process.argv[2]}/api/health`;
let running = true;
process.on('SIGTERM', () => {
  running = false;
});
while (running) {
  const start = performance.now();
  let status = 0;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await response.text();
    status = response.status;
  } catch {
    status = -1;
  }
  process.stdout.write(`${status} ${(performance.now() - start).toFixed(1)}\n`);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
