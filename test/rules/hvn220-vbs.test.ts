import { ruleTable } from "./rule-table.js";

ruleTable("HVN220", {
  fails: [
    "host H »os win11 edition pro < vm V nested >",
    "host H »os win10-22h2 edition pro < vm V nested >",
  ],
  passes: ["host H os win11 edition pro < vm V >", "host H os ws2022 < vm V nested >"],
});
