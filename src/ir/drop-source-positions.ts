// Source positions serve diagnostics only. Once a topology has passed its checks, `hvnest
// build` drops them before emission, which never reads them (perf, issue 6: they are ~40% of
// the resolved model, ~45 MB for 50,000 VMs, held through the whole emission).
import type { HypervisorPart, Nat, Switch, Topology, Vm } from "./model.js";

/**
 * Clears `span` and `attributeSpans` throughout `topology`, in place. They are set to
 * undefined rather than deleted, so that each object keeps its shape (and V8 its fast
 * property access); JSON.stringify leaves undefined fields out, as it leaves out absent ones.
 */
export function dropSourcePositions(topology: Topology): void {
  for (const host of topology.hosts) dropPart(host);
}

function dropPart(part: HypervisorPart & { span?: unknown; attributeSpans?: unknown }): void {
  clear(part);
  if (part.nat !== null) clear(part.nat);
  for (const sw of part.switches) clear(sw);
  for (const vm of part.vms) dropPart(vm);
}

function clear(node: Vm | HypervisorPart | Nat | Switch): void {
  const positioned = node as { span?: unknown; attributeSpans?: unknown };
  if (positioned.span !== undefined) positioned.span = undefined;
  if (positioned.attributeSpans !== undefined) positioned.attributeSpans = undefined;
}
