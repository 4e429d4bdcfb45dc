import { ruleTable } from "./rule-table.js";

ruleTable("HVN201", {
  fails: [
    "host H »cpu amd os ws2016 < »vm V nested >",
    "host H »cpu amd os ws2016 < vm V nested version 8.0 < vm W > >".replace(
      "version 8.0",
      "»version 8.0",
    ),
    "host H cpu amd os ws2022 < vm V nested »version 9.0 >",
    "host H cpu amd os ws2022 < vm V nested version 10.0 »os ws2019 < vm W nested »version 9.0 > >",
  ],
  passes: [
    "host H cpu amd os ws2022 < vm V nested version 10.0 >",
    "host H cpu amd os ws2016 < vm V >",
    "host H cpu intel os ws2016 < vm V nested >",
    "host H cpu amd os win11 edition pro < vm V nested version 9.3 >",
  ],
});
