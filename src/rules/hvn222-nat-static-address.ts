// HVN222: a VM on a NAT has a static address, because a NAT hands out none.
import type { Finding, Rule } from "./rule.js";
import { at, label, vms } from "./walk.js";

export const hvn222: Rule = {
  code: "HVN222",
  severity: "warning",
  title: "VM on a NAT without a static address",
  docs: {
    enforces: "A VM attached to a NAT's switch has an `ip`.",
    why: "WinNAT provides no DHCP: a VM on the NAT's internal switch without a static address, gateway and DNS gets no working network.",
    kind: "platform limit",
    source: "facts.md #10 and #11 (WinNAT: no automatic network configuration)",
    example: "host H < vm G nested < nat 10.0.0.0/24 gw .254  vm A > >",
    fix: "Give the VM `ip .N` (a free host number of the NAT) and, for name resolution, `dns`.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    for (const { vm, parent } of vms(topology)) {
      if (
        parent.nat !== null &&
        vm.adapterSwitch.value === parent.nat.switch &&
        vm.network.ip === null &&
        !vm.attributeSpans?.ip
      )
        findings.push({
          span: at(vm, "name"),
          message: `${label(vm)} is attached to the nat ${parent.nat!.cidr} of ${label(parent)} without a static address; a NAT gives no DHCP`,
          hint: `Add \`ip .N\` (a free host number of ${parent.nat!.cidr}) to ${label(vm)}.`,
        });
    }
    return findings;
  },
};
