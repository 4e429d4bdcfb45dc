import { ruleTable } from "./rule-table.js";

ruleTable("HVN222", {
  fails: [
    "host H < vm G nested < nat 10.0.0.0/24 gw .254  vm »A > >",
    "host H < nat 10.0.0.0/24 gw .254  vm »A switch VM-NAT >",
  ],
  passes: [
    "host H < vm G nested < nat 10.0.0.0/24 gw .254  vm A ip .10 > >",
    "host H < vswitch E internal  nat 10.0.0.0/24 gw .254  vm A >",
  ],
});
