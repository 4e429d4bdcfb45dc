// HVN212: NAT subnets on one path (a hypervisor and those nested in it) do not overlap.
import type { Rule, Finding } from "./rule.js";
import type { Nat } from "../ir/model.js";
import type { Machine } from "./walk.js";
import { overlaps, subnetOf } from "../ir/ipv4.js";
import { at, hypervisors, label } from "./walk.js";

export const hvn212: Rule = {
  code: "HVN212",
  severity: "error",
  title: "overlapping NAT subnets",
  docs: {
    enforces:
      "A NAT's subnet does not overlap the subnet of any NAT in a machine that contains it.",
    why: "An inner NAT's external side is the outer NAT's network; WinNAT requires the external and internal prefixes not to overlap, else packets cannot be routed back and New-NetNat fails with \"The parameter is incorrect\".",
    kind: "platform limit",
    source: "facts.md #10 and #11 (WinNAT capabilities and limitations, team blog 2016-05-25)",
    example:
      "host H < vm A nested < nat 10.0.0.0/16 gw .1  vm B nested ip .10 < nat 10.0.5.0/24 gw .254 > > >",
    fix: "Give each layer's NAT its own subnet, e.g. 192.168.100.0/24 outside and 192.168.200.0/24 inside.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    // Only a hypervisor holds a NAT: the short list, in the same order as machines().
    for (const { machine, ancestors } of hypervisors(topology)) {
      const inner = machine.nat;
      const innerSubnet = inner ? subnetOf(inner.subnet, inner.prefixLength) : null;
      if (!inner || !innerSubnet) continue;
      const outer = ancestors
        .map((ancestor): [Machine, Nat | null] => [ancestor, ancestor.nat])
        .find(([, nat]) => {
          const subnet = nat ? subnetOf(nat.subnet, nat.prefixLength) : null;
          return subnet !== null && overlaps(subnet, innerSubnet);
        });
      if (outer) {
        findings.push({
          span: at(inner, "subnet"),
          message: `the nat ${inner.cidr} of ${label(machine)} overlaps the nat ${outer[1]!.cidr} of ${label(outer[0])}, which contains it`,
          hint: "Pick a subnet for the inner NAT that does not overlap the outer one.",
        });
      }
    }
    return findings;
  },
};
