// Preloaded into a measured process: print its peak RSS (KiB) on exit.
process.on("exit", () => require("node:fs").writeSync(Number(process.env.MAX_RSS_FD ?? 2), `maxrss ${process.resourceUsage().maxRSS}\n`));
