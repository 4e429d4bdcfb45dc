// HVN219: a guest hypervisor's automatic stop action is not Save.
import type { Finding, Rule } from "./rule.js";
import { at, guestHypervisors, label } from "./walk.js";

export const hvn219: Rule = {
  code: "HVN219",
  severity: "error",
  title: "guest hypervisor saved on host shutdown",
  docs: {
    enforces:
      "A guest hypervisor does not have `stop-action save`; hvnest sets ShutDown on guest hypervisors unless told otherwise.",
    why: "Save/restore does not work for a VM that runs Hyper-V, and a VM left Saved needs Remove-VMSavedState before its processor settings can change. Hyper-V's default stop action is Save, so hvnest sets ShutDown on guest hypervisors.",
    kind: "platform limit",
    source: "facts.md #6 and #12 (nested virtualization known issues: save/restore)",
    example: "host H < vm V stop-action save nested >",
    fix: "Write `stop-action shutdown` (or remove `stop-action save`; ShutDown is the default for guest hypervisors).",
  },
  check({ topology }) {
    const findings: Finding[] = [];
    for (const { vm } of guestHypervisors(topology)) {
      if (vm.automaticStopAction.value === "Save")
        findings.push({
          span: at(vm, "stop-action"),
          message: `${label(vm)} is a guest hypervisor with automatic stop action Save: a VM that runs Hyper-V cannot be saved and restored`,
          hint: `Write \`stop-action shutdown\` on ${label(vm)}.`,
        });
    }
    return findings;
  },
};
