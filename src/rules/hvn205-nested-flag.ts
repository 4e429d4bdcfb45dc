// HVN205: a VM that hosts VMs (or holds switches or a NAT) is marked `nested`.
import type { Finding, Rule } from "./rule.js";
import { at, label, vms } from "./walk.js";

export const hvn205: Rule = {
  code: "HVN205",
  severity: "error",
  title: "VM hosts VMs but is not nested",
  docs: {
    enforces:
      "A VM with members (VMs, vswitches or a NAT) is marked `nested`, so that its vCPUs get the virtualization extensions.",
    why: 'Hyper-V inside a VM needs `Set-VMProcessor -ExposeVirtualizationExtensions $true` on its parent; without it the Hyper-V role fails to install: "the processor does not have required virtualization capabilities".',
    kind: "platform limit",
    source:
      "facts.md #6 and #17 (learn.microsoft.com/virtualization/hyper-v-on-windows/user-guide/enable-nested-virtualization)",
    example: "host H < vm V < vm W > >",
    fix: "Add `nested` to the VM's attributes.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    for (const { vm } of vms(topology)) {
      if (!vm.nested && (vm.vms.length > 0 || vm.switches.length > 0 || vm.nat !== null))
        findings.push({
          span: at(vm, "name"),
          message: `${label(vm)} hosts ${vm.vms.length > 0 ? `vm "${vm.vms[0]!.name}"` : "a switch or NAT"} but is not marked \`nested\`: without exposed virtualization extensions Hyper-V cannot run inside it`,
          hint: `Add \`nested\` after \`vm ${vm.name}\`.`,
        });
    }
    return findings;
  },
};
