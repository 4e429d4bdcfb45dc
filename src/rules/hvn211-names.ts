// HVN211: names are unique where Hyper-V needs them unique, not empty, and free of characters Hyper-V rejects.
import type { Rule, Finding } from "./rule.js";
import type { Span } from "../diagnostics/span.js";
import { at, label, machines } from "./walk.js";

/** Hyper-V keeps VM files in folders named after the VM; these characters are not allowed in them. */
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f]/;
const MAX_LENGTH = 100;

function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === "") return "is empty";
  if (name !== trimmed) return "starts or ends with a space";
  if (name.length > MAX_LENGTH) return `is ${name.length} characters long (at most ${MAX_LENGTH})`;
  const bad = FORBIDDEN.exec(name);
  if (bad)
    return `contains ${JSON.stringify(bad[0])}, which Windows does not allow in the file and folder names Hyper-V makes from it`;
  return null;
}

export const hvn211: Rule = {
  code: "HVN211",
  severity: "error",
  title: "invalid or duplicate name",
  docs: {
    enforces:
      "Host names are unique in a file; VM names are unique among a machine's VMs, and switch names (vswitches and NAT switches) among its switches, ignoring case; no name is empty, starts or ends with a space, is longer than 100 characters or contains \\ / : * ? \" < > | or control characters.",
    why: "Hyper-V looks VMs and switches up by name, case-insensitively, so a duplicate makes every idempotent step ambiguous; VM names become folder and file names, which Windows restricts. Unique host names and the length limit are this project's policy: scripts are named after machines.",
    kind: "platform limit",
    source:
      "New-VM / New-VMSwitch -Name (learn.microsoft.com/powershell/module/hyper-v/new-vm); file naming rules (learn.microsoft.com/windows/win32/fileio/naming-a-file)",
    example: "host H < vm A  vm a >",
    fix: "Rename one of the two elements, or remove the characters the message names.",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    const named = (span: Span | undefined, what: string, name: string): void => {
      const problem = nameProblem(name);
      if (problem) {
        findings.push({
          span,
          message: `${what} name ${JSON.stringify(name)} ${problem}`,
          hint: "Use letters, digits, spaces inside, `-`, `_` and `.`.",
        });
      }
    };
    const unique = <T>(
      items: T[],
      nameOf: (item: T) => string,
      report: (item: T, first: T) => void,
    ): void => {
      const seen = new Map<string, T>();
      for (const item of items) {
        const key = nameOf(item).toLowerCase();
        const first = seen.get(key);
        if (first === undefined) seen.set(key, item);
        else report(item, first);
      }
    };
    unique(
      topology.hosts,
      (host) => host.name,
      (host) =>
        findings.push({
          span: at(host, "name"),
          message: `host "${host.name}" is declared twice in this file`,
          hint: "Give each host its own name: scripts and bundle files are named after it.",
          basis: "policy: scripts are named after machines",
        }),
    );
    for (const { machine } of machines(topology)) {
      named(at(machine, "name"), machine.kind, machine.name);
      for (const item of machine.switches)
        named(at(item, "name"), `vswitch in ${label(machine)}:`, item.name);
      if (machine.nat) {
        named(at(machine.nat, "switch"), `nat switch in ${label(machine)}:`, machine.nat.switch);
        named(at(machine.nat, "netnat"), `netnat in ${label(machine)}:`, machine.nat.netnat);
      }
      // One item cannot clash: most machines hold no VMs and at most one switch (perf, issue 6).
      if (machine.vms.length > 1)
        unique(
          machine.vms,
          (vm) => vm.name,
          (vm) =>
            findings.push({
              span: at(vm, "name"),
              message: `${label(machine)} already has a VM named "${vm.name}" (Hyper-V compares names ignoring case)`,
              hint: `Rename one of the two VMs in ${label(machine)}.`,
            }),
        );
      if (machine.switches.length + (machine.nat ? 1 : 0) < 2) continue;
      const switches = [
        ...machine.switches.map((item) => ({
          name: item.name,
          span: at(item, "name"),
          kind: "vswitch",
        })),
        ...(machine.nat
          ? [{ name: machine.nat.switch, span: at(machine.nat, "switch"), kind: "nat switch" }]
          : []),
      ];
      unique(
        switches,
        (item) => item.name,
        (item) =>
          findings.push({
            span: item.span,
            message: `${label(machine)} already has a switch named "${item.name}"; this ${item.kind} would reuse it`,
            hint:
              item.kind === "nat switch"
                ? "Name the NAT's switch with `switch NAME` on the nat."
                : "Rename the vswitch.",
          }),
      );
    }
    return findings;
  },
};
