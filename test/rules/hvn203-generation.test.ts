import { ruleTable } from "./rule-table.js";

ruleTable("HVN203", {
  fails: ["host H < vm V nested »gen 1 >", "host H < vm V nested »gen 1 < vm W > >"],
  passes: ["host H < vm V gen 1 >", "host H < vm V nested gen 2 >", "host H < vm V nested >"],
});
