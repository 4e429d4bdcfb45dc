// HVN209: a static address lies inside the subnet of the switch it attaches to, is unique on
// it, and is not its gateway, network or broadcast address.
import type { Rule, Finding } from "./rule.js";
import type { Nat, Vm } from "../ir/model.js";
import { broadcastOf, contains, parseIpv4, subnetOf } from "../ir/ipv4.js";
import { at, hypervisors, label } from "./walk.js";

/**
 * parseIpv4 remembering its last answer: the VMs of a NAT share its gateway's text, which is
 * then parsed once for the run of them rather than twice per VM (perf, issue 6).
 */
class GatewayParser {
  #text: string | null = null;
  #value: number | null = null;

  parse(text: string): number | null {
    if (text !== this.#text) {
      this.#text = text;
      this.#value = parseIpv4(text);
    }
    return this.#value;
  }
}

/** A `gw` or `dns` written as `.N` where no NAT gives a subnet stays as written: not an address. */
function unresolvedServers(vm: Vm, findings: Finding[], gateways: GatewayParser): void {
  const { gateway, dns } = vm.network;
  if (gateway !== null && gateways.parse(gateway) === null) {
    unresolvedServer(vm, "gw", gateway, findings);
  }
  for (const value of dns) unresolvedServer(vm, "dns", value, findings);
}

/** Whether one of `switches` is named `name`; a loop, not a closure per VM (perf, issue 6). */
function hasSwitch(switches: readonly { name: string }[], name: string): boolean {
  for (let i = 0; i < switches.length; i++) {
    if ((switches[i] as { name: string }).name === name) return true;
  }
  return false;
}

function unresolvedServer(vm: Vm, key: string, value: string, findings: Finding[]): void {
  if (parseIpv4(value) !== null) return;
  findings.push({
    span: at(vm, key),
    message: `${label(vm)}: ${key} ${value} is not an address${value.startsWith(".") ? ": a host part such as .1 needs the subnet of a nat, and the VM is not attached to one" : ""}`,
    hint: `Write the full address, e.g. \`${key} 192.168.1.1\`.`,
  });
}

// Helpers rather than closures made for every VM, and messages made only when reported
// (perf, issue 6).
function report(findings: Finding[], vm: Vm, problem: string, hint: string, key = "ip"): void {
  findings.push({ span: at(vm, key), message: `${label(vm)}: ${problem}`, hint });
}

function where(nat: Nat | null, onNat: boolean, prefixLength: number): string {
  return onNat ? `the nat ${nat!.cidr}` : `its subnet /${prefixLength}`;
}

