import { ruleTable } from "./rule-table.js";

ruleTable("HVN211", {
  fails: [
    "host H < vm A  vm »a >",
    "host H < vm »'a:b' >",
    "host H < vm »'  ' >",
    "host H < vm »' lead' >",
    "host H < vswitch E internal  vswitch »e private >",
    "host H < vswitch VM-NAT internal  nat 10.0.0.0/24 gw .254 »switch VM-NAT >",
    "host H\nhost »H",
    `host H < vm »'${"x".repeat(101)}' >`,
  ],
  passes: [
    "host H < vm A  vm B >",
    "host H < vm G nested < vm A >  vm K nested < vm A > >",
    "host H < vm 'Lab VM 1'  vm 'Bob''s VM' >",
    "host H < vswitch E internal  nat 10.0.0.0/24 gw .254 >",
  ],
});
