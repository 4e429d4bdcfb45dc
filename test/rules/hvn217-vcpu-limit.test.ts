import { ruleTable } from "./rule-table.js";

ruleTable("HVN217", {
  fails: ["host H < vm V nested os ws2019 »cpus 240 >", "host H < vm V nested »cpus 226 >"],
  passes: [
    "host H < vm V nested os ws2022 cpus 240 >",
    "host H < vm V os ws2019 cpus 240 >",
    "host H < vm V nested cpus 225 >",
  ],
});
