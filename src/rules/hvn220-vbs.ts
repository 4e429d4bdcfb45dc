// HVN220: client hosts with nested VMs often run Virtualization Based Security; the preflight checks it.
import type { Rule } from "./rule.js";
import { osInfo } from "../ir/os.js";
import { at, isGuestHypervisor, label } from "./walk.js";

export const hvn220: Rule = {
  code: "HVN220",
  severity: "info",
  title: "VBS may block nested virtualization",
  docs: {
    enforces:
      "Notes a Windows 10 / 11 host with guest hypervisors: the generated preflight checks Virtualization Based Security there.",
    why: "Hosts with Virtualization Based Security or Device Guard on may refuse to expose virtualization extensions. Client Windows often has VBS on (memory integrity, Credential Guard), and the compiler cannot see the machine, so the script's preflight checks Win32_DeviceGuard and warns.",
    kind: "platform limit",
    source:
      "facts.md #13 (2016 nesting.md: Device Guard / VBS hosts cannot expose virtualization extensions)",
    example: "host H os win11 edition pro < vm V nested >",
    fix: "Nothing in the topology; if the preflight warns, turn VBS / memory integrity off on the host.",
  },
  check({ topology }) {
    return topology.hosts
      .filter((host) => osInfo(host.os)?.family === "client" && host.vms.some(isGuestHypervisor))
      .map((host) => ({
        span: at(host, "os"),
        message: `${label(host)} runs ${osInfo(host.os)!.title} and hosts guest hypervisors: if Virtualization Based Security is on there, it may refuse to expose virtualization extensions (the script's preflight checks it)`,
        hint: "No change needed in the topology; read the preflight's warning when the script runs.",
      }));
  },
};
