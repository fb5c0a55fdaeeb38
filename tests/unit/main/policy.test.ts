import { describe, expect, it } from 'vitest';
import { layerConfig, policyValue, resolvePolicy, type PolicyLayer } from '../../../src/node/policyMerge.ts';
import { parsePolicyValue, policyDefaults, policyKeyNames, policyKeys, timingPolicyRules } from '../../../src/node/policyKeys.ts';
import { defaultTimings, resolveTimings, timingsSchema, type TimingName } from '../../../src/core/timings.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegQuery, readRegistryPolicy, registryLayer } from '../../../src/main/registryPolicy.ts';
import { plistLayer, readMacPolicy } from '../../../src/main/macPolicy.ts';
import { buildBinary } from 'plist';
import { jsonLayer, readJsonPolicy } from '../../../src/node/linuxPolicy.ts';

const ROOT = join(import.meta.dirname, '../../..');

// Captured shape of `reg query HKLM\Software\Policies\SeatMate /s` on Windows 11.
const HKLM_OUTPUT = [
  '',
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\SeatMate',
  '    sipServers    REG_MULTI_SZ    wss://pbx1.example.org:8089/ws\\0wss://pbx2.example.org:8089/ws',
  '    checkInEvery    REG_DWORD    0x2710',
  '    updateMode    REG_SZ    none',
  '    startOnLogin    REG_DWORD    0x1',
  '    crmUrl    REG_SZ    ',
  '    (Default)    REG_SZ    ',
  '',
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\SeatMate\\Recommended',
  '    pack    REG_SZ    telecom-10086',
  '    holdLimit    REG_SZ    90000',
  '',
].join('\r\n');

const HKCU_OUTPUT = [
  '',
  'HKEY_CURRENT_USER\\Software\\Policies\\SeatMate',
  '    checkInEvery    REG_DWORD    0x1388',
  '    SipDomain    REG_SZ    corp.example.org',
  '    hangupWait    REG_SZ    five seconds',
  '',
].join('\r\n');

describe('reg query parser', () => {
  it('reads strings, DWORDs, multi-strings and empty values per key', () => {
    const tree = parseRegQuery(HKLM_OUTPUT);
    expect([...tree.keys()]).toEqual([
      'HKEY_LOCAL_MACHINE\\Software\\Policies\\SeatMate',
      'HKEY_LOCAL_MACHINE\\Software\\Policies\\SeatMate\\Recommended',
    ]);
    expect(tree.get('HKEY_LOCAL_MACHINE\\Software\\Policies\\SeatMate')).toEqual({
      sipServers: ['wss://pbx1.example.org:8089/ws', 'wss://pbx2.example.org:8089/ws'],
      checkInEvery: 10_000, updateMode: 'none', startOnLogin: 1, crmUrl: '', '(Default)': '',
    });
  });

  it('splits enforced and Recommended values', () => {
    const layer = registryLayer('HKLM', parseRegQuery(HKLM_OUTPUT));
    expect(layer.enforced).not.toHaveProperty('(Default)');
    expect(layer.enforced.updateMode).toBe('none');
    expect(layer.recommended).toEqual({ pack: 'telecom-10086', holdLimit: '90000' });
  });

  it('reads HKLM before HKCU and treats a missing key as no policy', async () => {
    const calls: string[][] = [];
    const layers = await readRegistryPolicy(async (args) => {
      calls.push(args);
      return args[1]?.startsWith('HKLM') ? { code: 0, stdout: HKLM_OUTPUT } : { code: 1, stdout: '' };
    }, () => {});
    expect(calls.map((a) => a[1])).toEqual(['HKLM\\Software\\Policies\\SeatMate', 'HKCU\\Software\\Policies\\SeatMate']);
    expect(layers.map((l) => l.source)).toEqual(['HKLM\\Software\\Policies\\SeatMate']);
  });
});

