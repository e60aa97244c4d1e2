// Preloaded into the measured process: reports its own peak RSS and CPU time as it exits.
// CPU time (user + system) barely moves when other work shares the machine; wall time does.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nPEAK_RSS_KB=${usage.maxRSS} CPU_US=${usage.userCPUTime + usage.systemCPUTime}\n`);
});
