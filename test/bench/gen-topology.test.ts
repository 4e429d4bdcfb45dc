import { describe, expect, it } from "vitest";
import { generateTopology as generate } from "../../scripts/gen-topology.mjs";

function vmLines(text: string): string[] {
  return text.split("\n").filter((line) => /^\s*vm /.test(line));
}

describe("gen-topology", () => {
  it.each([1, 7, 349, 1000, 5000])("writes exactly %i VMs", (count) => {
    expect(vmLines(generate(count))).toHaveLength(count);
  });

  it("is deterministic", () => {
    expect(generate(2000)).toBe(generate(2000));
  });

  it("spreads a fleet over several hosts with nested chains and NATs", () => {
    const text = generate(1000);
    expect(text.match(/^host /gm)?.length).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/^ {6}vm \S+ memory 1GB ip \.\d+$/m);
    expect(text).toMatch(/mac-spoofing on switch External/);
  });

  it("keeps names unique and NAT subnets disjoint", () => {
    const text = generate(20000);
    const names = [...text.matchAll(/^\s*(?:host|vm) (\S+)/gm)].map((m) => m[1]);
    expect(new Set(names).size).toBe(names.length);
    const subnets = [...text.matchAll(/nat (\S+)/g)].map((m) => m[1]);
    expect(new Set(subnets).size).toBe(subnets.length);
  });

  it("gives each NAT at most 253 static addresses, none the gateway", () => {
    const lines = generate(5000).split("\n");
    const stack: { indent: number; ips: Set<string> }[] = [];
    for (const line of lines) {
      const indent = line.search(/\S/);
      while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
      if (/^\s*(host|vm) .*<$/.test(line)) stack.push({ indent, ips: new Set() });
      const ip = /\sip \.(\d+)/.exec(line);
      const parent = /^\s*vm /.test(line)
        ? stack[stack.length - (line.endsWith("<") ? 2 : 1)]
        : undefined;
      if (ip?.[1] && parent) {
        const host = ip[1];
        expect(Number(host)).toBeLessThan(254);
        expect(parent.ips.has(host)).toBe(false);
        parent.ips.add(host);
        expect(parent.ips.size).toBeLessThanOrEqual(253);
      }
    }
  });

  it("rejects a count that is not a positive integer", () => {
    expect(() => generate(0)).toThrow(RangeError);
    expect(() => generate(2.5)).toThrow(RangeError);
  });
});
