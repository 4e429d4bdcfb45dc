// Script file names: `<layer>-<machine>.ps1`. Machine names may hold characters that a
// file system or a USB stick's FAT rejects, so the name is reduced to a portable set.

const UNSAFE = /[^A-Za-z0-9._-]/g;
const MAX_STEM = 80;
// A name that is its own stem: safe characters, no dot at either end, not too long. Nearly
// every name is, and one test is cheaper than the replaces below (perf, issue 6).
const KEPT = /^[A-Za-z0-9_-](?:[A-Za-z0-9._-]{0,78}[A-Za-z0-9_-])?$/;

/**
 * Every character outside `A-Z a-z 0-9 . _ -` becomes `_`, leading dots go, the stem is
 * cut to 80 characters and an empty stem becomes `machine`. The layer prefix keeps
 * reserved device names (CON, NUL, ...) out of reach.
 */
export function safeStem(machine: string): string {
  if (KEPT.test(machine)) return machine;
  const stem = machine.replace(UNSAFE, "_").replace(/^\.+/, "").slice(0, MAX_STEM);
  return stem === "" ? "machine" : stem.replace(/\.+$/, "_");
}

/**
 * Assigns file names in run order. Windows compares names without case, so two names
 * that differ only in case collide too; the later one gets `-2`, `-3`, ...
 */
export function assignFileNames(machines: readonly { layer: number; name: string }[]): string[] {
  const taken = new Set<string>();
  return machines.map(({ layer, name }) => {
    const base = `${layer}-${safeStem(name)}`;
    let candidate = base;
    let key = base.toLowerCase();
    for (let n = 2; taken.has(key); n++) {
      candidate = `${base}-${n}`;
      key = candidate.toLowerCase();
    }
    taken.add(key);
    return `${candidate}.ps1`;
  });
}
