import { ruleTable } from "./rule-table.js";

ruleTable("HVN218", {
  fails: [
    "host H < vm A nested < vm B nested < vm C nested < vm »D > > > >",
    "host H < vm A nested < vm B nested < vm C nested < vm »D nested < vm E > > > > >",
  ],
  passes: ["host H < vm A nested < vm B nested < vm C > > >"],
});
