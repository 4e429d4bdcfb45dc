// IPv4 arithmetic on unsigned 32-bit integers, for subnets, gateways and host parts.

export function parseIpv4(text: string): number | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return null;
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

export function fromOctets(octets: readonly number[]): number {
  return octets.reduce((value, octet) => value * 256 + octet, 0);
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
