import { ruleTable } from "./rule-table.js";

ruleTable("HVN210", {
  fails: [
    "host H < vm G nested < nat 10.0.0.0/24 gw .254  »nat 10.0.1.0/24 gw .254 > >",
    "host H < nat 10.0.0.0/24 gw .254  »nat 10.0.1.0/24 gw .254  »nat 10.0.2.0/24 gw .254 >",
  ],
  passes: [
    "host H < nat 10.0.0.0/24 gw .254  vm G nested ip .10 < nat 10.0.1.0/24 gw .254 > >",
    "host H < vm A nested < nat 10.0.0.0/24 gw .254 >  vm B nested < nat 10.0.1.0/24 gw .254 > >",
  ],
});
