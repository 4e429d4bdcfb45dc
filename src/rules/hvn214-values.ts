// HVN214: attribute values in range and known; attributes known, applicable and given once.
import type { Rule, Finding } from "./rule.js";
import type { AttributeNode } from "../syntax/ast.js";
import { clientEditions, knownOsForms, knownVersions, osInfo, serverEditions } from "../ir/os.js";
import {
  at,
  astElements,
  astLabel,
  formatMemory,
  label,
  machines,
  type AstElement,
} from "./walk.js";

/** Hyper-V's smallest startup memory; memory is allocated in 2 MB units. */
const MIN_VM_MEMORY_MB = 32;

const applicable: Record<AstElement["kind"], readonly string[]> = {
  host: ["cpu", "os", "edition", "platform", "path", "memory", "cpus"],
  vm: [
    "os",
    "edition",
    "memory",
    "cpus",
    "nested",
    "gen",
    "version",
    "dynamic-memory",
    "mac-spoofing",
    "switch",
    "ip",
    "gw",
    "dns",
    "vhd",
    "iso",
    "disk",
    "stop-action",
    "checkpoints",
  ],
  nat: ["switch", "netnat"],
  vswitch: ["adapter"],
};

const allKeys = new Set(Object.values(applicable).flat());

const applicableSets: Record<AstElement["kind"], ReadonlySet<string>> = {
  host: new Set(applicable.host),
  vm: new Set(applicable.vm),
  nat: new Set(applicable.nat),
  vswitch: new Set(applicable.vswitch),
};

const words: Record<string, readonly string[]> = {
  cpu: ["intel", "amd"],
  platform: ["hyperv", "azure", "aws", "vmware"],
  edition: [...serverEditions, ...clientEditions],
  "dynamic-memory": ["on", "off"],
  "mac-spoofing": ["on", "off"],
  checkpoints: ["on", "off"],
  "stop-action": ["shutdown", "save", "turnoff"],
};

/** The earlier attribute with this key, if any: a node has a handful, so a scan beats a Map. */
function earlier(attributes: readonly AttributeNode[], index: number): AttributeNode | undefined {
  const key = (attributes[index] as AttributeNode).key;
  for (let i = 0; i < index; i++) {
    if ((attributes[i] as AttributeNode).key === key) return attributes[i];
  }
  return undefined;
}

// Runs for every node of the AST; in a valid file it finds nothing, so it allocates nothing
// until it does: no label, no map per node (perf, issue 6).
function astFindings(
  node: AstElement,
  attributes: readonly AttributeNode[],
  findings: Finding[],
): void {
  for (let index = 0; index < attributes.length; index++) {
    const attribute = attributes[index] as AttributeNode;
    const { key } = attribute;
    if (!allKeys.has(key)) {
      findings.push({
        span: attribute.keySpan,
        message: `${astLabel(node)}: unknown attribute \`${key}\``,
        hint: `Attributes of a ${node.kind}: ${applicable[node.kind].join(", ")}.`,
        basis: "policy: the language, language.md attributes table",
      });
      continue;
    }
    if (!applicableSets[node.kind].has(key)) {
      findings.push({
        span: attribute.keySpan,
        message: `${astLabel(node)}: \`${key}\` does not apply to a ${node.kind}`,
        hint: `Attributes of a ${node.kind}: ${applicable[node.kind].join(", ")}.`,
        basis: "policy: the language, language.md attributes table",
      });
      continue;
    }
    // An unknown or misplaced key never gets here, so an earlier one with this key did.
    const first = earlier(attributes, index);
    if (first) {
      findings.push({
        span: attribute.span,
        message: `${astLabel(node)}: \`${key}\` is given twice (first at line ${first.span.line}, column ${first.span.column})`,
        hint: `Keep one \`${key}\`.`,
        basis: "policy: the language gives each attribute once",
      });
      continue;
    }
    if (node.kind === "vswitch" && key === "adapter" && node.switchType !== "external") {
      findings.push({
        span: attribute.keySpan,
        message: `${astLabel(node)}: \`adapter\` applies only to an external vswitch, and this one is ${node.switchType}`,
        hint: `Remove \`adapter\`, or make the vswitch \`external\`.`,
        basis: "platform limit: New-VMSwitch -NetAdapterName creates an external switch",
      });
    }
    const value = attribute.values[0];
    const allowed = words[key];
    if (allowed && value?.kind === "name" && !allowed.includes(value.value.toLowerCase())) {
      findings.push({
        span: value.span,
        message: `${astLabel(node)}: unknown ${key} \`${value.value}\``,
        hint: `Write one of: ${allowed.join(", ")}.`,
        basis: "policy: the language, language.md attributes table",
      });
    }
    if (key === "gen" && value?.kind === "integer" && value.value !== 1 && value.value !== 2) {
      findings.push({
        span: value.span,
        message: `${astLabel(node)}: generation ${value.value} does not exist`,
        hint: "Write `gen 2` (the default) or `gen 1`.",
        basis: "platform limit: New-VM -Generation takes 1 or 2",
      });
    }
  }
}

