import { ruleTable } from "./rule-table.js";

ruleTable("HVN205", {
  fails: [
    "host H < vm »V < vm W > >",
    "host H < vm »V < nat 10.0.0.0/24 gw .254 > >",
    "host H < vm G nested < vm »V memory 4GB < vswitch E private > > >",
  ],
  passes: ["host H < vm V nested < vm W > >", "host H < vm V nested >", "host H < vm V >"],
});
