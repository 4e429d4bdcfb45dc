import { ruleTable } from "./rule-table.js";

ruleTable("HVN216", {
  fails: [
    "host H < vm V nested »memory 2GB >",
    "host H < vm V nested »memory 4000MB < vm W memory 512MB > >",
  ],
  passes: [
    "host H < vm V nested >",
    "host H < vm V memory 2GB >",
    "host H < vm V nested memory 4GB >",
  ],
});
