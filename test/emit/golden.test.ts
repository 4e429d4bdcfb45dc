// Every valid sample's whole bundle, compared byte for byte with test/golden/<sample>/.
// HVNEST_UPDATE_GOLDEN=1 (npm run test:update) rewrites them; review the diff like code.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import packageJson from "../../package.json" with { type: "json" };
import { checkSource } from "../../src/compile.js";
import { emitBundle, fileBytes, type EmittedFile } from "../../src/emit/bundle.js";
import validateTopology from "../../generated/topology-validator.js";

const SAMPLES = "samples";
const GOLDEN = "test/golden";
const UPDATE = process.env["HVNEST_UPDATE_GOLDEN"] === "1";
const PWSH = ".tools/pwsh/pwsh";

function validSamples(): string[] {
  return readdirSync(SAMPLES)
    .filter((name) => name.endsWith(".hvnest"))
    .sort()
    .filter((name) => {
      const bytes = readFileSync(join(SAMPLES, name));
      return !checkSource(name, bytes).diagnostics.some((d) => d.severity === "error");
    });
}

function bundleOf(sample: string): EmittedFile[] {
  const bytes = readFileSync(join(SAMPLES, sample));
  const { topology } = checkSource(sample, bytes);
  if (topology === null) throw new Error(`${sample}: no topology`);
  return emitBundle(topology, {
    sourceName: sample,
    sourceSha256: createHash("sha256").update(bytes).digest("hex"),
    compilerVersion: packageJson.version,
  });
}

const samples = validSamples();

describe("golden bundles", () => {
  it("there are valid samples, and a golden folder for each and no other", () => {
    expect(samples.length).toBeGreaterThan(0);
    if (UPDATE) {
      for (const dir of existsSync(GOLDEN) ? readdirSync(GOLDEN) : []) {
        if (!samples.includes(`${dir}.hvnest`)) rmSync(join(GOLDEN, dir), { recursive: true });
      }
    }
    const dirs = existsSync(GOLDEN) ? readdirSync(GOLDEN).sort() : [];
    expect(dirs).toEqual(samples.map((s) => basename(s, ".hvnest")));
  });

  it.each(samples)("%s", (sample) => {
    const dir = join(GOLDEN, basename(sample, ".hvnest"));
    const files = bundleOf(sample);
    if (UPDATE) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const f of files) writeFileSync(join(dir, f.path), fileBytes(f));
    }
    expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.path).sort());
    for (const f of files) {
      const golden = readFileSync(join(dir, f.path));
      // Compare as text first for a readable diff, then as bytes for the BOM and encoding.
      expect(Buffer.from(fileBytes(f)).toString("utf8"), f.path).toBe(golden.toString("utf8"));
      expect(Buffer.compare(Buffer.from(fileBytes(f)), golden), f.path).toBe(0);
    }
  });
});

describe("bytes of every golden file", () => {
  const files = samples.flatMap((s) => bundleOf(s).map((f) => ({ sample: s, ...f })));

  it("scripts carry a BOM and the rest none; LF only; no trailing spaces; one final newline", () => {
    for (const f of files) {
      const bytes = Buffer.from(fileBytes(f));
      const bom = bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(bom, `${f.sample}/${f.path}`).toBe(f.path.endsWith(".ps1"));
      const text = bytes.toString("utf8");
      expect(text.includes("\r"), f.path).toBe(false);
      expect(/[ \t]\n/.test(text), f.path).toBe(false);
      expect(text.endsWith("\n") && !text.endsWith("\n\n"), f.path).toBe(true);
    }
  });

  it("manifest.json lists every other file with its SHA-256 and the run order", () => {
    for (const sample of samples) {
      const bundle = bundleOf(sample);
      const manifestFile = bundle.find((f) => f.path === "manifest.json")!;
      const manifest = JSON.parse(Buffer.from(fileBytes(manifestFile)).toString("utf8"));
      expect(manifest.generator).toBe("hvnest");
      expect(manifest.source.name).toBe(sample);
      const others = bundle.filter((f) => f.path !== "manifest.json");
      expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(
        others.map((f) => f.path),
      );
      for (const f of others) {
        const listed = manifest.files.find((m: { path: string }) => m.path === f.path);
        expect(listed.sha256).toBe(createHash("sha256").update(fileBytes(f)).digest("hex"));
      }
      const scripts = others.filter((f) => f.path.endsWith(".ps1")).map((f) => f.path);
      expect([...manifest.runOrder.map((r: { path: string }) => r.path)].sort()).toEqual(
        scripts.sort(),
      );
      const layers = manifest.runOrder.map((r: { layer: number }) => r.layer);
      expect(layers).toEqual([...layers].sort((a: number, b: number) => a - b));
    }
  });

  it("topology.json is schema-valid", () => {
    for (const f of files.filter((x) => x.path === "topology.json")) {
      const ok = validateTopology(JSON.parse(Buffer.from(fileBytes(f)).toString("utf8")));
      expect(ok, `${f.sample}: ${JSON.stringify(validateTopology.errors)}`).toBe(true);
    }
  });

  it("topology.json builds the same scripts again (only $HvnBuild names the other source)", () => {
    for (const sample of samples) {
      const first = bundleOf(sample);
      const json = first.find((f) => f.path === "topology.json")!;
      const { topology } = checkSource("topology.json", fileBytes(json));
      expect(topology, sample).not.toBeNull();
      const again = emitBundle(topology!, {
        sourceName: sample,
        sourceSha256: createHash("sha256")
          .update(readFileSync(join(SAMPLES, sample)))
          .digest("hex"),
        compilerVersion: packageJson.version,
      });
      const scripts = (files: EmittedFile[]) =>
        files
          .filter((f) => f.path.endsWith(".ps1"))
          .map((f) => [f.path, Buffer.from(fileBytes(f)).toString("utf8")]);
      expect(scripts(again), sample).toEqual(scripts(first));
    }
  });

  it("no absolute path of the build machine and no timestamp", () => {
    const cwd = process.cwd();
    for (const f of files) {
      const text = Buffer.from(fileBytes(f)).toString("utf8");
      expect(text.includes(cwd), f.path).toBe(false);
      expect(/\b20\d\d-\d\d-\d\dT\d\d:/.test(text), f.path).toBe(false);
    }
  });

  it.skipIf(!existsSync(PWSH))("every script parses in PowerShell", () => {
    const paths = samples.flatMap((s) =>
      bundleOf(s)
        .filter((f) => f.path.endsWith(".ps1"))
        .map((f) => join(GOLDEN, basename(s, ".hvnest"), f.path)),
    );
    const dir = mkdtempSync(join(tmpdir(), "hvnest-parse-"));
    const parser = join(dir, "parse.ps1");
    writeFileSync(
      parser,
      [
        "foreach ($f in $args) {",
        "    $t = $null; $e = $null",
        "    $null = [System.Management.Automation.Language.Parser]::ParseFile($f, [ref]$t, [ref]$e)",
        "    foreach ($x in $e) { Write-Output ('{0}:{1}: {2}' -f $f, $x.Extent.StartLineNumber, $x.Message) }",
        "}",
        "Write-Output ('parsed {0}' -f $args.Count)",
        "",
      ].join("\n"),
    );
    const run = spawnSync(PWSH, ["-NoProfile", "-NonInteractive", "-File", parser, ...paths], {
      encoding: "utf8",
    });
    rmSync(dir, { recursive: true, force: true });
    expect(run.stdout.trim()).toBe(`parsed ${paths.length}`);
  });
});
