// HVN201: nested virtualization on an AMD host needs WS2022 / Windows 11 and configuration version 9.3+.
import type { Rule, Finding } from "./rule.js";
import { compareVersions, osInfo } from "../ir/os.js";
import { at, isGuestHypervisor, label, machines } from "./walk.js";

const MIN_AMD_VERSION = "9.3";

export const hvn201: Rule = {
  code: "HVN201",
  severity: "error",
  title: "AMD host without nested virtualization support",
  docs: {
    enforces:
      "On a host with `cpu amd`, every machine that hosts a nested VM runs Windows Server 2022 / Windows 11 or later, and every nested VM has configuration version 9.3 or later.",
    why: "Windows Server 2016 and Windows 10 support nested virtualization on Intel VT-x/EPT only; AMD-V/NPT support arrived with Windows Server 2022 and Windows 11, for VMs of configuration version 9.3 or later.",
    kind: "platform limit",
    source:
      "facts.md #2 and #3 (learn.microsoft.com/virtualization/hyper-v-on-windows/user-guide/enable-nested-virtualization)",
    example: "host H cpu amd os ws2016 < vm V nested >",
    fix: "Run the host on os ws2022 (or later) and give nested VMs `version 10.0` (9.3 or later), or use an Intel host.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    for (const host of topology.hosts) {
      if (host.cpu !== "amd") continue;
      for (const { machine } of machines({ ...topology, hosts: [host] })) {
        const nestedChildren = machine.vms.filter((vm) => vm.nested || isGuestHypervisor(vm));
        const os = osInfo(machine.os);
        if (nestedChildren.length > 0 && os && !os.nestedOnAmd) {
          findings.push({
            span: machine.kind === "host" ? at(machine, "cpu") : at(machine, "os"),
            message: `${label(machine)} runs ${os.title} on an AMD host ("${host.name}" has cpu amd) and hosts the nested ${label(nestedChildren[0]!)}: nested virtualization on AMD needs Windows Server 2022 or Windows 11 or later`,
            hint: `Write \`os ws2022\` (or later) on ${label(machine)}, or \`cpu intel\` on host "${host.name}" if the hardware is Intel.`,
          });
        }
        if (
          machine.kind === "vm" &&
          isGuestHypervisor(machine) &&
          compareVersions(machine.version, MIN_AMD_VERSION) < 0
        ) {
          findings.push({
            span: at(machine, "version"),
            message: `${label(machine)} exposes virtualization extensions on an AMD host ("${host.name}") with configuration version ${machine.version}: nested virtualization on AMD needs version ${MIN_AMD_VERSION} or later`,
            hint: `Write \`version 10.0\` on ${label(machine)} (its parent must run ws2022 or later to create it).`,
          });
        }
      }
    }
    return findings;
  },
};
