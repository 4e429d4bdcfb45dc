// HVN215: the static memory of a machine's VMs plus a reserve for the hypervisor fits in its memory.
import type { Rule, Finding } from "./rule.js";
import { at, formatMemory, hypervisors, label } from "./walk.js";

/**
 * The memory a hypervisor keeps for itself: 2 GB, or 10% of its memory rounded up to a whole
 * GB when that is more. 2 GB is what Microsoft's client Hyper-V requirements leave to the
 * parent OS next to the 4 GB minimum; 10% covers the per-VM overhead that grows with larger
 * machines.
 */
export function hypervisorReserveMB(memoryMB: number): number {
  return Math.max(2048, Math.ceil(memoryMB / 10 / 1024) * 1024);
}

export const hvn215: Rule = {
  code: "HVN215",
  severity: "warning",
  title: "VMs need more memory than their host has",
  docs: {
    enforces:
      "The startup memory of a machine's VMs, plus a reserve for the machine itself (2 GB, or 10% of its memory rounded up to a whole GB, whichever is larger), fits in the machine's memory.",
    why: "Hyper-V does not overcommit static memory: a VM that does not fit does not start. The reserve is hvnest's policy: the parent OS and Hyper-V's per-VM overhead need memory too. vCPU overcommit is normal and not flagged.",
    kind: "policy",
    source:
      "facts.md #8 (suggested extension); learn.microsoft.com/virtualization/hyper-v-on-windows/quick-start/enable-hyper-v (4 GB minimum)",
    example: "host H memory 8GB < vm A memory 4GB  vm B memory 4GB >",
    fix: "Give the parent more `memory`, or its VMs less.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    // A machine with VMs is a host or a guest hypervisor.
    for (const { machine } of hypervisors(topology)) {
      if (machine.memoryMB === null || machine.vms.length === 0) continue;
      const children = machine.vms.reduce((sum, vm) => sum + vm.memoryMB, 0);
      const reserve = hypervisorReserveMB(machine.memoryMB);
      if (children + reserve > machine.memoryMB) {
        findings.push({
          span: at(machine, "memory"),
          message: `${label(machine)} has ${formatMemory(machine.memoryMB)}, but its ${machine.vms.length} VM(s) need ${formatMemory(children)} plus ${formatMemory(reserve)} for ${label(machine)} itself`,
          hint: `Give ${label(machine)} at least ${formatMemory(children + reserve)}, or its VMs less memory.`,
        });
      }
    }
    return findings;
  },
};
