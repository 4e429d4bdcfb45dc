import { ruleTable } from "./rule-table.js";

const onNat = (vms: string) => `host H < vm G nested < nat 10.0.0.0/24 gw .254  ${vms} > >`;

ruleTable("HVN209", {
  fails: [
    onNat("vm A ip .10  vm B »ip .10"),
    onNat("vm A »ip .254"),
    onNat("vm A »ip 10.0.1.5"),
    onNat("vm A »ip .0"),
    onNat("vm A »ip .255"),
    onNat("vm A »ip 10.0.0.5/16"),
    onNat("vm A ip .10 »gw 10.0.1.1"),
    "host H < vswitch E internal  vm A »ip .10 >",
    "host H < vswitch E internal  vm A »ip 10.0.0.5 >",
    "host H < vswitch E internal  vm A ip 10.0.0.5/24  vm B »ip 10.0.0.5/24 >",
    "host H < vswitch E internal  vm A ip 10.0.0.5/24 »gw .1 >",
    "host H < vswitch E internal  vm A ip 10.0.0.5/24 »dns .1, 8.8.8.8 >",
    "host H < vm A »gw .1 >",
  ],
  passes: [
    onNat("vm A ip .10  vm B ip .11"),
    onNat("vm A ip 10.0.0.10/24 gw .254"),
    "host H < vswitch E internal  vm A ip 10.0.0.5/24 >",
    "host H < vswitch E internal  vswitch F internal  vm A switch E ip 10.0.0.5/24  vm B switch F ip 10.0.0.5/24 >",
    "host H < vm G nested < nat 10.0.0.0/24 gw .254  vm A ip .10 >  vm K nested < nat 10.0.1.0/24 gw .254  vm A ip .10 > >",
  ],
});
