// HVN206: a guest hypervisor uses static memory.
import type { Finding, Rule } from "./rule.js";
import { at, guestHypervisors, label } from "./walk.js";

export const hvn206: Rule = {
  code: "HVN206",
  severity: "error",
  title: "dynamic memory on a guest hypervisor",
  docs: {
    enforces: "A guest hypervisor has `dynamic-memory off` (the default).",
    why: "Once Hyper-V runs inside a VM its memory no longer fluctuates and a runtime resize fails; early builds refused to boot such a VM. Some hosts default to dynamic memory, so hvnest sets static memory explicitly.",
    kind: "platform limit",
    source:
      "facts.md #7 (learn.microsoft.com/virtualization/hyper-v-on-windows/user-guide/nested-virtualization)",
    example: "host H < vm V nested dynamic-memory on >",
    fix: "Remove `dynamic-memory on` from the guest hypervisor; size its `memory` instead.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    for (const { vm } of guestHypervisors(topology)) {
      if (vm.dynamicMemory)
        findings.push({
          span: at(vm, "dynamic-memory"),
          message: `${label(vm)} is a guest hypervisor with dynamic memory on: memory of a VM running Hyper-V cannot change at run time`,
          hint: `Remove \`dynamic-memory on\` from ${label(vm)} and give it a fixed \`memory\`.`,
        });
    }
    return findings;
  },
};
