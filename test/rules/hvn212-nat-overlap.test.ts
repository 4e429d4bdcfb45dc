import { ruleTable } from "./rule-table.js";

ruleTable("HVN212", {
  fails: [
    "host H < nat 10.0.0.0/16 gw .1  vm A nested ip .10 < nat »10.0.5.0/24 gw .254 > >",
    "host H < vm A nested < nat 192.168.100.0/24 gw .254  vm B nested ip .10 < vm C nested < nat »192.168.100.0/25 gw .1 > > > >",
  ],
  passes: [
    "host H < nat 10.0.0.0/24 gw .254  vm A nested ip .10 < nat 10.0.1.0/24 gw .254 > >",
    "host H < vm A nested < nat 10.0.0.0/24 gw .254 >  vm B nested < nat 10.0.0.0/24 gw .254 > >",
  ],
});
