// Compiles schema/topology.schema.json into a standalone validator module, so that the
// CLI never compiles a schema at start-up. Run by scripts/build.mjs; output is git-ignored.
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export function generateValidator() {
  const schema = JSON.parse(readFileSync(join(root, "schema/topology.schema.json"), "utf8"));
  const ajv = new Ajv2020({ allErrors: true, strict: true, code: { source: true, esm: true } });
  const validate = ajv.compile(schema);
  const outDir = join(root, "generated");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "topology-validator.js"), standaloneCode(ajv, validate));
  writeFileSync(
    join(outDir, "topology-validator.d.ts"),
    [
      "export interface SchemaError { instancePath: string; schemaPath: string; keyword: string; params: Record<string, unknown>; message?: string }",
      "declare const validate: ((data: unknown) => boolean) & { errors?: SchemaError[] | null };",
      "export default validate;",
      "",
    ].join("\n"),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) generateValidator();
