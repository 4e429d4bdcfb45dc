// Text output of bench/run.mjs: the table, the issue's targets, and a comparison with
// an earlier JSON result.

const COLUMNS = [
  ["measure", 34, "left"],
  ["median", 11, "right"],
  ["min-max", 17, "right"],
  ["x floor", 8, "right"],
  ["CPU ms", 8, "right"],
  ["VMs/s", 9, "right"],
  ["peak MB", 8, "right"],
  ["growth", 18, "right"],
];

export function formatTable(result) {
  const { machine: m } = result;
  const lines = [
    `hvnest benchmark: commit ${result.commit ?? "?"}, ${m.cpu} x${m.nproc}, node ${m.node}, ` +
      `${result.runs} cold runs per start-up figure`,
    `bundles written under ${result.outputs ?? "?"}; load average at the end ` +
      `${(result.loadAverage ?? []).join(" ")}; CPU ms is user + system time of the process`,
    "",
    row(COLUMNS.map(([name]) => name)),
    row(COLUMNS.map(([, width]) => "-".repeat(width))),
  ];
  for (const r of result.rows) {
    lines.push(
      row([
        r.label,
        ms(r.median),
        r.runs > 1 ? `${num(r.min)}-${num(r.max)} ms` : "",
        r.ratio.toFixed(2),
        r.cpuMs != null ? String(r.cpuMs) : "",
        r.vmsPerSecond ? String(r.vmsPerSecond) : "",
        r.peakMB ? r.peakMB.toFixed(0) : "",
        r.growth
          ? `${r.growth.factor.toFixed(2)}x for ${(r.vms / r.growth.from).toFixed(0)}x VMs`
          : "",
      ]),
    );
  }
  if (result.missing.length) {
    lines.push("", "not measured:");
    for (const reason of result.missing) lines.push(`  - ${reason}`);
  }
  return lines.join("\n") + "\n";
}

/** The targets of issue 6, each as met, missed, or not measured in this run. */
export function formatTargets(result) {
  const byId = new Map(result.rows.map((r) => [r.id, r]));
  const checks = [
    [
      "hvnest build of the sample within 1.5x node -e 0",
      byId.get("build")?.ratio,
      (v) => v <= 1.5,
      (v) => `${v.toFixed(2)}x`,
      times(byId.get("build")?.cpuRatio),
    ],
    [
      "hvnest check of the sample within 1.3x node -e 0",
      byId.get("check")?.ratio,
      (v) => v <= 1.3,
      (v) => `${v.toFixed(2)}x`,
      times(byId.get("check")?.cpuRatio),
    ],
    [
      "hvnest build of 10,000 VMs under 1 s",
      byId.get("build-10000")?.median,
      (v) => v < 1000,
      ms,
      byId.get("build-10000")?.cpuMs != null ? ms(byId.get("build-10000").cpuMs) : null,
    ],
    [
      "build growth 10,000 -> 50,000 VMs at most 5.5x",
      growthFrom(byId.get("build-50000"), 10000),
      (v) => v <= 5.5,
      (v) => `${v.toFixed(2)}x`,
      times(byId.get("build-50000")?.growth?.cpuFactor),
    ],
    [
      "build of 50,000 VMs: peak memory under 500 MB",
      byId.get("build-50000")?.peakMB,
      (v) => v < 500,
      (v) => `${v.toFixed(0)} MB`,
    ],
  ];
  const lines = ["", "targets (issue 6), on wall time; in CPU time where it applies:"];
  for (const [name, value, pass, show, cpu] of checks) {
    const verdict =
      value == null ? "not measured" : `${pass(value) ? "met   " : "MISSED"} ${show(value)}`;
    lines.push(`  ${name.padEnd(50)} ${verdict}${value != null && cpu ? ` (CPU: ${cpu})` : ""}`);
  }
  return lines.join("\n") + "\n";
}

function times(value) {
  return value == null ? null : `${value.toFixed(2)}x`;
}

function growthFrom(row, from) {
  return row?.growth?.from === from ? row.growth.factor : undefined;
}

/** Side by side with an earlier run: its median, this one, and now / before. */
export function formatBaseline(result, previous) {
  const before = new Map((previous.rows ?? []).map((r) => [r.id, r]));
  const lines = [
    "",
    `against baseline: commit ${previous.commit ?? "?"} (${previous.machine?.cpu ?? "?"}, node ${previous.machine?.node ?? "?"})`,
    row(["measure", "before", "now", "now/before", "", "", ""]),
  ];
  for (const r of result.rows) {
    const b = before.get(r.id);
    lines.push(
      row([
        r.label,
        b ? ms(b.median) : "-",
        ms(r.median),
        b ? `${(r.median / b.median).toFixed(2)}x` : "",
        "",
        "",
        "",
      ]),
    );
    if (r.peakMB && b?.peakMB) {
      lines.push(
        row([
          "  peak memory",
          `${b.peakMB.toFixed(0)} MB`,
          `${r.peakMB.toFixed(0)} MB`,
          `${(r.peakMB / b.peakMB).toFixed(2)}x`,
          "",
          "",
          "",
        ]),
      );
    }
  }
  return lines.join("\n").replace(/ +$/gm, "") + "\n";
}

function row(cells) {
  return COLUMNS.map(([, width, align], i) => {
    const cell = cells[i] ?? "";
    return align === "left" ? cell.padEnd(width) : cell.padStart(width);
  })
    .join(" ")
    .trimEnd();
}

function ms(value) {
  return `${num(value)} ms`;
}

function num(value) {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}
