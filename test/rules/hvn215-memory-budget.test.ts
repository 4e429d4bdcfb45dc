import { ruleTable } from "./rule-table.js";

ruleTable("HVN215", {
  fails: [
    "host H »memory 8GB < vm A memory 4GB  vm B memory 4GB >",
    "host H memory 64GB < vm G nested »memory 4GB < vm A memory 2GB  vm B memory 2GB > >",
    "host H »memory 100GB < vm A memory 92GB >",
  ],
  passes: [
    "host H memory 16GB < vm A memory 4GB  vm B memory 4GB >",
    "host H < vm A memory 64GB >",
    "host H memory 64GB < vm G nested < vm A memory 2GB > >",
  ],
});
