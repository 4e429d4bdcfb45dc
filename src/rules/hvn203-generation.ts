// HVN203: a guest hypervisor is a Generation 2 VM (this project's policy, from the article).
import type { Finding, Rule } from "./rule.js";
import { at, guestHypervisors, label } from "./walk.js";

export const hvn203: Rule = {
  code: "HVN203",
  severity: "error",
  title: "guest hypervisor is not Generation 2",
  docs: {
    enforces: "Every guest hypervisor (a VM marked `nested` or hosting VMs) is a Generation 2 VM.",
    why: "The article builds its guest hypervisors as Generation 2 VMs. Microsoft does not list a generation among the prerequisites, so this is hvnest's policy, not a platform limit: it keeps to the setup the article verified (UEFI, VHDX, vTPM available).",
    kind: "policy",
    source: "facts.md #14; the article (domain.md, requirements for a guest hypervisor)",
    example: "host H < vm V nested gen 1 >",
    fix: "Remove `gen 1` (Generation 2 is the default) on VMs that run Hyper-V.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    for (const { vm } of guestHypervisors(topology)) {
      if (vm.generation !== 2)
        findings.push({
          span: at(vm, "gen"),
          message: `${label(vm)} is a guest hypervisor but Generation ${vm.generation}: hvnest builds guest hypervisors as Generation 2 VMs, as the article does`,
          hint: `Remove \`gen ${vm.generation}\` from ${label(vm)} (Generation 2 is the default).`,
        });
    }
    return findings;
  },
};
