import { describe, expect, it, vi } from "vitest";
import { render, renderParts } from "../../src/emit/templates.js";
import { buildReadmeView } from "../../src/emit/readme.js";
import { buildScriptViews, planScripts } from "../../src/emit/view-model.js";
import { articleTopology } from "./fixtures.js";

const BUILD = { compilerVersion: "0.1.0", source: "a.hvnest", sourceSha256: "0".repeat(64) };
const views = buildScriptViews(articleTopology(), BUILD);

describe("templates", () => {
  it("render every kind of script", () => {
    for (const view of views) {
      const text = render(`${view.kind}.ps1`, view);
      expect(text.startsWith("#Requires -RunAsAdministrator\n")).toBe(true);
      expect(text.trimEnd().endsWith("exit $HvnExitCode")).toBe(true);
    }
  });

  it("throw on a missing field, also under #if and #each", () => {
    for (const key of ["nat", "switches", "vms", "network", "versions", "machine", "vendor"]) {
      const view: Record<string, unknown> = { ...views[1]! };
      delete view[key];
      expect(() => render("guest-hypervisor.ps1", view), key).toThrow();
    }
    const vm = structuredClone(views[1]!);
    delete (vm.vms[0] as Partial<(typeof vm.vms)[0]>).isoPath;
    expect(() => render("guest-hypervisor.ps1", vm)).toThrow(/helper ps needs a string/);
  });

  it("throw on a wrong-typed value", () => {
    const view = structuredClone(views[0]!);
    (view.vms[0] as unknown as Record<string, unknown>)["memoryMB"] = "16GB";
    expect(() => render("physical-host.ps1", view)).toThrow(/psBytes needs an integer/);
  });

  it("keep the runtime library identical in every script of a kind", () => {
    const library = (text: string) =>
      text.slice(text.indexOf("# ---- runtime"), text.indexOf("# ---- plan"));
    const byKind = new Map<string, string>();
    for (const v of views) {
      const text = library(render(`${v.kind}.ps1`, v));
      expect(text.length).toBeGreaterThan(1000);
      expect(text).toBe(byKind.get(v.kind) ?? text);
      byKind.set(v.kind, text);
    }
    expect(byKind.size).toBeGreaterThan(1);
  });

  it("give a VM that hosts none only the runtime it calls", () => {
    const leaf = views.find((v) => v.kind === "guest-network");
    const hypervisor = views.find((v) => v.kind !== "guest-network");
    const leafText = render("guest-network.ps1", leaf!);
    expect(leafText).toContain("function Set-HvnGuestNetwork");
    expect(leafText).not.toContain("function Set-HvnVm");
    expect(leafText).not.toContain("function Install-HvnHyperVRole");
    expect(leafText).not.toContain("function Set-HvnNat");
    expect(leafText).not.toContain("function Set-HvnSwitch");
    expect(leafText).toContain("function Test-HvnAddress");
    expect(leafText.length * 2).toBeLessThan(render(`${hypervisor!.kind}.ps1`, hypervisor!).length);
  });

  it("render the runtime library as constant parts, one shared object each, same text", () => {
    const seen = new Map<string, object>();
    for (const view of views) {
      const { texts, parts } = renderParts(`${view.kind}.ps1`, view);
      const constants = parts.filter((p) => p.kind === "constant");
      expect(constants).toEqual(parts);
      expect(texts.length).toBe(constants.length + 1);
      expect(constants.map((c) => c.name)).toContain("runtime-core");
      let joined = texts[0]!;
      constants.forEach((c, i) => (joined += c.text + texts[i + 1]));
      expect(joined).toBe(render(`${view.kind}.ps1`, view));
      for (const c of constants) {
        expect(Buffer.from(c.bytes).toString("utf8")).toBe(c.text);
        expect(c.text).not.toContain("{{");
        expect(c).toBe(seen.get(c.name) ?? c);
        seen.set(c.name, c);
      }
      // Markers never reach the text.
      expect(texts.join("")).not.toContain("\u0000");
    }
  });

  it("leave a partial as a slot only when asked, and refuse a slot that no partial fills", () => {
    const view = views[0]!;
    const plain = renderParts(`${view.kind}.ps1`, view);
    expect(plain.parts.every((p) => p.kind === "constant")).toBe(true);
    expect(() => renderParts(`${view.kind}.ps1`, view, ["no-such-partial"])).toThrow(/no partial/);
    const head = { build: BUILD, runOrder: [], diagram: { nodes: [], edges: [] } };
    const slotted = renderParts("README.md", head, ["readme-switches"]);
    expect(slotted.parts.map((p) => `${p.kind}:${p.name}`)).toEqual(["slot:readme-switches"]);
  });

  it("render the same whatever the process rendered before", async () => {
    const fresh = async () => {
      vi.resetModules();
      return import("../../src/emit/templates.js");
    };
    const kinds = [...new Set(views.map((v) => v.kind))];
    for (const view of views) {
      // Alone in a fresh module: the first render of the process, which binds the templates.
      const first = (await fresh()).render(`${view.kind}.ps1`, view);
      // After renders of every other kind: nothing a render leaves behind changes the next.
      const module = await fresh();
      for (const kind of kinds)
        module.render(
          `${kind}.ps1`,
          views.find((v) => v.kind === kind)!,
        );
      expect(module.render(`${view.kind}.ps1`, view)).toBe(first);
    }
    // The README's rows use `@first`, from the data frame each #each makes.
    const topology = articleTopology();
    const readme = buildReadmeView(topology, planScripts(topology), BUILD);
    const readmeFirst = (await fresh()).render("README.md", readme);
    expect(readmeFirst).toContain("-AllowRestart, -AllowVmRestart");
    const module = await fresh();
    module.render(`${views[0]!.kind}.ps1`, views[0]!);
    expect(module.render("README.md", readme)).toBe(readmeFirst);
  });
});
