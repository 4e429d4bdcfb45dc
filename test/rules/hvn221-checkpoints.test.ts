import { ruleTable } from "./rule-table.js";

ruleTable("HVN221", {
  fails: ["host H < vm V »checkpoints on nested >"],
  passes: [
    "host H < vm V checkpoints on >",
    "host H < vm V checkpoints off nested >",
    "host H < vm V nested >",
  ],
});
