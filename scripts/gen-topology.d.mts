// Types for scripts/gen-topology.mjs, imported by the tests.
export declare const SHAPE: Readonly<{
  hostSiblings: number;
  guestHypervisorsPerHost: number;
  natVmsPerGuest: number;
  bridgedVmsPerGuest: number;
  chainVmsPerGuest: number;
}>;

/** A valid topology of exactly `count` VMs, in the hvnest language. */
export declare function generateTopology(count: number): string;
