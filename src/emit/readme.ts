// The README's view: the run order table and the diagram. The template renders its head
// with empty lists; the rows are rendered by their partials a piece at a time (perf, issue
// 6: the whole view and text of 50,000 rows at once sized the heap of a large build).
import { buildDiagram, diagramByHost, edgesByHost, type Diagram } from "./mermaid.js";
import { runNotes, scriptParameters, type BuildInfo, type ScriptPlan } from "./view-model.js";
import type { Topology } from "../ir/model.js";

export interface RunStep {
  step: number;
  fileName: string;
  machine: string;
  layer: number;
  before: string;
  after: string;
  parameters: readonly string[];
}

export interface ReadmeView {
  build: BuildInfo;
  runOrder: RunStep[];
  diagram: Diagram;
}

/** The partials of README.md that hold one row per script or per diagram node and edge. */
export const README_SLOTS = ["readme-run-order", "readme-switches", "readme-diagram"] as const;
export type ReadmeSlot = (typeof README_SLOTS)[number];

const ROWS_PER_PIECE = 512;

/** The view README.md.hbs renders around its slots. */
export function readmeHeadView(build: BuildInfo): ReadmeView {
  return { build, runOrder: [], diagram: { nodes: [], edges: [] } };
}

/** The views that fill a slot, a piece at a time, in order. */
export function* slotViews(
  slot: ReadmeSlot,
  topology: Topology,
  scripts: readonly ScriptPlan[],
): Generator<object> {
  if (slot === "readme-diagram") {
    // Every node comes before every edge: the diagram is walked twice, a host at a time.
    for (const { nodes } of diagramByHost(topology)) {
      for (let i = 0; i < nodes.length; i += ROWS_PER_PIECE) {
        yield { diagram: { nodes: nodes.slice(i, i + ROWS_PER_PIECE), edges: [] } };
      }
    }
    for (const edges of edgesByHost(topology)) {
      for (let i = 0; i < edges.length; i += ROWS_PER_PIECE) {
        yield { diagram: { nodes: [], edges: edges.slice(i, i + ROWS_PER_PIECE) } };
      }
    }
    return;
  }
  for (let from = 0; from < scripts.length; from += ROWS_PER_PIECE) {
    const piece = scripts.slice(from, from + ROWS_PER_PIECE);
    yield {
      runOrder: piece.map((plan, i) =>
        slot === "readme-run-order"
          ? runStep(plan, from + i + 1)
          : { fileName: plan.fileName, parameters: scriptParameters(plan) },
      ),
    };
  }
}

function runStep(plan: ScriptPlan, step: number): RunStep {
  const { before, after, parameters } = runNotes(plan);
  const { fileName, machine, layer } = plan;
  return { step, fileName, machine, layer, before, after, parameters };
}

/** The whole view at once, as the template would render it in one go (tests). */
export function buildReadmeView(
  topology: Topology,
  scripts: readonly ScriptPlan[],
  build: BuildInfo,
): ReadmeView {
  return {
    build,
    runOrder: scripts.map((plan, i) => runStep(plan, i + 1)),
    diagram: buildDiagram(topology),
  };
}
