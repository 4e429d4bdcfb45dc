import { ruleTable } from "./rule-table.js";

ruleTable("HVN202", {
  fails: [
    "host H < vm V nested os win10-1607 »edition home >",
    "host H < vm V nested »os win10-1511 edition pro >",
    "host H »os win10-1511 edition pro < vm V nested >",
    "host H os win11 »edition home < vm V >",
  ],
  passes: [
    "host H os win10-1607 edition pro < vm V nested >",
    "host H < vm V os win10-1511 edition pro >",
    "host H < vm V os win10-1607 edition home >",
    "host H os win10-1511 edition pro < vm V >",
  ],
});
