import { ruleTable } from "./rule-table.js";

const nat = (text: string) => `host H < vm V nested < ${text} > >`;

ruleTable("HVN208", {
  fails: [
    nat("nat 10.0.0.0/24 gw ».0"),
    nat("nat 10.0.0.0/24 gw ».255"),
    nat("nat 10.0.0.0/24 gw »10.0.1.1"),
    nat("nat »10.0.0.5/24 gw .254"),
    nat("nat »10.0.0.0/31 gw .1"),
  ],
  passes: [
    nat("nat 10.0.0.0/24 gw .254"),
    nat("nat 10.0.0.0/30 gw .1"),
    nat("nat 172.16.0.0/12 gw 172.31.255.254"),
  ],
});
