import { ruleTable } from "./rule-table.js";

ruleTable("HVN214", {
  fails: [
    "host H < vm V »memory 3001MB >",
    "host H < vm V »memory 16MB >",
    "host H < vm V »cpus 0 >",
    "host H »cpus 0 >".replace(" >", ""),
    "host H cpus 4 < vm V »cpus 8 >",
    "host H < vm V »os ws2012 >",
    "host H < vm V os ws2016 »edition pro >",
    "host H < vm V edition »home >".replace("edition »home", "»edition home"),
    "host H < vm V memory 2GB »memory 4GB >",
    "host H < vm V »colour blue >",
    "host H »gen 2",
    "host H < vm V dynamic-memory »maybe >",
    "host H < vm V gen »3 >",
    "host H < vm V »version 8.5 >",
    "host H cpu »arm",
    "host H < vm V stop-action »hibernate >",
    "host H < vswitch E internal »adapter 'Ethernet' >",
  ],
  passes: [
    "host H < vm V memory 3000MB >",
    "host H cpus 4 < vm V cpus 4 >",
    "host H < vm V os win10-1607 edition pro >",
    "host H < vm V os win11-24h2 edition education >",
    "host H < vm V version 9.3 >",
    "host H < vswitch E external adapter 'Ethernet' >",
  ],
});
