// Every topology rule, in code order. The catalogue and `hvnest explain` read them from here.
import type { CodeEntry } from "../diagnostics/code-entry.js";
import type { Rule } from "./rule.js";
import { hvn201 } from "./hvn201-amd-host.js";
import { hvn202 } from "./hvn202-hosting-os.js";
import { hvn203 } from "./hvn203-generation.js";
import { hvn204 } from "./hvn204-config-version.js";
import { hvn205 } from "./hvn205-nested-flag.js";
import { hvn206 } from "./hvn206-dynamic-memory.js";
import { hvn207 } from "./hvn207-network-path.js";
import { hvn208 } from "./hvn208-nat-subnet.js";
import { hvn209 } from "./hvn209-static-address.js";
import { hvn210 } from "./hvn210-one-nat.js";
import { hvn211 } from "./hvn211-names.js";
import { hvn212 } from "./hvn212-nat-overlap.js";
import { hvn213 } from "./hvn213-switch-reference.js";
import { hvn214 } from "./hvn214-values.js";
import { hvn215 } from "./hvn215-memory-budget.js";
import { hvn216 } from "./hvn216-small-guest-hypervisor.js";
import { hvn217 } from "./hvn217-vcpu-limit.js";
import { hvn218 } from "./hvn218-depth.js";
import { hvn219 } from "./hvn219-stop-action.js";
import { hvn220 } from "./hvn220-vbs.js";
import { hvn221 } from "./hvn221-checkpoints.js";
import { hvn222 } from "./hvn222-nat-static-address.js";

export const rules: readonly Rule[] = [
  hvn201,
  hvn202,
  hvn203,
  hvn204,
  hvn205,
  hvn206,
  hvn207,
  hvn208,
  hvn209,
  hvn210,
  hvn211,
  hvn212,
  hvn213,
  hvn214,
  hvn215,
  hvn216,
  hvn217,
  hvn218,
  hvn219,
  hvn220,
  hvn221,
  hvn222,
];

/** The catalogue entries of the rules, built from each rule's own documentation. */
export const ruleCodes: readonly CodeEntry[] = rules.map((rule) => ({
  code: rule.code,
  severity: rule.severity,
  title: rule.title,
  stage: "rule",
  meaning: `${rule.docs.enforces} ${rule.docs.why} (${rule.docs.kind}; source: ${rule.docs.source})`,
  example: rule.docs.example,
  fix: rule.docs.fix,
}));
