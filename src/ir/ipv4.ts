// IPv4 arithmetic on unsigned 32-bit integers, for subnets, gateways and host parts.

/**
 * Four dot-separated decimal numbers of 1 to 3 digits, each at most 255. A loop over the
 * characters, not a regex with arrays: it runs a few times per VM (perf, issue 6).
 */
export function parseIpv4(text: string): number | null {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (++digits > 3) return null;
      octet = octet * 10 + (code - 48);
    } else if (code === 46) {
      if (digits === 0 || octet > 255 || ++dots > 3) return null;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else {
      return null;
    }
  }
  if (dots !== 3 || digits === 0 || octet > 255) return null;
  return value * 256 + octet;
}

/** Runs for every address of every VM: string concatenation, no array (perf, issue 6). */
export function formatIpv4(value: number): string {
  return `${octetOf(value, 2 ** 24)}.${octetOf(value, 2 ** 16)}.${octetOf(value, 2 ** 8)}.${octetOf(value, 1)}`;
}

function octetOf(value: number, unit: number): number {
  return Math.floor(value / unit) % 256;
}

export function fromOctets(octets: readonly number[]): number {
  let value = 0;
  for (const octet of octets) value = value * 256 + octet;
  return value;
}

/** Size of a subnet with this prefix length (2^(32-prefix)). */
export function subnetSize(prefixLength: number): number {
  return 2 ** (32 - prefixLength);
}

export function networkOf(address: number, prefixLength: number): number {
  const size = subnetSize(prefixLength);
  return address - (address % size);
}

export function broadcastOf(network: number, prefixLength: number): number {
  return network + subnetSize(prefixLength) - 1;
}

export interface Subnet {
  network: number;
  prefixLength: number;
}

export function contains(subnet: Subnet, address: number): boolean {
  return address >= subnet.network && address <= broadcastOf(subnet.network, subnet.prefixLength);
}

export function overlaps(a: Subnet, b: Subnet): boolean {
  return contains(a, b.network) || contains(b, a.network);
}

/** A NAT's subnet when its address and prefix form a usable CIDR; null otherwise. */
export function subnetOf(subnet: string, prefixLength: number): Subnet | null {
  const network = parseIpv4(subnet);
  if (
    network === null ||
    !Number.isInteger(prefixLength) ||
    prefixLength < 0 ||
    prefixLength > 32
  ) {
    return null;
  }
  return { network, prefixLength };
}
