// The installer config is checked against electron-builder's own JSON schema (so a typo fails
// here, not in a release job on a Mac runner) and for the security settings IT relies on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parse as parsePlist } from 'plist';
import Ajv from 'ajv';

const root = join(import.meta.dirname, '../../..');
const config = parseYaml(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, Record<string, unknown>>;

interface BuiltConfig {
  forceCodeSigning?: boolean;
  win?: { forceCodeSigning?: boolean; verifyUpdateCodeSignature?: boolean; signExecutable?: boolean; signtoolOptions?: { publisherName?: string | string[]; sign?: unknown } };
  mac?: { forceCodeSigning?: boolean; identity?: string | null };
}

/** The configuration as electron-builder itself loads, merges (command-line -c options too) and validates it. */
async function resolvedConfig(fromCommandLine?: Record<string, unknown>): Promise<BuiltConfig> {
  const { getConfig, validateConfiguration } = await import('app-builder-lib/out/util/config/config.js') as unknown as {
    getConfig(projectDir: string, configPath: string | null, fromOptions: unknown): Promise<Record<string, unknown>>;
    validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
  };
  const built = await getConfig(root, null, fromCommandLine ?? null);
  await validateConfiguration(built, { isEnabled: false, add() {} }); // coerces -c strings as the CLI does
  return built as BuiltConfig;
}

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib/scheme.json', () => {
    const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('identifies the app', () => {
    expect(config.appId).toBe('com.seatmate.app');
    expect(config.productName).toBe('SeatMate');
    expect(config.asar).toBe(true);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('builds per-machine NSIS and an MSI with a fixed upgrade code', () => {
    const targets = (config.win?.target as Array<{ target: string }>).map((t) => t.target);
    expect(targets).toEqual(expect.arrayContaining(['nsis', 'msi']));
    expect(config.nsis).toMatchObject({ perMachine: true, allowElevation: true, oneClick: false });
    expect(config.msi?.upgradeCode).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(config.msi?.perMachine).toBe(true);
  });

  it('keeps signing secrets out of the file', () => {
    const text = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/cscLink|cscKeyPassword|certificatePassword|certificateFile|APPLE_APP_SPECIFIC_PASSWORD:/);
    expect(config.win?.signtoolOptions).toMatchObject({ signingHashAlgorithms: ['sha256'] });
  });

  it('signs macOS with the hardened runtime, microphone entitlement and notarization', () => {
    const targets = (config.mac?.target as Array<{ target: string }>).map((t) => t.target);
    expect(targets).toEqual(expect.arrayContaining(['dmg', 'zip', 'pkg']));
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true, entitlements: 'build/entitlements.mac.plist' });
    expect((config.mac?.extendInfo as Record<string, string>).NSMicrophoneUsageDescription).toMatch(/microphone/i);
    const ent = parsePlist(readFileSync(join(root, 'build/entitlements.mac.plist'), 'utf8')) as Record<string, boolean>;
    expect(ent['com.apple.security.device.audio-input']).toBe(true);
    expect(ent['com.apple.security.cs.allow-jit']).toBe(true);
    expect(ent['com.apple.security.device.camera']).toBeUndefined();
    expect(ent['com.apple.security.cs.disable-library-validation']).toBeUndefined();
  });

  it('refuses to build unsigned and pins the Windows update publisher (the config electron-builder resolves)', async () => {
    const built = await resolvedConfig();
    expect(built.forceCodeSigning).toBe(true);
    expect(built.win?.forceCodeSigning).toBeUndefined(); // no per-platform escape hatch
    expect(built.mac?.forceCodeSigning).toBeUndefined();
    expect(built.mac?.identity).not.toBeNull(); // identity: null would skip signing
    expect(built.win?.verifyUpdateCodeSignature).toBe(true);
    const publisher = [built.win?.signtoolOptions?.publisherName].flat().filter(Boolean);
    expect(publisher.length).toBeGreaterThan(0);
    expect(built.win?.signtoolOptions?.sign).toBeUndefined();
    expect(built.win?.signExecutable).not.toBe(false);
  });

  it('an unsigned test build must be asked for, and the release sets the real publisher', async () => {
    // What `electron-builder -c.forceCodeSigning=false -c.win.signtoolOptions.publisherName=…` resolves to.
    const dev = await resolvedConfig({ forceCodeSigning: 'false', win: { signtoolOptions: { publisherName: 'CN=Example Call Centre Ltd' } } });
    expect(dev.forceCodeSigning).toBe(false);
    expect(dev.win?.signtoolOptions?.publisherName).toBe('CN=Example Call Centre Ltd');
    const release = readFileSync(join(root, '.github/workflows/release.yml'), 'utf8');
    expect(release).toContain('-c.win.signtoolOptions.publisherName=$WIN_PUBLISHER_NAME');
    expect(release).toContain('-c.win.azureSignOptions.publisherName=$AZURE_SIGN_PUBLISHER');
    // Every unsigned path fails on a v* tag before it could turn forceCodeSigning off.
    const unsignedPaths = release.split('- name: ').filter((s) => s.includes('run: |') && s.includes('forceCodeSigning=false'));
    expect(unsignedPaths).toHaveLength(2); // Windows and macOS
    for (const step of unsignedPaths) {
      expect(step.indexOf('refs/tags/v*')).toBeGreaterThan(-1);
      expect(step.indexOf('refs/tags/v*')).toBeLessThan(step.indexOf('forceCodeSigning=false'));
    }
  });

  it('publishes to a generic update server over https', () => {
    expect(config.publish).toMatchObject({ provider: 'generic' });
    expect(String(config.publish?.url)).toMatch(/^https:\/\//);
  });

  it('has an icon big enough for .icns and .ico', () => {
    const png = readFileSync(join(root, 'build/icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });
});
