import { describe, expect, it, vi } from 'vitest';
import { safeStorage } from './doubles/electron.ts';
import { createSecretBox } from '../../../src/main/secrets.ts';
import { createSettingsStore, type SettingsStore, type StoreFs } from '../../../src/main/settingsStore.ts';
import { emptyPolicy } from '../../../src/node/policyMerge.ts';
import { applySettingsPatch } from '../../../src/node/settings.ts';

function memoryFs(initial?: string) {
  const files = new Map<string, string>();
  if (initial !== undefined) files.set('/u/settings.json', initial);
  const writes: string[] = [];
  const fs: StoreFs = {
    readFile: async (p) => { const t = files.get(p); if (t === undefined) throw new Error('ENOENT'); return t; },
    writeFile: async (p, d) => { writes.push(d); files.set(p, d); },
    rename: async (a, b) => { files.set(b, files.get(a)!); files.delete(a); },
  };
  return { fs, files, writes };
}

const account = { uri: 'sip:1001@example.org', ws: ['wss://pbx.example.org/ws'], password: 'Tr0ub4dor&3' };

/** A save as main makes it: the shared patch rule (src/node/settings.ts), then the store keeps the result. */
async function save(store: SettingsStore, patch: unknown) {
  const change = applySettingsPatch(store.user(), patch, emptyPolicy);
  if (!change.ok) throw new Error(change.errors.join('\n'));
  await store.saveUser(change.user);
}

describe('settings store', () => {
  it('stores the SIP password only through safeStorage, never in clear', async () => {
    const encrypt = vi.spyOn(safeStorage, 'encryptString');
    const m = memoryFs();
    const store = createSettingsStore('/u/settings.json', m.fs, createSecretBox(safeStorage, 'win32', () => {}), () => {});
    await store.load();
    await save(store, { lang: 'en', sip: account });
    expect(encrypt).toHaveBeenCalledWith('Tr0ub4dor&3');
    for (const written of m.writes) expect(written).not.toContain('Tr0ub4dor');
    const onDisk = JSON.parse(m.files.get('/u/settings.json')!);
    expect(onDisk.settings.sip.password).toBeUndefined();
    expect(onDisk.sipPasswordSealed).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(store.user().sip?.password).toBe('Tr0ub4dor&3');

    // A new process reads it back through decryptString.
    const again = createSettingsStore('/u/settings.json', m.fs, createSecretBox(safeStorage, 'win32', () => {}), () => {});
    await again.load();
    expect(again.user()).toMatchObject({ lang: 'en', sip: account });
    encrypt.mockRestore();
  });

  it('keeps the password when a later save does not mention it, and clears it on ""', async () => {
    const m = memoryFs();
    const store = createSettingsStore('/u/settings.json', m.fs, createSecretBox(safeStorage, 'darwin', () => {}), () => {});
    const encrypt = vi.spyOn(safeStorage, 'encryptString');
    await save(store, { sip: account });
    await save(store, { sip: { uri: account.uri, ws: ['wss://other.example/ws'] } });
    expect(store.user().sip).toMatchObject({ ws: ['wss://other.example/ws'], password: account.password });
    expect(encrypt).toHaveBeenCalledTimes(1); // an unchanged password is not sealed again
    await save(store, { sip: { uri: account.uri, ws: account.ws, password: '' } });
    expect(store.user().sip?.password).toBeUndefined();
    expect(JSON.parse(m.files.get('/u/settings.json')!).sipPasswordSealed).toBeUndefined();
    encrypt.mockRestore();
  });

  it('with no OS key store, keeps the password for the session only', async () => {
    const m = memoryFs();
    const logged: string[] = [];
    const weak = { ...safeStorage, backend: 'basic_text', getSelectedStorageBackend: () => 'basic_text' as const, isEncryptionAvailable: () => true };
    const store = createSettingsStore('/u/settings.json', m.fs, createSecretBox(weak, 'linux', () => {}), (l) => logged.push(l));
    await save(store, { sip: account });
    expect(store.user().sip?.password).toBe(account.password);
    for (const written of m.writes) expect(written).not.toContain(account.password);
    expect(JSON.parse(m.files.get('/u/settings.json')!).sipPasswordSealed).toBeUndefined();
    expect(logged.join()).toMatch(/session only/);
  });

  it('seals a clear-text password found in a hand-edited file and rewrites it', async () => {
    const m = memoryFs(JSON.stringify({ version: 1, settings: { sip: account } }));
    const store = createSettingsStore('/u/settings.json', m.fs, createSecretBox(safeStorage, 'win32', () => {}), () => {});
    await store.load();
    expect(m.files.get('/u/settings.json')).not.toContain(account.password);
    expect(store.user().sip?.password).toBe(account.password);
  });

  it('ignores an invalid file and starts clean', async () => {
    const logged: string[] = [];
    const m = memoryFs('{"version":1,"settings":{"lang":"fr"}}');
    const store = createSettingsStore('/u/settings.json', m.fs, createSecretBox(safeStorage, 'win32', () => {}), (l) => logged.push(l));
    await store.load();
    expect(store.user()).toEqual({});
    expect(logged.join()).toMatch(/invalid/);
  });

  it('a password sealed on another machine is dropped, not crashed on', async () => {
    const m = memoryFs(JSON.stringify({ version: 1, settings: { sip: { uri: account.uri, ws: account.ws } }, sipPasswordSealed: Buffer.from('garbage').toString('base64') }));
    const store = createSettingsStore('/u/settings.json', m.fs, createSecretBox(safeStorage, 'win32', () => {}), () => {});
    await store.load();
    expect(store.user().sip?.password).toBeUndefined();
  });
});
