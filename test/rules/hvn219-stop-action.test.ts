import { ruleTable } from "./rule-table.js";

ruleTable("HVN219", {
  fails: [
    "host H < vm V »stop-action save nested >",
    "host H < vm V »stop-action Save nested < vm W > >",
  ],
  passes: [
    "host H < vm V stop-action save >",
    "host H < vm V stop-action shutdown nested >",
    "host H < vm V nested >",
  ],
});
