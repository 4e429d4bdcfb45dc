// The pieces of topology.json and README.md, each made when it is read (src/emit/pieces.ts).
import type { Topology } from "../ir/model.js";
import { jsonOutline } from "./json-pieces.js";
import { stringifyModel, type Piece } from "./pieces.js";
import { README_SLOTS, readmeHeadView, slotViews, type ReadmeSlot } from "./readme.js";
import { renderPartial, renderParts } from "./templates.js";
import type { BuildInfo, ScriptPlan } from "./view-model.js";

/** topology.json, host by host: the same bytes as one JSON.stringify of the model. */
function* topologyPieces(topology: Topology): Generator<Piece> {
  yield* jsonOutline({ ...topology }, { hosts: topology.hosts }, stringifyModel);
  yield "\n";
}

/**
 * README.md, its rows rendered by their partials a piece at a time (perf, issue 6): for
 * 50,000 VMs the whole view and text at once were ~140 MB, alive while V8 sized its heap.
 * The bytes are those of README.md.hbs rendered whole (tested).
 */
function* readmePieces(
  topology: Topology,
  scripts: readonly ScriptPlan[],
  build: BuildInfo,
): Generator<Piece> {
  const { texts, parts } = renderParts("README.md", readmeHeadView(build), README_SLOTS);
  yield texts[0] as string;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as (typeof parts)[number];
    if (part.kind === "constant") yield part.bytes;
    else {
      for (const view of slotViews(part.name as ReadmeSlot, topology, scripts)) {
        yield renderPartial(part.name, view);
      }
    }
    yield texts[i + 1] as string;
  }
}

/** The large files, by name: topology.json, then README.md. */
export function largeFiles(
  topology: Topology,
  scripts: readonly ScriptPlan[],
  build: BuildInfo,
): [string, Iterable<Piece>][] {
  return [
    ["topology.json", topologyPieces(topology)],
    ["README.md", readmePieces(topology, scripts, build)],
  ];
}
