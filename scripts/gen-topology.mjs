#!/usr/bin/env node
// Generates a synthetic, valid topology of exactly N VMs for benchmarks and scale
// tests. Deterministic: the same N always gives the same bytes.
//
//   node scripts/gen-topology.mjs 10000 > /tmp/fleet-10k.hvnest
//   node scripts/gen-topology.mjs 10000 --out /tmp/fleet-10k.hvnest
//
// Each host repeats one shape (about 350 VMs), cut short when N is reached:
//
//   host HVn (ws2025)                      external vswitch, bridged siblings
//     vm HVn-Gg nested (ws2022, 10.0)      MAC-spoofed on the host's external switch,
//       nat 10.x.y.0/24                      a NAT and an external vswitch inside
//       vm HVn-Gg-Vi   ip .i                 static addresses on the NAT
//       vm HVn-Gg-Bi                         bridged on its external vswitch
//       vm HVn-Gg-N nested (ws2019, 9.0)     a nested chain: layer 3 hypervisor
//         nat 10.x.z.0/24                      with its own NAT
//         vm HVn-Gg-N-Li ip .i                 layer 4 VMs with static addresses
//
// What keeps it valid (domain.md): every guest hypervisor is gen 2, `nested`, static
// memory of at least 4GB, with a NAT inside or MAC spoofing on a switch it bridges;
// versions never exceed what the parent OS creates (ws2025 12.0 > ws2022 10.0 >
// ws2019 9.0 > 8.0); one NAT per hypervisor; each NAT gets its own /24 from a global
// counter, so no two overlap anywhere; at most 41 static addresses per NAT; names are
// unique across the file; vCPUs never exceed the parent's; every hypervisor has its
// children's memory plus a generous reserve; depth stays at four layers.

import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** Shape of one host; exported so that tests and the benchmark can describe it. */
export const SHAPE = Object.freeze({
  hostSiblings: 4,
  guestHypervisorsPerHost: 4,
  natVmsPerGuest: 40,
  bridgedVmsPerGuest: 4,
  chainVmsPerGuest: 40,
});

const LEAF_MB = 1024;
const GUEST_MIN_MB = 4096;

/**
 * Builds the tree of exactly `count` VMs, then prints it. Memory is computed bottom
 * up once the children are known, so a cut-short last host is as valid as a full one.
 */
export function generateTopology(count) {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`VM count must be a positive integer, got ${count}`);
  }
  const state = { remaining: count, nats: 0 };
  const hosts = [];
  while (state.remaining > 0) hosts.push(makeHost(hosts.length + 1, state));
  const lines = [`# Synthetic fleet of ${count} VMs from scripts/gen-topology.mjs; do not edit.`];
  for (const host of hosts) printHost(host, lines);
  return lines.join("\n") + "\n";
}

function take(state) {
  if (state.remaining === 0) return false;
  state.remaining -= 1;
  return true;
}

function nextSubnet(state) {
  const k = state.nats++;
  if (k >= 65536) throw new RangeError("too many NATs for 10.0.0.0/8");
  return `10.${k >> 8}.${k & 255}.0/24`;
}

function leaf(name, extra) {
  return { name, attrs: `memory 1GB ${extra}`, memoryMB: LEAF_MB, children: null };
}

function makeHost(n, state) {
  const name = `HV${String(n).padStart(3, "0")}`;
  const vms = [];
  for (let i = 1; i <= SHAPE.hostSiblings && take(state); i++) {
    vms.push(leaf(`${name}-S${i}`, "switch External"));
  }
  for (let g = 1; g <= SHAPE.guestHypervisorsPerHost && take(state); g++) {
    vms.push(makeGuest(`${name}-G${g}`, state));
  }
  return { name, vms };
}

function makeGuest(name, state) {
  const nat = nextSubnet(state);
  const children = [];
  let ip = 1;
  for (let i = 1; i <= SHAPE.natVmsPerGuest && take(state); i++) {
    children.push(leaf(`${name}-V${i}`, `switch VM-NAT ip .${ip++}`));
  }
  for (let i = 1; i <= SHAPE.bridgedVmsPerGuest && take(state); i++) {
    children.push(leaf(`${name}-B${i}`, "switch Bridge"));
  }
  if (take(state)) children.push(makeChain(`${name}-N`, ip++, state));
  return {
    name,
    attrs: "nested os ws2022 version 10.0 cpus 8 mac-spoofing on switch External",
    nat,
    vswitch: "vswitch Bridge external adapter 'Ethernet'",
    memoryMB: budget(children),
    children,
  };
}

function makeChain(name, ip, state) {
  const nat = nextSubnet(state);
  const children = [];
  for (let i = 1; i <= SHAPE.chainVmsPerGuest && take(state); i++) {
    children.push(leaf(`${name}-L${i}`, `ip .${i}`));
  }
  return {
    name,
    attrs: `nested os ws2019 version 9.0 cpus 4 switch VM-NAT ip .${ip}`,
    nat,
    vswitch: null,
    memoryMB: budget(children),
    children,
  };
}

/** The children's memory, a quarter more, and 8GB for the hypervisor itself. */
function budget(children) {
  const sum = children.reduce((total, vm) => total + vm.memoryMB, 0);
  return Math.max(GUEST_MIN_MB, roundUpGB(sum * 1.25 + 8192));
}

function roundUpGB(mb) {
  return Math.ceil(mb / 1024) * 1024;
}

function printHost(host, lines) {
  const memory = budget(host.vms);
  lines.push(
    "",
    `host ${host.name} cpu intel os ws2025 memory ${memory / 1024}GB cpus 64 <`,
    "  vswitch External external adapter 'Ethernet'",
  );
  for (const vm of host.vms) printVm(vm, "  ", lines);
  lines.push(">");
}

function printVm(vm, indent, lines) {
  if (vm.children === null) {
    lines.push(`${indent}vm ${vm.name} ${vm.attrs}`);
    return;
  }
  lines.push(`${indent}vm ${vm.name} ${vm.attrs} memory ${vm.memoryMB / 1024}GB <`);
  const inner = indent + "  ";
  lines.push(`${inner}nat ${vm.nat} gw .254`);
  if (vm.vswitch) lines.push(`${inner}${vm.vswitch}`);
  for (const child of vm.children) printVm(child, inner, lines);
  lines.push(`${indent}>`);
}

function main(argv) {
  const args = argv.slice(2);
  const outIndex = args.indexOf("--out");
  const out = outIndex >= 0 ? args.splice(outIndex, 2)[1] : null;
  const count = Number(args[0]);
  if (args.length !== 1 || !Number.isInteger(count) || count < 1) {
    process.stderr.write("usage: node scripts/gen-topology.mjs N [--out FILE]\n");
    process.exit(64);
  }
  const text = generateTopology(count);
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main(process.argv);
