import { ruleTable } from "./rule-table.js";

ruleTable("HVN204", {
  fails: [
    "host H os ws2016 < vm V »version 9.0 >",
    "host H os ws2019 < vm V nested »version 7.0 >",
    "host H os ws2022 < vm V nested version 10.0 < vm W »version 9.0 > >",
    "host H os win10-1607 edition pro < vm V »version 8.1 >",
  ],
  passes: [
    "host H os ws2019 < vm V version 9.0 >",
    "host H os ws2022 < vm V nested version 10.0 < vm W version 8.0 > >",
    "host H os ws2025 < vm V nested version 12.0 >",
    "host H < vm V version 5.0 >",
  ],
});
