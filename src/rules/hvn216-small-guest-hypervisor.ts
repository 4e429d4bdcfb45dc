// HVN216: a guest hypervisor has at least 4 GB of memory.
import type { Finding, Rule } from "./rule.js";
import { at, formatMemory, guestHypervisors, label } from "./walk.js";

const MIN_GUEST_HYPERVISOR_MB = 4096;

export const hvn216: Rule = {
  code: "HVN216",
  severity: "warning",
  title: "guest hypervisor with less than 4 GB",
  docs: {
    enforces: "A guest hypervisor has at least 4 GB of startup memory.",
    why: "Microsoft's nested virtualization guidance asks for 4 GB; with less, a guest hypervisor may not be able to start its VMs. Packer and Enable-NestedVm use the same minimum.",
    kind: "platform limit",
    source:
      'facts.md #8 (Install-Hyper-V: "Minimum of 4 GB memory"; Packer MinNestedVirtualizationRamSize)',
    example: "host H < vm V nested memory 2GB >",
    fix: "Give the guest hypervisor `memory 4GB` or more.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    for (const { vm } of guestHypervisors(topology)) {
      if (vm.memoryMB < MIN_GUEST_HYPERVISOR_MB)
        findings.push({
          span: at(vm, "memory"),
          message: `${label(vm)} is a guest hypervisor with ${formatMemory(vm.memoryMB)} of memory; with less than 4GB it may not start its VMs`,
          hint: `Write \`memory 4GB\` or more on ${label(vm)}.`,
        });
    }
    return findings;
  },
};
