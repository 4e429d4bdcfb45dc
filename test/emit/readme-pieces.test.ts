import { describe, expect, it } from "vitest";
import { generateTopology } from "../../scripts/gen-topology.mjs";
import { checkSource } from "../../src/compile.js";
import { emitBundle, fileBytes } from "../../src/emit/bundle.js";
import { diagramByHost, edgesByHost } from "../../src/emit/mermaid.js";
import { buildReadmeView } from "../../src/emit/readme.js";
import { render } from "../../src/emit/templates.js";
import { planScripts } from "../../src/emit/view-model.js";

const OPTIONS = {
  sourceName: "fleet.hvnest",
  sourceSha256: "0".repeat(64),
  compilerVersion: "0.1.0",
};
const BUILD = { compilerVersion: "0.1.0", source: "fleet.hvnest", sourceSha256: "0".repeat(64) };

describe("README.md rendered a piece at a time", () => {
  it("has the bytes of README.md.hbs rendered whole, across many pieces", () => {
    const { topology } = checkSource(
      "fleet.hvnest",
      new TextEncoder().encode(generateTopology(1300)),
    );
    expect(topology).not.toBeNull();
    const scripts = planScripts(topology!);
    // More rows than one piece holds (512), and more diagram nodes and edges too.
    expect(scripts.length).toBeGreaterThan(1024);
    const readme = emitBundle(topology!, OPTIONS).find((f) => f.path === "README.md")!;
    expect([...readme.chunks].length).toBeGreaterThan(6);
    const whole = render("README.md", buildReadmeView(topology!, scripts, BUILD));
    const streamed = Buffer.from(fileBytes(readme)).toString("utf8");
    expect(streamed.length).toBe(whole.length);
    expect(streamed).toBe(whole);
  });

  it("walks the hosts for edges alone with the same ids", () => {
    const { topology } = checkSource("f.hvnest", new TextEncoder().encode(generateTopology(800)));
    const edges = [...edgesByHost(topology!)];
    expect(edges.flat().length).toBeGreaterThan(800);
    expect(edges).toEqual([...diagramByHost(topology!)].map((part) => part.edges));
  });
});