describe('policy precedence', () => {
  const layers = [registryLayer('HKLM', parseRegQuery(HKLM_OUTPUT)), registryLayer('HKCU', parseRegQuery(HKCU_OUTPUT))];
  const policy = resolvePolicy(layers);

  it('computer policy beats user policy', () => {
    expect(policy.enforced.checkInEvery).toBe(10_000);
    expect(policy.enforced.sipDomain).toBe('corp.example.org'); // only HKCU sets it; names are case-insensitive
  });

  it('coerces registry types to the key types', () => {
    expect(policy.enforced.startOnLogin).toBe(true);
    expect(policy.recommended.holdLimit).toBe(90_000);
    expect(policy.enforced.sipServers).toHaveLength(2);
  });

  it('logs and ignores a malformed value, keeps the rest, falls back to the default', () => {
    expect(policy.enforced.hangupWait).toBeUndefined();
    expect(policy.problems.join('\n')).toMatch(/hangupWait ignored/);
    expect(policyValue(policy, 'hangupWait')).toBe(5_000);
    expect(policy.enforced.updateMode).toBe('none');
  });

  it('treats an empty value as unset, not malformed', () => {
    expect(policy.enforced.crmUrl).toBeUndefined();
    expect(policy.problems.join('\n')).not.toMatch(/crmUrl/);
  });

  it('a malformed computer value lets a valid user value through', () => {
    const p = resolvePolicy([
      { source: 'm', enforced: { holdLimit: 'lots' }, recommended: {} },
      { source: 'u', enforced: { holdLimit: 60_000 }, recommended: {} },
    ]);
    expect(p.enforced.holdLimit).toBe(60_000);
  });

  it('enforced beats the agent, the agent beats recommended, recommended beats the default', () => {
    expect(policyValue(policy, 'updateMode', 'auto')).toBe('none');
    expect(policyValue(policy, 'pack', 'my-pack')).toBe('my-pack');
    expect(policyValue(policy, 'pack')).toBe('telecom-10086');
    expect(policyValue(policy, 'lang')).toBe('zh-CN');
  });

  it('lays policy over the agent settings and lists what is locked', () => {
    const user = {
      mode: 'live', pack: 'my-pack', lang: 'en', agent: { id: '2002' },
      sip: { uri: 'sip:2002@typo.example', ws: ['wss://mine.example/ws'], password: 'pw' },
      timings: { holdLimit: 30_000 },
    };
    const { config, locked } = layerConfig(user, policy);
    expect(config.sip?.ws).toEqual(['wss://pbx1.example.org:8089/ws', 'wss://pbx2.example.org:8089/ws']);
    expect(config.sip?.uri).toBe('sip:2002@corp.example.org');
    expect(config.sip?.password).toBe('pw');
    expect(config.timings?.checkInEvery).toBe(10_000);
    expect(config.timings?.holdLimit).toBe(30_000); // agent's choice beats a recommendation
    expect(config.pack).toBe('my-pack');
    expect(config.lang).toBe('en');
    expect(locked).toEqual(expect.arrayContaining(['sip.ws', 'sip.domain', 'timings.checkInEvery', 'updateMode', 'startOnLogin']));
    expect(locked).not.toContain('pack');
  });

  it('recommended values fill only what the agent left unset', () => {
    const { config, locked } = layerConfig({}, policy);
    expect(config.pack).toBe('telecom-10086');
    expect(config.timings?.holdLimit).toBe(90_000);
    expect(locked).not.toContain('pack');
  });

  it('seeds a SIP account from servers + domain, and never leaves live mode without one', () => {
    const seeded = layerConfig({ agent: { id: '3003' } }, policy);
    expect(seeded.config.sip?.uri).toBe('sip:3003@corp.example.org');
    const lonely = layerConfig({}, resolvePolicy([{ source: 's', enforced: { mode: 'live' }, recommended: {} }]));
    expect(lonely.config.mode).toBe('training');
    expect(lonely.problems.join()).toMatch(/live mode needs a SIP account/);
  });
});

