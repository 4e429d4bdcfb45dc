// HVN202: the host and every guest hypervisor run an OS and edition that can host nested virtualization.
import type { Rule, Finding } from "./rule.js";
import { osInfo } from "../ir/os.js";
import { at, hypervisors, isGuestHypervisor, label } from "./walk.js";

export const hvn202: Rule = {
  code: "HVN202",
  severity: "error",
  title: "OS cannot host nested virtualization",
  docs: {
    enforces:
      "Every guest hypervisor, and every host of one, runs Windows Server 2016 or later (Standard, Datacenter) or Windows 10 1607 or later (Pro, Enterprise, Education); no host or guest hypervisor runs a Home edition.",
    why: "Nested virtualization first shipped in build 14393 (Windows Server 2016, Windows 10 Anniversary Update); the Hyper-V role does not exist on Home editions.",
    kind: "platform limit",
    source:
      "facts.md #1 and #17 (learn.microsoft.com/virtualization/hyper-v-on-windows/user-guide/nested-virtualization, Install-Hyper-V)",
    example: "host H < vm V nested os win10-1607 edition home >",
    fix: "Use edition pro, enterprise or education (client) or standard, datacenter (server), on win10-1607 or later.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    for (const { machine } of hypervisors(topology)) {
      const os = osInfo(machine.os);
      if (!os) continue;
      const role = machine.kind === "host" ? "a Hyper-V host" : "a guest hypervisor";
      // A host too old for nesting still runs plain VMs; only hosting a guest hypervisor needs the newer build.
      const hostsNested = machine.kind === "vm" || machine.vms.some(isGuestHypervisor);
      if (hostsNested && !os.hostsNested) {
        findings.push({
          span: at(machine, "os"),
          message: `${label(machine)} is ${role} but runs ${os.title}: nested virtualization needs build 14393 (Windows 10 1607, Windows Server 2016) or later`,
          hint: `Write \`os win10-1607\` or a later release (or a server OS) on ${label(machine)}.`,
        });
      }
      if (machine.edition === "home") {
        findings.push({
          span: at(machine, "edition"),
          message: `${label(machine)} is ${role} but runs the Home edition, which has no Hyper-V role`,
          hint: `Write \`edition pro\`, \`enterprise\` or \`education\` on ${label(machine)}.`,
        });
      }
    }
    return findings;
  },
};
