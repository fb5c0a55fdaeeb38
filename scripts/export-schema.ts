// Writes the content files' JSON Schemas under resources/ (run after changing src/core/pack/schema.ts):
//   npx tsx scripts/export-schema.ts
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentJsonSchemas, serializeJsonSchema } from '../src/core/pack/jsonSchema.ts';

const resources = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');
for (const [rel, schema] of Object.entries(contentJsonSchemas())) {
  const file = join(resources, rel);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, serializeJsonSchema(schema));
  console.log(`wrote ${join('resources', rel)}`);
}
