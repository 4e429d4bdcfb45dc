// HVN217: a guest hypervisor on WS2019 or earlier has at most 225 vCPUs.
import type { Finding, Rule } from "./rule.js";
import { osInfo } from "../ir/os.js";
import { at, guestHypervisors, label } from "./walk.js";

const MAX_CPUS = 225;

export const hvn217: Rule = {
  code: "HVN217",
  severity: "warning",
  title: "too many vCPUs for a guest hypervisor",
  docs: {
    enforces:
      "A guest hypervisor running Windows Server 2019 or earlier (or Windows 10) has at most 225 virtual processors.",
    why: "Microsoft's nested virtualization documentation notes that a guest hypervisor on Windows Server 2019 or earlier supports at most 225 virtual processors.",
    kind: "platform limit",
    source:
      "facts.md #15 (learn.microsoft.com/virtualization/hyper-v-on-windows/user-guide/enable-nested-virtualization)",
    example: "host H cpus 256 < vm V nested cpus 240 >",
    fix: "Give the guest hypervisor `cpus 225` or fewer, or a newer `os` (ws2022 or later).",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    for (const { vm } of guestHypervisors(topology)) {
      if (vm.cpus > MAX_CPUS && osInfo(vm.os)?.upTo225Cpus === true)
        findings.push({
          span: at(vm, "cpus"),
          message: `${label(vm)} is a guest hypervisor on ${osInfo(vm.os)!.title} with ${vm.cpus} vCPUs; there at most ${MAX_CPUS} are supported`,
          hint: `Write \`cpus ${MAX_CPUS}\` or fewer, or \`os ws2022\` on ${label(vm)}.`,
        });
    }
    return findings;
  },
};
