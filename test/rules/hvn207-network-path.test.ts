import { ruleTable } from "./rule-table.js";

ruleTable("HVN207", {
  fails: [
    "host H < vm G nested »mac-spoofing off < vswitch E internal  vm X switch E > >",
    "host H platform azure < vswitch E external adapter 'Ethernet'  vm X »switch E >",
    "host H platform azure < vswitch E external  »vm X >",
    "host H platform aws < vswitch E external  vm G nested »switch E < vswitch F external  vm X »switch F > >",
  ],
  passes: [
    "host H platform azure < nat 10.0.0.0/24 gw .254  vm X ip .10 >",
    "host H < vm G nested < vswitch E internal  vm X > >",
    "host H < vm G nested mac-spoofing on < vswitch E external  vm X > >",
    "host H platform azure < vswitch P private  vm X >",
    "host H < vm G nested mac-spoofing off < nat 10.0.0.0/24 gw .254  vm X ip .10 > >",
  ],
});
