// The stages after parsing: rules over the resolved model, then schema validation of a
// model clean enough to be used. Shared by `.hvnest` and JSON input.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import type { FileNode } from "../syntax/ast.js";
import type { Topology } from "../ir/model.js";
import { validateModel } from "../ir/validate.js";
import { byPosition, runRules } from "./run.js";

export interface TopologyCheck {
  diagnostics: Diagnostic[];
  /** The model, or null when any diagnostic is an error. */
  topology: Topology | null;
}

function overlaps(a: Span, b: Span): boolean {
  return (
    a.offset < Math.max(b.endOffset, b.offset + 1) && b.offset < Math.max(a.endOffset, a.offset + 1)
  );
}

/**
 * `earlier` are the diagnostics of parsing. A rule finding where the parser already
 * reported an error is dropped: it judges what error recovery made up (an empty name).
 */
export function checkTopology(
  topology: Topology,
  file: FileNode | null,
  earlier: readonly Diagnostic[],
): TopologyCheck {
  const syntaxErrors = earlier.flatMap((diagnostic) =>
    diagnostic.severity === "error" && diagnostic.span ? [diagnostic.span] : [],
  );
  const findings = runRules({ topology, file }).filter(
    (finding) => !finding.span || !syntaxErrors.some((span) => overlaps(span, finding.span!)),
  );
  const diagnostics = [...earlier, ...findings].sort(byPosition);
  if (diagnostics.some((diagnostic) => diagnostic.severity === "error"))
    return { diagnostics, topology: null };
  const internal = validateModel(topology);
  return internal.length > 0
    ? { diagnostics: [...diagnostics, ...internal], topology: null }
    : { diagnostics, topology };
}
