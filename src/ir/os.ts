// What each OS identifier of the language means for nested virtualization: its family,
// whether it can host nested VMs, and the highest VM configuration version it creates
// (facts.md #1, #3, #4; win10 releases after 1809 are capped at 9.0 because facts.md
// lists no higher figure for them).

export interface OsInfo {
  id: string;
  family: "server" | "client";
  /** Human name for messages. */
  title: string;
  /** Windows Server 2016 / Windows 10 1607 (build 14393) or later. */
  hostsNested: boolean;
  /** Windows Server 2022 / Windows 11 or later: nested virtualization on AMD. */
  nestedOnAmd: boolean;
  /** Highest configuration version this OS creates, e.g. "8.0". */
  maxVersion: string;
  /** Windows Server 2019 or earlier: guest hypervisors limited to 225 vCPUs (facts.md #15). */
  upTo225Cpus: boolean;
}

const servers: Record<string, Omit<OsInfo, "id" | "family" | "hostsNested">> = {
  ws2016: {
    title: "Windows Server 2016",
    nestedOnAmd: false,
    maxVersion: "8.0",
    upTo225Cpus: true,
  },
  ws2019: {
    title: "Windows Server 2019",
    nestedOnAmd: false,
    maxVersion: "9.0",
    upTo225Cpus: true,
  },
  ws2022: {
    title: "Windows Server 2022",
    nestedOnAmd: true,
    maxVersion: "10.0",
    upTo225Cpus: false,
  },
  ws2025: {
    title: "Windows Server 2025",
    nestedOnAmd: true,
    maxVersion: "12.0",
    upTo225Cpus: false,
  },
};

const win10Versions: Record<string, string> = {
  "1507": "6.2",
  "1511": "7.0",
  "1607": "8.0",
  "1703": "8.1",
  "1709": "8.2",
  "1803": "8.3",
};

const win11Versions: Record<string, string> = {
  "": "10.0",
  "21h2": "10.0",
  "22h2": "11.0",
  "23h2": "11.0",
};

export const knownOsForms =
  "ws2016, ws2019, ws2022, ws2025, win10-NNNN (e.g. win10-1607, win10-21h2), win11, win11-NNhN";

// Rules and the resolver ask for every machine's OS, ~8 times per VM (perf, issue 6): each
// known id is worked out once per process and shared, frozen, since callers only read it.
// Unknown ids are not kept, so the cache holds at most the OS forms the language knows.
const known = new Map<string, Readonly<OsInfo>>();

export function osInfo(id: string): Readonly<OsInfo> | null {
  const cached = known.get(id);
  if (cached !== undefined) return cached;
  const info = describeOs(id);
  if (info !== null) known.set(id, Object.freeze(info));
  return info;
}

function describeOs(id: string): OsInfo | null {
  // Own keys only: an id such as `constructor` is unknown, not an Object method.
  const server = Object.hasOwn(servers, id) ? servers[id] : undefined;
  if (server) return { id, family: "server", hostsNested: true, ...server };
  const win10 = /^win10-(\d{4}|\d\dh[12])$/.exec(id);
  if (win10?.[1]) {
    const release = win10[1];
    const numeric = /^\d{4}$/.test(release)
      ? Number(release)
      : 2000 + Number(release.slice(0, 2)) * 10;
    return {
      id,
      family: "client",
      title: `Windows 10 ${release.toUpperCase()}`,
      hostsNested: numeric >= 1607,
      nestedOnAmd: false,
      maxVersion: win10Versions[release] ?? "9.0",
      upTo225Cpus: true,
    };
  }
  const win11 = /^win11(?:-(\d\dh[12]))?$/.exec(id);
  if (win11) {
    const release = win11[1] ?? "";
    return {
      id,
      family: "client",
      title: `Windows 11${release ? ` ${release.toUpperCase()}` : ""}`,
      hostsNested: true,
      nestedOnAmd: true,
      maxVersion: win11Versions[release] ?? "12.0",
      upTo225Cpus: false,
    };
  }
  return null;
}

/** Configuration versions Hyper-V knows (Get-VMHostSupportedVersion across releases). */
export const knownVersions = [
  "5.0",
  "6.2",
  "7.0",
  "7.1",
  "8.0",
  "8.1",
  "8.2",
  "8.3",
  "9.0",
  "9.1",
  "9.2",
  "9.3",
  "10.0",
  "11.0",
  "12.0",
];

/** Major, then minor; a missing part counts as 0. Runs for every VM (perf: no arrays). */
export function compareVersions(a: string, b: string): number {
  return part(a, 0) - part(b, 0) || part(a, 1) - part(b, 1);
}

function part(version: string, index: 0 | 1): number {
  const dot = version.indexOf(".");
  if (index === 0) return Number(dot < 0 ? version : version.slice(0, dot));
  if (dot < 0) return 0;
  const next = version.indexOf(".", dot + 1);
  return Number(version.slice(dot + 1, next < 0 ? undefined : next));
}

export const serverEditions = ["standard", "datacenter"] as const;
export const clientEditions = ["pro", "enterprise", "education", "home"] as const;
