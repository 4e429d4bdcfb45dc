// Command-line options of bench/run.mjs.

const FULL = {
  runs: 15,
  scaleRuns: 3,
  sizes: [1000, 10000, 50000],
  diskSize: 10000,
  oneThreadSize: 10000,
};
// Tiny sizes so that the test suite can check that the benchmark runs end to end.
const QUICK = { runs: 3, scaleRuns: 1, sizes: [40, 400], diskSize: null, oneThreadSize: null };

export function parseArgs(argv) {
  const quick = argv.includes("--quick");
  const options = {
    ...(quick ? QUICK : FULL),
    quick,
    build: true,
    keep: false,
    json: null,
    baseline: null,
    outRoot: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) usage(`${arg} needs a value`);
      return next;
    };
    if (arg === "--quick") continue;
    else if (arg === "--no-build") options.build = false;
    else if (arg === "--keep") options.keep = true;
    else if (arg === "--json") options.json = value();
    else if (arg === "--baseline") options.baseline = value();
    else if (arg === "--out-root") options.outRoot = value();
    else if (arg === "--disk-size") options.diskSize = Number(value()) || null;
    else if (arg === "--one-thread-size") options.oneThreadSize = Number(value()) || null;
    else if (arg === "--runs") options.runs = positive(arg, value());
    else if (arg === "--scale-runs") options.scaleRuns = positive(arg, value());
    else if (arg === "--sizes")
      options.sizes = value()
        .split(",")
        .map((s) => positive(arg, s));
    else usage(`unknown option ${arg}`);
  }
  return options;
}

function positive(name, text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) usage(`${name} takes a positive integer, got ${text}`);
  return n;
}

function usage(message) {
  process.stderr.write(
    `bench: ${message}\n` +
      "usage: node bench/run.mjs [--quick] [--runs N] [--scale-runs N] [--sizes 1000,10000]\n" +
      "                          [--out-root DIR] [--disk-size N|0] [--one-thread-size N|0]\n" +
      "                          [--json FILE]\n" +
      "                          [--baseline FILE] [--no-build] [--keep]\n",
  );
  process.exit(64);
}
