import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { build as buildPlist, parse as parsePlist } from 'plist';
import { policyKeyNames } from '../../../src/node/policyKeys.ts';
import { resolvePolicy } from '../../../src/node/policyMerge.ts';
import { jsonLayer } from '../../../src/node/linuxPolicy.ts';
import { plistLayer } from '../../../src/main/macPolicy.ts';
import { TABLE_END, TABLE_START, renderPolicyTable, templateFiles } from '../../../scripts/policyTemplates.ts';

const root = join(import.meta.dirname, '../../..');
const read = (rel: string) => readFileSync(join(root, rel), 'utf8');
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe('policy templates', () => {
  it.each(Object.keys(templateFiles))('%s is up to date (npx tsx scripts/gen-policy-templates.ts)', (rel) => {
    expect(read(rel)).toBe(templateFiles[rel]!());
  });

  it('the ADMX is well-formed and defines every key, enforced and recommended', () => {
    const text = read('resources/policy/SeatMate.admx');
    expect(XMLValidator.validate(text)).toBe(true);
    const policies = asArray(xml.parse(text).policyDefinitions.policies.policy) as Array<Record<string, string>>;
    const names = policies.map((p) => p['@name']);
    for (const key of policyKeyNames) {
      expect(names).toContain(key);
      expect(names).toContain(`${key}_recommended`);
    }
    expect(new Set(policies.map((p) => p['@key']))).toEqual(new Set(['Software\\Policies\\SeatMate', 'Software\\Policies\\SeatMate\\Recommended']));
  });

  it.each(['en-US', 'zh-CN'])('the %s ADML is well-formed and has every string and presentation the ADMX refers to', (lang) => {
    const admx = read('resources/policy/SeatMate.admx');
    const adml = read(`resources/policy/${lang}/SeatMate.adml`);
    expect(XMLValidator.validate(adml)).toBe(true);
    const res = xml.parse(adml).policyDefinitionResources.resources;
    const strings = new Set(asArray(res.stringTable.string).map((s: Record<string, string>) => s['@id']));
    const presentations = new Set(asArray(res.presentationTable.presentation).map((p: Record<string, string>) => p['@id']));
    for (const [, id] of admx.matchAll(/\$\(string\.([A-Za-z0-9_]+)\)/g)) expect(strings, id).toContain(id);
    for (const [, id] of admx.matchAll(/\$\(presentation\.([A-Za-z0-9_]+)\)/g)) expect(presentations, id).toContain(id);
  });

  it('the configuration profile is a plist with every key, and reads back without problems', () => {
    const text = read('resources/policy/com.seatmate.app.mobileconfig');
    const profile = parsePlist(text) as { PayloadContent: Array<Record<string, unknown>> };
    const payload = profile.PayloadContent[0]!;
    for (const key of policyKeyNames) expect(payload).toHaveProperty(key);
    // What macOS writes to Managed Preferences is the payload dictionary: read it as the app would.
    const policy = resolvePolicy([plistLayer('profile', buildPlist(payload as never))]);
    expect(policy.problems).toEqual([]);
  });

  it('the example policy.json lists every key and reads back without problems', () => {
    const text = read('resources/policy/policy.example.json');
    const json = JSON.parse(text) as Record<string, unknown>;
    for (const key of policyKeyNames) expect(json).toHaveProperty(key);
    expect(resolvePolicy([jsonLayer('example', text)]).problems).toEqual([]);
  });

  it('the IT guide lists every key (generated table is current)', () => {
    const doc = read('docs/deploy.md');
    const table = doc.slice(doc.indexOf(TABLE_START), doc.indexOf(TABLE_END) + TABLE_END.length);
    expect(table).toBe(renderPolicyTable());
    for (const key of policyKeyNames) expect(table).toContain(`| \`${key}\` |`);
  });
});
