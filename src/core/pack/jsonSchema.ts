// JSON Schemas of the content files, for editors (YAML language server) and reviewers. The zod
// schemas are the truth; scripts/export-schema.ts writes these beside the content and a test
// fails when the committed copies are stale.
import { z } from 'zod';
import { calendarFileSchema, directoryFileSchema, packFileSchema, scenarioFileSchema } from './schema.ts';

/** Relative path under resources/ → the JSON Schema document written there. */
export function contentJsonSchemas(): Record<string, unknown> {
  const doc = (schema: z.ZodType, title: string) => ({
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    title,
  });
  return {
    'packs/pack.schema.json': doc(packFileSchema, 'SeatMate content pack (pack.yaml)'),
    'packs/scenario.schema.json': doc(scenarioFileSchema, 'SeatMate scenario (scenarios/<id>.yaml)'),
    'calendars/calendar.schema.json': doc(calendarFileSchema, 'SeatMate holiday calendar (<region>-<year>.yaml)'),
    'directory.schema.json': doc(directoryFileSchema, 'SeatMate caller directory (directory.yaml)'),
  };
}

export function serializeJsonSchema(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
