// Validates Kubernetes objects offline against the upstream OpenAPI schemas.
//   node validate-k8s.mjs <node_modules dir> < objects.yaml   ->  one JSON line per object
// 1. Schema: kubernetes-models (built-in kinds, generated from the Kubernetes OpenAPI spec) and
//    @kubernetes-models/{cert-manager,prometheus-operator} (generated from those projects' CRD schemas):
//    types, enums, formats, required fields.
// 2. Unknown fields: the OpenAPI schemas do not forbid extra properties (the API server prunes or, with
//    --validate=strict, rejects them), so typos like `readinessProb` pass step 1. For built-in kinds the
//    field lists of @kubernetes/client-node's generated models are walked to reject unknown fields.
//    CRD kinds get step 1 only; the report says so (strict: "skipped").
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const modules = resolve(process.argv[2]);
const require = createRequire(join(modules, "noop.js"));
const yaml = require("js-yaml");
const models = await import(pathToFileURL(join(modules, "@kubernetes/client-node/dist/gen/models/ObjectSerializer.js")));

const crdPackages = {
  "cert-manager.io": "@kubernetes-models/cert-manager",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

async function modelClass(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const pkg = crdPackages[group];
  const file = pkg
    ? join(modules, pkg, group, version, `${kind}.js`)
    : join(modules, "kubernetes-models", group === "" ? version : join(group, version), `${kind}.js`);
  try {
    const mod = await import(pathToFileURL(file));
    return { cls: mod[kind], crd: !!pkg };
  } catch {
    return null;
  }
}

function unknownFields(value, type, path, out) {
  if (value === null || value === undefined) return;
  let m;
  if ((m = /^Array<(.+)>$/.exec(type))) {
    if (Array.isArray(value)) value.forEach((v, i) => unknownFields(v, m[1], `${path}[${i}]`, out));
    return;
  }
  if ((m = /^\{ \[key: string\]: (.+); \}$/.exec(type))) {
    if (typeof value === "object") for (const [k, v] of Object.entries(value)) unknownFields(v, m[1], `${path}.${k}`, out);
    return;
  }
  const cls = models[type];
  if (!cls || typeof cls.getAttributeTypeMap !== "function" || typeof value !== "object") return; // primitives, any
  const attrs = new Map(cls.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
  for (const [k, v] of Object.entries(value)) {
    if (!attrs.has(k)) out.push(`${path}.${k}: unknown field (not in ${type})`);
    else unknownFields(v, attrs.get(k), `${path}.${k}`, out);
  }
}

const docs = yaml.loadAll(readFileSync(0, "utf8")).filter((d) => d && typeof d === "object");
for (const obj of docs) {
  const report = {
    apiVersion: obj.apiVersion, kind: obj.kind,
    namespace: obj.metadata?.namespace ?? "", name: obj.metadata?.name ?? "",
    schema: "skipped", strict: "skipped", errors: [],
  };
  const found = obj.apiVersion && obj.kind ? await modelClass(obj.apiVersion, obj.kind) : null;
  if (found?.cls) {
    try {
      new found.cls(obj).validate();
      report.schema = "validated";
    } catch (e) {
      report.schema = "failed";
      report.errors.push(String(e.message ?? e));
    }
    if (!found.crd) {
      const [, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
      const type = version[0].toUpperCase() + version.slice(1) + obj.kind;
      if (models[type]) {
        const errs = [];
        unknownFields(obj, type, "", errs);
        report.strict = errs.length ? "failed" : "validated";
        report.errors.push(...errs);
      }
    }
  }
  process.stdout.write(JSON.stringify(report) + "\n");
}
