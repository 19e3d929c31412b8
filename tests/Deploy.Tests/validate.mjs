// Reads kustomize output (multi-document YAML) on stdin and validates every object against its
// Kubernetes API schema with kubernetes-models, and CloudNativePG's resources against the schemas
// @kubernetes-models/cloudnative-pg generates from the operator's API types. Prints one JSON document: every object, and per
// object whether a schema was found and what it reported.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// API groups of operators whose CRD schemas a package carries.
const operatorPackages = { "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg" };

const input = readFileSync(0, "utf8");
const documents = parseAllDocuments(input);
const results = [];

for (const document of documents) {
  if (document.errors.length > 0) {
    results.push({ object: null, schema: null, errors: document.errors.map((e) => e.message) });
    continue;
  }
  const object = document.toJS();
  if (object === null) continue;
  const schema = modelPath(object.apiVersion, object.kind);
  let model;
  try {
    model = await import(schema);
  } catch {
    results.push({ object, schema: null, errors: [] });
    continue;
  }
  const Model = model[object.kind];
  try {
    new Model(object).validate();
    results.push({ object, schema, errors: [] });
  } catch (error) {
    results.push({ object, schema, errors: [error.message] });
  }
}

process.stdout.write(JSON.stringify(results));

// The packages lay their classes out as {group}/{version}/{Kind}; the core group is "v1".
function modelPath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  if (group === null) return `kubernetes-models/${version}/${kind}`;
  const operatorPackage = operatorPackages[group];
  return operatorPackage ? `${operatorPackage}/${group}/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
}