export const hvn209: Rule = {
  code: "HVN209",
  severity: "error",
  title: "invalid static address",
  docs: {
    enforces:
      "A VM's `ip` lies inside the subnet of the switch it attaches to, with the same prefix, is used by no other VM on that switch, and is not the gateway, network or broadcast address; `.N` needs a NAT (a vswitch has no subnet); a `gw` lies inside the subnet.",
    why: "A NAT gives no DHCP: each nested VM configures its own address, and an address outside the NAT's prefix, a duplicate, or the gateway's own address leaves the VM (or its neighbour) without a network.",
    kind: "platform limit",
    source: "facts.md #10 and #11 (WinNAT: no automatic network configuration; setup-nat-network)",
    example: "host H < vm G nested < nat 10.0.0.0/24 gw .254  vm A ip .10  vm B ip .10 > >",
    fix: "Give each VM its own host number inside the subnet, other than the gateway's, e.g. `ip .10`, `ip .11`.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    const gateways = new GatewayParser();
    // A machine with VMs is a hypervisor: the short list, in the same order as machines().
    for (const { machine } of hypervisors(topology)) {
      if (machine.vms.length === 0) continue;
      const nat = machine.nat;
      const natSubnet = nat ? subnetOf(nat.subnet, nat.prefixLength) : null;
      // Addresses in use, by switch (lower case, as Hyper-V compares names) and address.
      const taken = new Map<string, Map<string, Vm>>();
      // Siblings mostly share a switch: its lower-case name is made once for a run of them.
      let lastSwitch: string | null = null;
      let lastKey = "";
      for (const vm of machine.vms) {
        unresolvedServers(vm, findings, gateways);
        const attachedSwitch = vm.adapterSwitch.value;
        if (attachedSwitch === null) continue;
        const onNat = nat !== null && attachedSwitch === nat.switch;
        const onVswitch = hasSwitch(machine.switches, attachedSwitch);
        if (!onNat && !onVswitch) continue;
        if (vm.network.ip === null) {
          if (vm.attributeSpans?.ip && onVswitch) {
            report(
              findings,
              vm,
              `a host part such as .10 needs a subnet, but vswitch "${attachedSwitch}" has none (only a nat has one)`,
              "Write the full address with its prefix, e.g. `ip 192.168.1.10/24`.",
            );
          }
          continue;
        }
        const address = parseIpv4(vm.network.ip);
        if (address === null) {
          report(
            findings,
            vm,
            `ip ${vm.network.ip} is not an IPv4 address`,
            "Write a dotted address such as 192.168.100.10.",
          );
          continue;
        }
        const prefix = vm.network.prefixLength;
        const subnet = onNat ? natSubnet : prefix !== null ? subnetOf(vm.network.ip, prefix) : null;
        if (onVswitch && prefix === null) {
          report(
            findings,
            vm,
            `ip ${vm.network.ip} on vswitch "${attachedSwitch}" has no prefix, and a vswitch has no subnet to take it from`,
            `Write the prefix, e.g. \`ip ${vm.network.ip}/24\`.`,
          );
        }
        if (subnet) {
          const network = subnet.network - (subnet.network % 2 ** (32 - subnet.prefixLength));
          const broadcast = broadcastOf(network, subnet.prefixLength);
          if (onNat && !contains(subnet, address)) {
            report(
              findings,
              vm,
              `ip ${vm.network.ip} is outside ${where(nat, onNat, subnet.prefixLength)}`,
              `Use an address inside ${nat!.cidr}, e.g. \`ip .10\`.`,
            );
          } else if (address === network || address === broadcast) {
            report(
              findings,
              vm,
              `ip ${vm.network.ip} is the ${address === network ? "network" : "broadcast"} address of ${where(nat, onNat, subnet.prefixLength)}`,
              "Use a host address inside the subnet, e.g. `ip .10`.",
            );
          } else if (onNat && vm.network.ip === nat!.gateway) {
            report(
              findings,
              vm,
              `ip ${vm.network.ip} is the gateway of ${where(nat, onNat, subnet.prefixLength)}, which the vEthernet adapter of ${label(machine)} holds`,
              "Use another host number, e.g. `ip .10`.",
            );
          }
          if (onNat && prefix !== null && prefix !== subnet.prefixLength) {
            report(
              findings,
              vm,
              `ip ${vm.network.ip}/${prefix} has a different prefix than ${where(nat, onNat, subnet.prefixLength)}`,
              `Write \`/${subnet.prefixLength}\` or leave the prefix out.`,
            );
          }
          const gateway = vm.network.gateway === null ? null : gateways.parse(vm.network.gateway);
          if (gateway !== null && (gateway < network || gateway > broadcast)) {
            report(
              findings,
              vm,
              `gw ${vm.network.gateway} is outside the subnet of ip ${vm.network.ip}/${subnet.prefixLength}`,
              onNat
                ? "Leave `gw` out: it defaults to the NAT's gateway."
                : "Use a gateway inside the subnet.",
              "gw",
            );
          }
        }
        // A map per switch rather than a "switch address" key string per VM (perf, issue 6).
        if (attachedSwitch !== lastSwitch) {
          lastSwitch = attachedSwitch;
          lastKey = attachedSwitch.toLowerCase();
        }
        const switchKey = lastKey;
        let onSwitch = taken.get(switchKey);
        if (onSwitch === undefined) taken.set(switchKey, (onSwitch = new Map<string, Vm>()));
        const first = onSwitch.get(vm.network.ip);
        if (first) {
          report(
            findings,
            vm,
            `ip ${vm.network.ip} is already used by ${label(first)} on switch "${attachedSwitch}"`,
            "Give each VM on a switch its own address.",
          );
        } else {
          onSwitch.set(vm.network.ip, vm);
        }
      }
    }
    return findings;
  },
};
