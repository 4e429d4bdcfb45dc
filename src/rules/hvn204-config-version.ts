// HVN204: a guest hypervisor has configuration version 8.0+, and no VM exceeds what its parent's OS creates.
import type { Rule, Finding } from "./rule.js";
import { compareVersions, osInfo } from "../ir/os.js";
import { at, isGuestHypervisor, label, vms } from "./walk.js";

const MIN_NESTED_VERSION = "8.0";

export const hvn204: Rule = {
  code: "HVN204",
  severity: "error",
  title: "configuration version not supported",
  docs: {
    enforces:
      "A guest hypervisor has configuration version 8.0 or later, and every VM's version is at most the highest version its parent's OS can create.",
    why: "Nested virtualization needs configuration version 8.0. Each Hyper-V release creates VMs up to its own version (WS2016 / Win10 1607: 8.0; WS2019: 9.0; WS2022: 10.0; Win11 22H2/23H2: 11.0; WS2025, Win11 24H2: 12.0), and versions cannot be downgraded, so a WS2016 guest hypervisor creates only 8.0 VMs.",
    kind: "platform limit",
    source:
      "facts.md #4 (learn.microsoft.com/windows-server/virtualization/hyper-v/deploy/upgrade-virtual-machine-version-in-hyper-v-on-windows-or-windows-server)",
    example: "host H os ws2016 < vm V version 9.0 >",
    fix: "Lower the VM's `version` to what its parent creates, or give the parent a newer `os`; give guest hypervisors `version 8.0` or later.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    for (const { vm, parent } of vms(topology)) {
      if (isGuestHypervisor(vm) && compareVersions(vm.version, MIN_NESTED_VERSION) < 0) {
        findings.push({
          span: at(vm, "version"),
          message: `${label(vm)} is a guest hypervisor with configuration version ${vm.version}: nested virtualization needs ${MIN_NESTED_VERSION} or later`,
          hint: `Write \`version 8.0\` or later on ${label(vm)}.`,
        });
      }
      const os = osInfo(parent.os);
      if (os && compareVersions(vm.version, os.maxVersion) > 0) {
        findings.push({
          span: at(vm, "version"),
          message: `${label(vm)} has configuration version ${vm.version}, but its parent ${label(parent)} runs ${os.title}, which creates versions up to ${os.maxVersion}`,
          hint: `Write \`version ${os.maxVersion}\` (or lower) on ${label(vm)}, or a newer \`os\` on ${label(parent)}.`,
        });
      }
    }
    return findings;
  },
};
