// The README's view: the run order table and the diagram.
import type { Topology } from "../ir/model.js";
import type { BuildInfo, RunNotes, ScriptPlan } from "./view-model.js";
import { buildDiagram, type Diagram } from "./mermaid.js";

export interface RunStep {
  step: number;
  fileName: string;
  machine: string;
  layer: number;
  before: string;
  after: string;
  parameters: string[];
}

export interface ReadmeView {
  build: BuildInfo;
  runOrder: RunStep[];
  diagram: Diagram;
}

export function buildReadmeView(
  topology: Topology,
  scripts: readonly (Pick<ScriptPlan, "fileName" | "machine" | "layer"> & RunNotes)[],
  build: BuildInfo,
): ReadmeView {
  return {
    build,
    runOrder: scripts.map((s, i) => ({
      step: i + 1,
      fileName: s.fileName,
      machine: s.machine,
      layer: s.layer,
      before: s.before,
      after: s.after,
      parameters: s.parameters,
    })),
    diagram: buildDiagram(topology),
  };
}
