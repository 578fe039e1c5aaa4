// Validates OpenRPC documents with the OpenRPC project's own tooling: each file named on the
// command line must pass both the official meta-schema (`@open-rpc/meta-schema`, checked with
// ajv as the OpenRPC tools do) and `validateOpenRPCDocument` from `@open-rpc/schema-utils-js`.
// Prints one line per file; exits 1 when any file is invalid, 2 on bad usage.
"use strict";

const fs = require("fs");
const Ajv = require("ajv");
const jsonSchemaMetaSchema = require("@json-schema-tools/meta-schema");
const { openrpcDocument: metaSchema } = require("@open-rpc/meta-schema");
const { validateOpenRPCDocument } = require("@open-rpc/schema-utils-js");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.cjs DOCUMENT.json...");
  process.exit(2);
}

const ajv = new Ajv({ allErrors: true });
// The meta-schema's JSON Schema definitions refer to this id.
ajv.addSchema(jsonSchemaMetaSchema, "https://meta.json-schema.tools");
const { $schema, ...withoutDraft } = metaSchema;
const validateMeta = ajv.compile(withoutDraft);

let invalid = 0;
for (const file of files) {
  let document;
  try {
    document = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    console.log(`invalid ${file}: ${e.message}`);
    invalid++;
    continue;
  }
  const problems = [];
  if (!validateMeta(document)) {
    problems.push(`meta-schema: ${ajv.errorsText(validateMeta.errors)}`);
  }
  const utils = validateOpenRPCDocument(document);
  if (utils !== true) {
    problems.push(`schema-utils-js: ${utils.message}`);
  }
  if (problems.length > 0) {
    console.log(`invalid ${file}: ${problems.join("; ")}`);
    invalid++;
  } else {
    console.log(`valid ${file}`);
  }
}
process.exit(invalid > 0 ? 1 : 0);
