import { ruleTable } from "./rule-table.js";

ruleTable("HVN206", {
  fails: [
    "host H < vm V nested »dynamic-memory on >",
    "host H < vm V nested »dynamic-memory on < vm W > >",
  ],
  passes: [
    "host H < vm V dynamic-memory on >",
    "host H < vm V nested dynamic-memory off >",
    "host H < vm V nested >",
  ],
});
