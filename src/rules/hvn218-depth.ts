// HVN218: nesting deeper than the four layers the article demonstrates.
import type { Finding, Rule } from "./rule.js";
import { at, label, vms } from "./walk.js";

const DEMONSTRATED_LAYERS = 4;

export const hvn218: Rule = {
  code: "HVN218",
  severity: "info",
  title: "deeper than four layers",
  docs: {
    enforces:
      "Notes VMs deeper than layer 4 (host, guest hypervisor, nested VM, nested-nested VM).",
    why: "The article builds and verifies four layers and says deeper chains work the same way; each layer costs memory and speed, so deeper chains are worth a second look. Not an error.",
    kind: "policy",
    source: "domain.md, the layers (the article's four-layer chain)",
    example: "host H < vm A nested < vm B nested < vm C nested < vm D > > > >",
    fix: "Nothing to fix if the depth is intended; otherwise flatten the chain.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    for (const { vm } of vms(topology)) {
      if (vm.layer === DEMONSTRATED_LAYERS + 1)
        findings.push({
          span: at(vm, "name"),
          message: `${label(vm)} is at layer ${vm.layer}, deeper than the ${DEMONSTRATED_LAYERS} layers the article demonstrates (${vm.path.join(" > ")})`,
          hint: "Intended depth needs no change; every layer must meet the guest hypervisor requirements.",
        });
    }
    return findings;
  },
};
