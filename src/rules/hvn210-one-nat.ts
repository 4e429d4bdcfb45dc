// HVN210: at most one NAT per hypervisor (WinNAT supports one internal prefix per host).
import type { Rule, Finding } from "./rule.js";
import { astElements, astLabel } from "./walk.js";

export const hvn210: Rule = {
  code: "HVN210",
  severity: "error",
  title: "more than one NAT in a hypervisor",
  docs: {
    enforces: "A host or guest hypervisor holds at most one `nat`.",
    why: "WinNAT supports one NAT network (one internal prefix) per host; creating a second leaves the system in an unknown state.",
    kind: "platform limit",
    source:
      "facts.md #10 (learn.microsoft.com/virtualization/hyper-v-on-windows/user-guide/setup-nat-network)",
    example: "host H < vm G nested < nat 10.0.0.0/24 gw .254  nat 10.0.1.0/24 gw .254 > >",
    fix: "Keep one `nat` per machine and attach all its VMs to it; put another NAT one layer deeper if you need two networks.",
  },
  check({ file }) {
    if (!file) return [];
    const findings: Finding[] = [];
    for (const node of astElements(file)) {
      if (node.kind !== "host" && node.kind !== "vm") continue;
      // Most nodes hold no NAT: count before collecting (perf, issue 6).
      let count = 0;
      for (const member of node.members) if (member.kind === "nat") count++;
      if (count < 2) continue;
      const nats = node.members.filter((member) => member.kind === "nat");
      for (const extra of nats.slice(1)) {
        findings.push({
          span: extra.span,
          message: `${astLabel(node)} already has nat ${nats[0]!.subnet.text}: nat ${extra.subnet.text} would be a second NAT network, which WinNAT does not support`,
          hint: `Remove nat ${extra.subnet.text}, or move it into a guest hypervisor inside ${astLabel(node)}.`,
        });
      }
    }
    return findings;
  },
};
