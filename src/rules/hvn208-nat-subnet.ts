// HVN208: a NAT has a valid CIDR and a gateway inside it that is neither its network nor its broadcast address.
import type { Rule, Finding } from "./rule.js";
import { broadcastOf, contains, formatIpv4, networkOf, parseIpv4, subnetOf } from "../ir/ipv4.js";
import { at, label, machines } from "./walk.js";

/** A /31 or /32 leaves no address for both a gateway and a VM. */
const MAX_PREFIX = 30;

export const hvn208: Rule = {
  code: "HVN208",
  severity: "error",
  title: "invalid NAT subnet or gateway",
  docs: {
    enforces:
      "`nat CIDR gw ADDR`: the CIDR is a network address with a prefix of /30 or shorter (no host bits set), and the gateway lies inside it and is neither its network nor its broadcast address.",
    why: "`New-NetNat -InternalIPInterfaceAddressPrefix` takes a network prefix, and the gateway is assigned with `New-NetIPAddress` to the internal vEthernet adapter: an address outside the prefix, or its network or broadcast address, cannot route the nested VMs.",
    kind: "platform limit",
    source:
      "facts.md #10 and #11 (learn.microsoft.com/virtualization/hyper-v-on-windows/user-guide/setup-nat-network)",
    example: "host H < vm V nested < nat 10.0.0.0/24 gw .255 > >",
    fix: "Write the network address with its prefix (`10.0.0.0/24`) and a gateway host inside it, e.g. `gw .254`.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    for (const { machine } of machines(topology)) {
      const nat = machine.nat;
      if (!nat) continue;
      const where = `the nat ${nat.cidr} of ${label(machine)}`;
      const subnet = subnetOf(nat.subnet, nat.prefixLength);
      if (!subnet) {
        findings.push({
          span: at(nat, "subnet"),
          message: `${where} is not a valid CIDR: write a network address and prefix such as 192.168.100.0/24`,
          hint: "Write the subnet as a.b.c.d/N.",
        });
        continue;
      }
      if (subnet.prefixLength > MAX_PREFIX) {
        findings.push({
          span: at(nat, "subnet"),
          message: `${where} has prefix /${subnet.prefixLength}, which leaves no room for a gateway and a VM`,
          hint: "Use a prefix of /30 or shorter, usually /24.",
        });
        continue;
      }
      const network = networkOf(subnet.network, subnet.prefixLength);
      if (network !== subnet.network) {
        findings.push({
          span: at(nat, "subnet"),
          message: `${where} has host bits set: the network of ${nat.subnet}/${subnet.prefixLength} is ${formatIpv4(network)}`,
          hint: `Write \`nat ${formatIpv4(network)}/${subnet.prefixLength}\`.`,
        });
        continue;
      }
      const gateway = parseIpv4(nat.gateway);
      const broadcast = broadcastOf(network, subnet.prefixLength);
      const problem =
        gateway === null
          ? `gateway ${nat.gateway} is not an IPv4 address`
          : !contains(subnet, gateway)
            ? `gateway ${nat.gateway} is outside ${nat.cidr}`
            : gateway === network
              ? `gateway ${nat.gateway} is the network address of ${nat.cidr}`
              : gateway === broadcast
                ? `gateway ${nat.gateway} is the broadcast address of ${nat.cidr}`
                : null;
      if (problem) {
        findings.push({
          span: at(nat, "gw"),
          message: `${where}: ${problem}`,
          hint: `Use a host address from ${formatIpv4(network + 1)} to ${formatIpv4(broadcast - 1)}, e.g. \`gw ${formatIpv4(broadcast - 1)}\`.`,
        });
      }
    }
    return findings;
  },
};
