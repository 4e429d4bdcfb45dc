// HVN213: a VM's `switch` names a vswitch or NAT switch of its parent, and a VM with `ip` attaches to one.
import type { Rule, Finding } from "./rule.js";
import { at, label, switchNames, vms, type Machine } from "./walk.js";

export const hvn213: Rule = {
  code: "HVN213",
  severity: "error",
  title: "unknown switch or unattached address",
  docs: {
    enforces:
      "A VM's `switch NAME` names a vswitch or the NAT switch of the machine hosting it, and a VM with an `ip` is attached to a switch (named, or the parent's only one).",
    why: "Connect-VMNetworkAdapter can connect a VM only to a switch of the host it runs on; a static address on an unconnected adapter reaches nothing.",
    kind: "platform limit",
    source:
      "Connect-VMNetworkAdapter -SwitchName (learn.microsoft.com/powershell/module/hyper-v/connect-vmnetworkadapter)",
    example: "host H < vswitch E external  vm A switch Nope >",
    fix: "Name a switch that the parent declares (`vswitch NAME ...` or the nat's switch, VM-NAT by default), or declare it.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    // Siblings come one after another: their parent's switch names are listed once for
    // them, not once per VM (perf, issue 6).
    let namesOf: Machine | null = null;
    let names: string[] = [];
    for (const { vm, parent } of vms(topology)) {
      if (parent !== namesOf) {
        namesOf = parent;
        names = switchNames(parent);
      }
      const attached = vm.adapterSwitch.value;
      if (attached !== null && !names.includes(attached)) {
        const known = names.join(", ") || "none";
        findings.push({
          span: at(vm, "switch"),
          message: `${label(vm)} attaches to switch "${attached}", which ${label(parent)} does not have (it has: ${known})`,
          hint:
            names.length > 0
              ? `Write one of: ${names.map((name) => `switch ${name}`).join(", ")}.`
              : `Declare the switch in ${label(parent)}.`,
        });
      }
      if (attached === null && (vm.network.ip !== null || vm.attributeSpans?.ip)) {
        findings.push({
          span: at(vm, "ip"),
          message: `${label(vm)} has a static address but its adapter is attached to no switch: ${vm.adapterSwitch.reason}`,
          hint:
            names.length > 0
              ? `Add one of: ${names.map((name) => `switch ${name}`).join(", ")}.`
              : `Give ${label(parent)} a \`nat\` or a \`vswitch\`.`,
        });
      }
    }
    return findings;
  },
};
