// Turns the Grafana Foundation SDK's TypeScript types into the JSON schemas the dashboard tests validate
// against (ops/src/test/java/vn/customs/cargowatch/ops/dashboards/DashboardFilesTest.java). Run by
// generate.sh, which installs the pinned packages first: node generate.mjs NODE_MODULES OUT_DIR
//
// Why generated and not hand-written: the SDK's types are what Grafana's own code generation (cog) emits
// from the dashboard and panel schemas of Grafana itself, so a field name Grafana does not know is a field
// the schema rejects. ts-json-schema-generator writes additionalProperties: false for every closed
// interface (the SDK's `any` fields, such as Panel.options, stay open; the tests validate those against the
// panel's own Options type).
import { createGenerator } from "ts-json-schema-generator";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [modules, out] = process.argv.slice(2);
if (!modules || !out) {
  console.error("usage: node generate.mjs NODE_MODULES OUT_DIR");
  process.exit(2);
}
const sdk = join(modules, "@grafana/grafana-foundation-sdk/dist");

// The panel types the boards use; each has an Options interface, some also a FieldConfig (fieldConfig.defaults.custom).
const panels = ["barchart", "bargauge", "geomap", "stat", "statetimeline", "table", "text", "timeseries"];

function generate(pkg, type) {
  const schema = createGenerator({
    path: join(sdk, pkg, "types.gen.d.ts"),
    type,
    skipTypeCheck: true,
    additionalProperties: false,
    jsDoc: "none",
  }).createSchema(type);
  // Panel.targets are cog.Dataquery, an interface with only a marker method: the generator makes it a closed
  // empty object, which would reject every query. A query's fields depend on its datasource, so the tests
  // validate each target against its datasource's schema (targets/*.schema.json) instead.
  const defs = schema.definitions ?? {};
  if (defs.Dataquery) {
    defs.Dataquery = { type: "object", description: "validated per datasource type: targets/<type>.schema.json" };
  }
  return schema;
}

function write(file, schema) {
  mkdirSync(join(out, file, ".."), { recursive: true });
  writeFileSync(join(out, file), JSON.stringify(schema, null, 2) + "\n");
  console.log("wrote " + file);
}

write("dashboard.schema.json", generate("dashboard", "Dashboard"));
for (const panel of panels) {
  write(`panels/${panel}.options.schema.json`, generate(panel, "Options"));
  try {
    write(`panels/${panel}.fieldconfig.schema.json`, generate(panel, "FieldConfig"));
  } catch (e) {
    // stat, bargauge, geomap and text have no custom field config in the SDK: the tests then require none.
    if (!String(e).includes("No root type")) throw e;
  }
}
write("targets/prometheus.schema.json", generate("prometheus", "dataquery"));