describe('policy keys', () => {
  it('every default passes its own schema (or is "unset")', () => {
    for (const name of policyKeyNames) {
      const r = parsePolicyValue(name, policyDefaults[name]);
      expect(r.ok === true || r.ok === 'unset' || (Array.isArray(policyKeys[name].default) && (policyKeys[name].default as unknown[]).length === 0), name).toBe(true);
    }
  });
  it('accepts ; separated server lists and rejects non-WebSocket URLs', () => {
    expect(parsePolicyValue('sipServers', 'wss://a.example/ws; wss://b.example/ws')).toEqual({ ok: true, value: ['wss://a.example/ws', 'wss://b.example/ws'] });
    expect(parsePolicyValue('sipServers', 'http://a.example/').ok).toBe(false);
    expect(parsePolicyValue('crmUrl', 'http://crm.example/').ok).toBe(false);
    expect(parsePolicyValue('timeZone', 'Mars/Olympus').ok).toBe(false);
    expect(parsePolicyValue('timeZone', 'Asia/Shanghai').ok).toBe(true);
    expect(parsePolicyValue('updateMode', 'sometimes').ok).toBe(false);
  });
});

describe('macOS managed preferences', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>sipServers</key><array><string>wss://pbx.example.org/ws</string></array>
  <key>checkInEvery</key><integer>20000</integer>
  <key>startOnLogin</key><true/>
  <key>Recommended</key><dict><key>lang</key><string>en</string></dict>
</dict></plist>`;

  it('parses enforced values and the Recommended dictionary', () => {
    const layer = plistLayer('f', xml);
    const p = resolvePolicy([layer]);
    expect(p.enforced).toEqual({ sipServers: ['wss://pbx.example.org/ws'], checkInEvery: 20_000, startOnLogin: true });
    expect(p.recommended).toEqual({ lang: 'en' });
  });

  it('reads binary plists as MDM writes them', () => {
    const layer = plistLayer('f', buildBinary({ updateMode: 'none', crmTimeoutMs: 500 }));
    expect(resolvePolicy([layer]).enforced).toEqual({ updateMode: 'none', crmTimeoutMs: 500 });
  });

  it('reads the computer file before the user file; a broken file is skipped', async () => {
    const layers = await readMacPolicy('com.seatmate.app', {
      userName: 'agent',
      readFile: async (p) => {
        if (p === '/Library/Managed Preferences/com.seatmate.app.plist') return Buffer.from(xml, 'utf8');
        if (p === '/Library/Managed Preferences/agent/com.seatmate.app.plist') return Buffer.from('<plist><dict><key>pack</key><string>x</string></dict>', 'utf8');
        throw new Error('ENOENT');
      },
    }, () => {});
    expect(layers.map((l) => l.source)).toEqual(['/Library/Managed Preferences/com.seatmate.app.plist']);
  });
});

describe('Linux policy.json', () => {
  it('reads enforced keys and the recommended object', () => {
    const layer: PolicyLayer = jsonLayer('/etc/seatmate/policy.json', JSON.stringify({ updateMode: 'auto', recommended: { pack: 'bank-95588' } }));
    expect(layer.enforced).toEqual({ updateMode: 'auto' });
    expect(layer.recommended).toEqual({ pack: 'bank-95588' });
  });
  it('a broken file is logged and means no policy', async () => {
    const logged: string[] = [];
    expect(await readJsonPolicy('/etc/seatmate/policy.json', async () => '{ nope', (m) => logged.push(m))).toEqual([]);
    expect(logged.join()).toMatch(/ignored/);
    expect(await readJsonPolicy('/missing', async () => { throw new Error('ENOENT'); }, () => {})).toEqual([]);
  });
});

describe('policy reaches the renderer config', () => {
  it('enforced rule keys land in config and are listed as locked', () => {
    const p = resolvePolicy([{
      source: 'f',
      enforced: { overrideAllowed: true, crmUrl: 'https://crm.example.org/tier', crmTimeoutMs: 250, checkInEvery: 20_000, holdLimit: 90_000, hangupWait: 3_000 },
      recommended: {},
    }]);
    const { config, locked, problems } = layerConfig({ overrideAllowed: false, timings: { checkInEvery: 15_000 } }, p);
    expect(problems).toEqual([]);
    expect(config.overrideAllowed).toBe(true);
    expect(config.crm).toEqual({ url: 'https://crm.example.org/tier', timeoutMs: 250 });
    expect(config.timings).toMatchObject({ checkInEvery: 20_000, holdLimit: 90_000, hangupWait: 3_000 });
    expect(locked).toEqual(expect.arrayContaining([
      'overrideAllowed', 'crm.url', 'crm.timeoutMs', 'timings.checkInEvery', 'timings.holdLimit', 'timings.hangupWait',
    ]));
  });

  it('a CRM URL alone gets the 300 ms default limit; a limit alone means no look-up', () => {
    const urlOnly = layerConfig({}, resolvePolicy([{ source: 'f', enforced: { crmUrl: 'https://crm.example.org/' }, recommended: {} }]));
    expect(urlOnly.config.crm).toEqual({ url: 'https://crm.example.org/', timeoutMs: 300 });
    const limitOnly = layerConfig({}, resolvePolicy([{ source: 'f', enforced: { crmTimeoutMs: 500 }, recommended: {} }]));
    expect(limitOnly.config.crm).toBeUndefined();
    expect(limitOnly.problems).toEqual([]);
  });

  it('a recommended limit joins an enforced URL; recommended override stays unlocked', () => {
    const p = resolvePolicy([{ source: 'f', enforced: { crmUrl: 'https://crm.example.org/' }, recommended: { crmTimeoutMs: 600, overrideAllowed: true } }]);
    const { config, locked } = layerConfig({}, p);
    expect(config.crm).toEqual({ url: 'https://crm.example.org/', timeoutMs: 600 });
    expect(config.overrideAllowed).toBe(true);
    expect(locked).not.toContain('overrideAllowed');
    expect(locked).not.toContain('crm.timeoutMs');
  });

  it('ignoreTierHeader (from a registry DWORD) sets headers.ignoreTier, keeps the header names, and locks it', () => {
    const p = resolvePolicy([registryLayer('HKLM', parseRegQuery('\r\nHKEY_LOCAL_MACHINE\\Software\\Policies\\SeatMate\r\n    ignoreTierHeader    REG_DWORD    0x1\r\n'))]);
    const { config, locked, problems } = layerConfig({ headers: { tier: 'X-Tier' } }, p);
    expect(problems).toEqual([]);
    expect(config.headers).toMatchObject({ ignoreTier: true, tier: 'X-Tier', scenario: 'X-Scenario' });
    expect(locked).toContain('headers.ignoreTier');
    expect(layerConfig({}, resolvePolicy([])).config.headers?.ignoreTier ?? false).toBe(false);
  });

  it('linkFeatureCodesAllowed is off unless IT turns it on, and is a desktop-only key', () => {
    expect(policyValue(resolvePolicy([]), 'linkFeatureCodesAllowed')).toBe(false);
    expect(policyValue(resolvePolicy([{ source: 'f', enforced: { linkFeatureCodesAllowed: 1 }, recommended: {} }]), 'linkFeatureCodesAllowed')).toBe(true);
    expect((policyKeys.linkFeatureCodesAllowed as { config?: string }).config).toBeUndefined();
  });

  it('nothing set: no CRM, no override', () => {
    const { config, locked } = layerConfig({}, resolvePolicy([]));
    expect(config.crm).toBeUndefined();
    expect(config.overrideAllowed).toBe(false);
    expect(locked).toEqual([]);
  });
});

describe('every number of SERVICE-STANDARD §1 is IT\'s to set (timings.<name>, the timing\'s own validation)', () => {
  /** The key sets timings.<name>, is locked, reaches the resolved timings, and accepts exactly what the timing accepts. */
  function timingKeyWorks(name: TimingName, value: number): void {
    const meta = policyKeys[name];
    expect(meta).toMatchObject({ type: 'integer', config: `timings.${name}`, default: defaultTimings[name] });
    // From a registry REG_SZ as well as a DWORD.
    expect(parsePolicyValue(name, String(value))).toEqual({ ok: true, value });
    const { config, locked, problems } = layerConfig({ timings: { [name]: defaultTimings[name] } }, resolvePolicy([{ source: 'gpo', enforced: { [name]: value }, recommended: {} }]));
    expect(problems).toEqual([]);
    expect(config.timings?.[name]).toBe(value);
    expect(locked).toContain(`timings.${name}`);
    expect(resolveTimings(config.timings)).toEqual({ timings: { ...defaultTimings, [name]: value }, rejected: [] });
    // Same validation as the config and packs: policy never accepts a value the timings would reject, nor the reverse.
    const field = timingsSchema.shape[name];
    for (const probe of [meta.min - 1, meta.min, meta.max, meta.max + 1, 1.5, -5_000, value]) {
      expect(parsePolicyValue(name, probe).ok === true, `${name} = ${probe}`).toBe(field.safeParse(probe).success);
    }
    expect(parsePolicyValue(name, 'five seconds').ok).toBe(false);
    expect(readFileSync(join(ROOT, 'resources/policy/SeatMate.admx'), 'utf8'))
      .toContain(`<decimal id="${name}" valueName="${name}" minValue="${meta.min}" maxValue="${meta.max}" />`);
  }

  it('N1: the ring cycle (ringCycle) is a policy key', () => timingKeyWorks('ringCycle', 6_000));
  it('N1: answer within N rings (answerWithinRings) is a policy key, counted in rings', () => {
    timingKeyWorks('answerWithinRings', 4);
    expect(parsePolicyValue('answerWithinRings', 0).ok).toBe(false);
    expect(parsePolicyValue('answerWithinRings', 21).ok).toBe(false);
  });
  it('N2: greet within (greetWithin) is a policy key', () => timingKeyWorks('greetWithin', 2_000));
  it('N3: the hold check-in interval (checkInEvery) is a policy key', () => timingKeyWorks('checkInEvery', 20_000));
  it('N4: the hold limit before a call-back offer (holdLimit) is a policy key', () => timingKeyWorks('holdLimit', 90_000));
  it('N5: the promised call-back due time (callbackDue) is a policy key', () => timingKeyWorks('callbackDue', 600_000));
  it('N6: the hang-up wait after the closing phrase (hangupWait) is a policy key', () => timingKeyWorks('hangupWait', 3_000));
  it('N7: the harassment warning before the system hangs up (harassmentWarning) is a policy key', () => timingKeyWorks('harassmentWarning', 5_000));
  it('N8: the longest harassment or chat call (chatCallLimit) is a policy key', () => timingKeyWorks('chatCallLimit', 300_000));
  it('N9: the silent-call wait between prompts (silentWait) is a policy key', () => timingKeyWorks('silentWait', 2_000));
  it('N9: the silence that suggests a silent call (silenceDetect) is a policy key', () => timingKeyWorks('silenceDetect', 10_000));
  it('N10: the emergency progress update interval (emergencyUpdateEvery) is a policy key', () => timingKeyWorks('emergencyUpdateEvery', 900_000));
  it('N12: the pause before hanging up (pauseBeforeHangup) is a policy key', () => timingKeyWorks('pauseBeforeHangup', 2_000));
  it('T3: the transfer answer timeout (transferTimeout) is a policy key', () => timingKeyWorks('transferTimeout', 30_000));
  it('C5: the dropped-call media timeout (mediaTimeout) is a policy key', () => timingKeyWorks('mediaTimeout', 15_000));

  it('every timing of src/core/timings.ts has its policy key, mapped to timings.<name> and named by its rule id', () => {
    for (const name of Object.keys(timingsSchema.shape) as TimingName[]) {
      expect(policyKeyNames, name).toContain(name);
      expect(policyKeys[name].config).toBe(`timings.${name}`);
      expect(timingPolicyRules[name]).toMatch(/^[NGHTCF]\d{1,2}$/);
    }
  });
});
