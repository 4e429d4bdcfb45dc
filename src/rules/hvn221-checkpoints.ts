// HVN221: a guest hypervisor has no checkpoints.
import type { Finding, Rule } from "./rule.js";
import { at, guestHypervisors, label } from "./walk.js";

export const hvn221: Rule = {
  code: "HVN221",
  severity: "warning",
  title: "checkpoints on a guest hypervisor",
  docs: {
    enforces:
      "A guest hypervisor does not have `checkpoints on`; hvnest disables checkpoints on guest hypervisors unless told otherwise.",
    why: "Applying a checkpoint to a running VM that hosts VMs does not work, and tools that check nested readiness treat existing checkpoints as disqualifying.",
    kind: "platform limit",
    source: "facts.md #12 (nested virtualization known issues; Get-NestedVirtStatus)",
    example: "host H < vm V checkpoints on nested >",
    fix: "Remove `checkpoints on` from the guest hypervisor; take checkpoints of its inner VMs instead.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    for (const { vm } of guestHypervisors(topology)) {
      if (vm.checkpoints.value === true)
        findings.push({
          span: at(vm, "checkpoints"),
          message: `${label(vm)} is a guest hypervisor with checkpoints on: checkpoints cannot be applied to a running VM that hosts VMs`,
          hint: `Remove \`checkpoints on\` from ${label(vm)}.`,
        });
    }
    return findings;
  },
};
