// HVN207: nested VMs bridged to a guest hypervisor's vswitch need MAC spoofing on its adapter;
// on a platform you do not control (azure, aws, vmware) bridging cannot work, only NAT.
import type { Rule, Finding } from "./rule.js";
import type { Host, Vm } from "../ir/model.js";
import type { Machine } from "./walk.js";
import { at, label } from "./walk.js";

function bridgedTo(machine: Machine, vm: Vm): string | null {
  const target = machine.switches.find((item) => item.name === vm.adapterSwitch.value);
  return target ? target.name : null;
}

function externalOf(machine: Machine, vm: Vm): string | null {
  const target = machine.switches.find(
    (item) => item.name === vm.adapterSwitch.value && item.type === "external",
  );
  return target ? target.name : null;
}

/**
 * VMs whose frames would leave through a cloud platform's adapter, which drops unknown MACs:
 * those on an external vswitch of the host, and those bridged inside such a VM.
 */
function platformBridged(host: Host): Array<{ vm: Vm; via: string }> {
  const found: Array<{ vm: Vm; via: string }> = [];
  function visit(machine: Machine, machineBridged: boolean): void {
    for (const vm of machine.vms) {
      const via =
        machine.kind === "host"
          ? externalOf(machine, vm)
          : machineBridged
            ? bridgedTo(machine, vm)
            : null;
      if (via !== null) found.push({ vm, via });
      visit(vm, via !== null);
    }
  }
  visit(host, false);
  return found;
}

export const hvn207: Rule = {
  code: "HVN207",
  severity: "error",
  title: "nested VMs have no network path",
  docs: {
    enforces:
      "A guest hypervisor whose VMs are bridged to one of its vswitches has MAC address spoofing on; on a host of `platform azure`, `aws` or `vmware`, no VM is bridged to an external switch: nested VMs use a NAT.",
    why: "Frames of nested VMs carry MAC addresses the outer switch does not know; they pass only when MAC spoofing is on for the guest hypervisor's adapter in its parent. A cloud platform does not let you set that on its own switch, so there only a NAT inside the guest hypervisor works.",
    kind: "platform limit",
    source:
      "facts.md #9 (learn.microsoft.com/virtualization/hyper-v-on-windows/user-guide/enable-nested-virtualization, networking options)",
    example: "host H < vm G nested mac-spoofing off < vswitch E internal  vm X switch E > >",
    fix: "Remove `mac-spoofing off` (hvnest turns it on where needed), or give the guest hypervisor a `nat` and attach its VMs to it; on azure, aws or vmware use a `nat`.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    for (const host of topology.hosts) {
      if (host.platform !== "hyperv") {
        for (const { vm, via } of platformBridged(host)) {
          findings.push({
            span: at(vm, "switch"),
            message: `${label(vm)} is bridged to vswitch "${via}", but host "${host.name}" runs on ${host.platform}, whose network drops frames of MAC addresses it did not assign: MAC spoofing cannot be set there`,
            hint: `Give the machine hosting ${label(vm)} a \`nat\` and attach ${label(vm)} to it.`,
          });
        }
      }
      const stack: Machine[] = [host];
      while (stack.length > 0) {
        const machine = stack.pop()!;
        stack.push(...machine.vms);
        if (machine.kind !== "vm" || machine.macSpoofing.value) continue;
        const bridged = machine.vms.find((vm) => bridgedTo(machine, vm) !== null);
        if (!bridged) continue;
        findings.push({
          span: at(machine, "mac-spoofing"),
          message: `${label(machine)} has MAC spoofing off, but ${label(bridged)} is bridged to its vswitch "${bridged.adapterSwitch.value}": frames of nested VMs cannot pass ${label(machine)}'s adapter`,
          hint: `Remove \`mac-spoofing off\` from ${label(machine)}, or attach its VMs to a \`nat\` inside it.`,
        });
      }
    }
    return findings;
  },
};
