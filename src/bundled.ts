// Whether this code runs as the shipped bundle (dist/), where scripts/build.mjs defines
// HVNEST_BUNDLED. Under tests and tsx it is undefined, so checks skipped in the bundle for
// start-up speed (chevrotain's grammar validations) still run on every test run.
declare const HVNEST_BUNDLED: boolean | undefined;

export const bundled: boolean = typeof HVNEST_BUNDLED !== "undefined" && HVNEST_BUNDLED;
