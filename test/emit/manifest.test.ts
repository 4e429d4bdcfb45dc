import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { manifestPieces, type ManifestFile } from "../../src/emit/manifest.js";
import type { ScriptKind } from "../../src/emit/view-model.js";

const BUILD = { compilerVersion: "0.1.0", source: 'a "b".hvnest', sourceSha256: "ab".repeat(32) };

interface Step {
  fileName: string;
  machine: string;
  layer: number;
  kind: ScriptKind;
}

/** manifest.json as one JSON.stringify of the whole: what the pieces must add up to. */
function whole(files: ManifestFile[], steps: Step[]): string {
  const manifest = {
    generator: "hvnest",
    compilerVersion: BUILD.compilerVersion,
    source: { name: BUILD.source, sha256: BUILD.sourceSha256 },
    lineEndings: "LF",
    files,
    runOrder: steps.map((s, i) => ({
      step: i + 1,
      path: s.fileName,
      machine: s.machine,
      layer: s.layer,
      kind: s.kind,
    })),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

describe("manifestPieces", () => {
  it("adds up to JSON.stringify of the whole manifest, for lists of any length", () => {
    const name = fc.string({
      unit: fc.constantFrom("a", "é", '"', "\\", "\n", "\u2028", "\u0000", "\ud800", "\u{1f600}"),
    });
    const file = fc.record({
      path: name,
      sha256: fc.string(),
      layer: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constant(null)),
      machine: fc.oneof(name, fc.constant(null)),
    });
    const step = fc.record({
      fileName: name,
      machine: name,
      layer: fc.integer({ min: 1, max: 9 }),
      kind: fc.constantFrom<ScriptKind>("physical-host", "guest-hypervisor", "guest-network"),
    });
    fc.assert(
      fc.property(fc.array(file, { maxLength: 8 }), fc.array(step, { maxLength: 8 }), (fs, ss) => {
        expect([...manifestPieces(BUILD, fs, ss)].join("")).toBe(whole(fs, ss));
      }),
      { numRuns: 500 },
    );
  });

  it("makes a long list in a few pieces", () => {
    const steps: Step[] = Array.from({ length: 1000 }, (_, i) => ({
      fileName: `3-V${i}.ps1`,
      machine: `V${i}`,
      layer: 3,
      kind: "guest-network",
    }));
    const files = steps.map((s) => ({
      path: s.fileName,
      sha256: "0",
      layer: 3,
      machine: s.machine,
    }));
    const pieces = [...manifestPieces(BUILD, files, steps)];
    expect(pieces.join("")).toBe(whole(files, steps));
    expect(pieces.length).toBeLessThan(20);
  });
});
