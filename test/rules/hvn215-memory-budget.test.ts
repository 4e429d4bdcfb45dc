import { describe, expect, it } from "vitest";
import { hypervisorReserveMB } from "../../src/rules/hvn215-memory-budget.js";
import { ruleTable } from "./rule-table.js";

ruleTable("HVN215", {
  fails: [
    "host H »memory 8GB < vm A memory 4GB  vm B memory 4GB >",
    "host H memory 64GB < vm G nested »memory 4GB < vm A memory 2GB  vm B memory 2GB > >",
    "host H »memory 100GB < vm A memory 92GB >",
  ],
  passes: [
    "host H memory 16GB < vm A memory 4GB  vm B memory 4GB >",
    "host H < vm A memory 64GB >",
    "host H memory 64GB < vm G nested < vm A memory 2GB > >",
  ],
});

describe("the hypervisor reserve", () => {
  it("is 2GB, or 10% rounded up to a whole GB when that is more", () => {
    expect(hypervisorReserveMB(4096)).toBe(2048);
    expect(hypervisorReserveMB(20480)).toBe(2048);
    expect(hypervisorReserveMB(4096 * 1024)).toBe(410 * 1024);
    expect(hypervisorReserveMB(131072)).toBe(13 * 1024);
  });
});
