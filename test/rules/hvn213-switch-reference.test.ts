import { ruleTable } from "./rule-table.js";

ruleTable("HVN213", {
  fails: [
    "host H < vswitch E external  vm A »switch Nope >",
    "host H < vm A »switch Nope >",
    "host H < vswitch E internal  vswitch F internal  vm A »ip 10.0.0.5/24 >",
    "host H < vm A »ip 10.0.0.5/24 >",
  ],
  passes: [
    "host H < vswitch E internal  vm A switch E >",
    "host H < vm G nested < nat 10.0.0.0/24 gw .254  vm A switch VM-NAT ip .10 > >",
    "host H < vswitch E internal  vswitch F internal  vm A >",
  ],
});