export const hvn214: Rule = {
  code: "HVN214",
  severity: "error",
  title: "value out of range or unknown",
  docs: {
    enforces:
      "VM memory is a multiple of 2 MB and at least 32 MB; vCPUs are at least 1 and at most the parent's; os, edition, version and named values are known; the edition belongs to the OS (server or client); each attribute is known, applies to its element and is given once.",
    why: "Hyper-V allocates memory in 2 MB units from 32 MB up, and cannot give a VM more virtual processors than its host has logical ones; the other checks catch typos that would otherwise silently fall back to a default.",
    kind: "platform limit",
    source:
      "Set-VMMemory / Set-VMProcessor (learn.microsoft.com/powershell/module/hyper-v/set-vmmemory); language.md, attributes",
    example: "host H < vm V memory 3001MB cpus 0 >",
    fix: "Write the value the message suggests: memory in whole 2 MB steps (3000MB, 4GB), cpus from 1 up to the parent's, and a known os, edition or version.",
  },
  check({ topology, file }) {
    const findings: Finding[] = [];
    if (file) {
      for (const node of astElements(file)) astFindings(node, node.attributes, findings);
    }
    for (const { machine, parent } of machines(topology)) {
      const os = osInfo(machine.os);
      if (!os) {
        findings.push({
          span: at(machine, "os"),
          message: `${label(machine)}: unknown os \`${machine.os}\``,
          hint: `Write one of: ${knownOsForms}.`,
        });
      } else {
        const fits = (
          os.family === "server" ? serverEditions : clientEditions
        ) as readonly string[];
        if (!fits.includes(machine.edition)) {
          findings.push({
            span: at(machine, "edition"),
            message: `${label(machine)}: edition ${machine.edition} does not exist for ${os.title}`,
            hint: `Write one of: ${fits.join(", ")}.`,
          });
        }
      }
      if (machine.cpus !== null && machine.cpus < 1) {
        findings.push({
          span: at(machine, "cpus"),
          message: `${label(machine)}: cpus ${machine.cpus}; a machine needs at least one virtual processor`,
          hint: "Write `cpus 1` or more.",
        });
      }
      if (machine.memoryMB !== null && machine.memoryMB <= 0) {
        findings.push({
          span: at(machine, "memory"),
          message: `${label(machine)}: memory ${machine.memoryMB} MB is not a size`,
          hint: "Write a size such as `memory 4GB`.",
        });
      }
      if (machine.kind !== "vm" || parent === null) continue;
      if (
        machine.memoryMB > 0 &&
        (machine.memoryMB % 2 !== 0 || machine.memoryMB < MIN_VM_MEMORY_MB)
      ) {
        findings.push({
          span: at(machine, "memory"),
          message: `${label(machine)}: memory ${formatMemory(machine.memoryMB)} ${machine.memoryMB < MIN_VM_MEMORY_MB ? `is below Hyper-V's minimum of ${MIN_VM_MEMORY_MB}MB` : "is not a multiple of 2 MB"}`,
          hint: `Write \`memory ${Math.max(MIN_VM_MEMORY_MB, machine.memoryMB - (machine.memoryMB % 2))}MB\` or a size in GB.`,
        });
      }
      if (parent.cpus !== null && machine.cpus > parent.cpus) {
        findings.push({
          span: at(machine, "cpus"),
          message: `${label(machine)}: cpus ${machine.cpus} is more than the ${parent.cpus} of its parent ${label(parent)}; a VM cannot have more virtual processors than its host has`,
          hint: `Write \`cpus ${parent.cpus}\` or fewer.`,
        });
      }
      if (!knownVersions.includes(machine.version)) {
        findings.push({
          span: at(machine, "version"),
          message: `${label(machine)}: unknown configuration version ${machine.version}`,
          hint: `Write one of: ${knownVersions.join(", ")}.`,
        });
      }
      if (machine.disks.newDiskMB !== null && machine.disks.newDiskMB <= 0) {
        findings.push({
          span: at(machine, "disk"),
          message: `${label(machine)}: disk ${machine.disks.newDiskMB} MB is not a size`,
          hint: "Write a size such as `disk 60GB`.",
        });
      }
    }
    return findings;
  },
};
