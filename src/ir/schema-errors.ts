// Turns ajv's errors into one readable sentence per problem, each with its JSON pointer.
import type { SchemaError } from "../../generated/topology-validator.js";

export interface SchemaProblem {
  /** JSON pointer of the offending value ("" for the document). */
  pointer: string;
  message: string;
}

/** What each pattern of the schema means, by where it sits in the schema. */
const patternForms: ReadonlyArray<[string, string]> = [
  ["/Ipv4/", "must be a dotted IPv4 address such as 192.168.100.10"],
  ["/OsId/", `must be an OS such as ws2016, ws2022, win10-1607 or win11`],
  ["/version/", "must be a configuration version such as 8.0 or 10.0"],
];

function describe(error: SchemaError): string {
  const params = error.params;
  switch (error.keyword) {
    case "required":
      return `missing property "${String(params["missingProperty"])}"`;
    case "additionalProperties":
      return `unknown property "${String(params["additionalProperty"])}"`;
    case "unevaluatedProperties":
      return `unknown property "${String(params["unevaluatedProperty"])}"`;
    case "type":
      return `must be ${String(params["type"]).replace(/,/g, " or ")}`;
    case "enum":
      return `must be one of ${(params["allowedValues"] as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`;
    case "const":
      return `must be ${JSON.stringify(params["allowedValue"])}`;
    case "pattern":
      return (
        patternForms.find(([path]) => error.schemaPath.includes(path))?.[1] ??
        `does not match ${String(params["pattern"])}`
      );
    case "minimum":
      return `must be at least ${String(params["limit"])}`;
    default:
      return error.message ?? error.keyword;
  }
}

/** One problem per pointer and wording; type alternatives of an `anyOf` are merged. */
export function schemaProblems(errors: readonly SchemaError[]): SchemaProblem[] {
  const types = new Map<string, Set<string>>();
  for (const error of errors) {
    if (error.keyword !== "type") continue;
    const set = types.get(error.instancePath) ?? new Set<string>();
    for (const type of String(error.params["type"]).split(",")) set.add(type);
    types.set(error.instancePath, set);
  }
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of errors) {
    let message: string;
    if (error.keyword === "anyOf") {
      if (types.has(error.instancePath)) continue;
      message = "does not match any allowed form";
    } else if (error.keyword === "type") {
      message = `must be ${[...(types.get(error.instancePath) ?? [])].join(" or ")}`;
    } else {
      message = describe(error);
    }
    const key = `${error.instancePath}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const property = error.params["additionalProperty"] ?? error.params["unevaluatedProperty"];
    const pointer =
      typeof property === "string"
        ? `${error.instancePath}/${property.replace(/~/g, "~0").replace(/\//g, "~1")}`
        : error.instancePath;
    problems.push({ pointer, message });
  }
  return problems;
}
