// The hosts' shared rule for following files (docs/hosts.md): what a policy re-read refuses, and
// that a store no watch can see is read again on its timer. Real files, real watchers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followFiles, readPolicyFiles } from './followFiles.ts';
import { resolvePolicy, type PolicyLayer, type ResolvedPolicy } from './policyMerge.ts';

const dirs: string[] = [];
const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'seatmate-follow-')); dirs.push(d); return d; };

describe('policy files read again after a change', () => {
  it('a missing file is no layer; a malformed or unreadable one throws, naming the file', async () => {
    const dir = tempDir();
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify({ lang: 'en', recommended: { pack: 'demo-10000' } }));
    await expect(readPolicyFiles([good, path.join(dir, 'absent.json')])).resolves.toEqual([
      { source: good, enforced: { lang: 'en' }, recommended: { pack: 'demo-10000' } },
    ]);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '[1, 2]');
    await expect(readPolicyFiles([good, bad])).rejects.toThrow(`${bad}: not a JSON object`);
    await expect(readPolicyFiles([dir])).rejects.toThrow(`${dir}: cannot read (EISDIR)`);
  });
});

describe('following a host\'s files', () => {
  it('reads a store no watch can see on its timer, and stays quiet while it does not change', async () => {
    const resourcesDir = tempDir();
    let layers: PolicyLayer[] = [];
    let policy: ResolvedPolicy = resolvePolicy([]);
    const logged: string[] = [];
    const read = vi.fn(async () => layers);
    stops.push(followFiles({
      content: { resourcesDir, directoryFile: () => undefined, load: async () => ({ packs: [], calendars: [], errors: [] }), changed: () => {} },
      policy: { files: [], read, pollMs: 30, current: () => policy, apply: (next) => { policy = next; } },
      log: (l) => logged.push(l),
    }));
    await vi.waitFor(() => expect(read.mock.calls.length).toBeGreaterThanOrEqual(2), { timeout: 2000, interval: 10 });
    expect(logged).toEqual([]);
    layers = [{ source: 'HKLM\\Software\\Policies\\SeatMate', enforced: { lang: 'en' }, recommended: {} }];
    await vi.waitFor(() => expect(policy.enforced.lang).toBe('en'), { timeout: 2000, interval: 10 });
    expect(logged).toEqual(['policy reloaded from HKLM\\Software\\Policies\\SeatMate']);
    read.mockRejectedValue(new Error('cannot read HKLM\\Software\\Policies\\SeatMate: timed out'));
    await vi.waitFor(() => expect(logged).toContain('policy not reloaded, the policy in force is kept: cannot read HKLM\\Software\\Policies\\SeatMate: timed out'), { timeout: 2000, interval: 10 });
    expect(policy.enforced.lang).toBe('en');
  });

  it('tells the pages the settings changed once a new policy is in force: not on a poll that finds nothing new, not when refused', async () => {
    const resourcesDir = tempDir();
    let layers: PolicyLayer[] = [];
    let policy: ResolvedPolicy = resolvePolicy([]);
    const read = vi.fn(async () => layers);
    const settingsChanged = vi.fn();
    stops.push(followFiles({
      content: { resourcesDir, directoryFile: () => undefined, load: async () => ({ packs: [], calendars: [], errors: [] }), changed: () => {} },
      policy: { files: [], read, pollMs: 30, current: () => policy, apply: (next) => { policy = next; } },
      settingsChanged, log: () => {},
    }));
    await vi.waitFor(() => expect(read.mock.calls.length).toBeGreaterThanOrEqual(2), { timeout: 2000, interval: 10 });
    expect(settingsChanged).not.toHaveBeenCalled();
    layers = [{ source: 'HKLM\\Software\\Policies\\SeatMate', enforced: { lang: 'en' }, recommended: {} }];
    await vi.waitFor(() => expect(settingsChanged).toHaveBeenCalledTimes(1), { timeout: 2000, interval: 10 });
    expect(policy.enforced.lang).toBe('en'); // in force before the pages hear of it
    const polls = read.mock.calls.length;
    read.mockRejectedValue(new Error('timed out'));
    await vi.waitFor(() => expect(read.mock.calls.length).toBeGreaterThan(polls + 2), { timeout: 2000, interval: 10 });
    expect(settingsChanged).toHaveBeenCalledTimes(1);
  });

  it('tells the pages the settings changed once a new configuration is in force: not when refused, not when saved unchanged', async () => {
    const file = path.join(tempDir(), 'config.json');
    fs.writeFileSync(file, '{}');
    const applied: Array<Record<string, unknown>> = [];
    const logged: string[] = [];
    const settingsChanged = vi.fn();
    const read = vi.fn(async (f: string) => {
      try { return { ok: true as const, raw: JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, unknown> }; } catch { return { ok: false as const, errors: [`${f}: not valid JSON`] }; }
    });
    stops.push(followFiles({
      content: { resourcesDir: tempDir(), directoryFile: () => undefined, load: async () => ({ packs: [], calendars: [], errors: [] }), changed: () => {} },
      policy: { files: [], read: async () => [], current: () => resolvePolicy([]), apply: () => {} },
      config: { file, read, apply: (raw) => applied.push(raw) },
      settingsChanged, log: (l) => logged.push(l), settleMs: 20,
    }));
    fs.writeFileSync(file, '{ "lang": ');
    await vi.waitFor(() => expect(logged.some((l) => l.startsWith('configuration not reloaded'))).toBe(true), { timeout: 5000, interval: 20 });
    expect(settingsChanged).not.toHaveBeenCalled();
    fs.writeFileSync(file, JSON.stringify({ lang: 'en' }));
    await vi.waitFor(() => expect(settingsChanged).toHaveBeenCalledTimes(1), { timeout: 5000, interval: 20 });
    expect(applied).toEqual([{ lang: 'en' }]);
    // Saved again as it was (another indent): read, found the same, nothing applied, the pages not told.
    const reads = read.mock.calls.length;
    fs.writeFileSync(file, JSON.stringify({ lang: 'en' }, null, 2));
    await vi.waitFor(() => expect(read.mock.settledResults.length).toBeGreaterThan(reads), { timeout: 5000, interval: 20 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(applied).toHaveLength(1);
    expect(settingsChanged).toHaveBeenCalledTimes(1);
  });

  it('a path that cannot be watched (through a file) is a log line at start, not a crash', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, '');
    const logged: string[] = [];
    stops.push(followFiles({
      content: { resourcesDir: dir, directoryFile: () => path.join(file, 'directory.yaml'), load: async () => ({ packs: [], calendars: [], errors: [] }), changed: () => {} },
      policy: { files: [path.join(file, 'policy.json')], read: async () => [], current: () => resolvePolicy([]), apply: () => {} },
      log: (l) => logged.push(l),
    }));
    expect(logged).toHaveLength(2);
    expect(logged.every((l) => /^changes to .* are picked up at the next start only \(ENOTDIR/.test(l))).toBe(true);
  });

  it('a policy file whose folder does not exist yet (IT deploys it later) is looked for on a timer and taken up when it appears', async () => {
    const resourcesDir = tempDir();
    const etc = path.join(tempDir(), 'etc-seatmate');
    const file = path.join(etc, 'policy.json');
    let policy: ResolvedPolicy = resolvePolicy([]);
    const logged: string[] = [];
    stops.push(followFiles({
      content: { resourcesDir, directoryFile: () => undefined, load: async () => ({ packs: [], calendars: [], errors: [] }), changed: () => {} },
      policy: { files: [file], read: () => readPolicyFiles([file]), current: () => policy, apply: (next) => { policy = next; } },
      log: (l) => logged.push(l),
      settleMs: 10,
      missingPollMs: 30,
    }));
    expect(logged).toEqual([]);
    fs.mkdirSync(etc);
    fs.writeFileSync(file, JSON.stringify({ lang: 'en' }));
    await vi.waitFor(() => expect(policy.enforced.lang).toBe('en'), { timeout: 3000, interval: 10 });
    expect(logged).toEqual([`policy reloaded from ${file}`]);
  });

  it('a reload that fails is a log line, never a crash of the host', async () => {
    const resourcesDir = tempDir();
    const logged: string[] = [];
    stops.push(followFiles({
      content: { resourcesDir, directoryFile: () => undefined, load: async () => { throw new Error('disk gone'); }, changed: () => {} },
      policy: { files: [], read: async () => [], current: () => resolvePolicy([]), apply: () => {} },
      log: (l) => logged.push(l),
      settleMs: 20,
    }));
    fs.writeFileSync(path.join(resourcesDir, 'directory.yaml'), 'numbers: []\n');
    await vi.waitFor(() => expect(logged).toContain('reloading content failed: disk gone'), { timeout: 5000, interval: 20 });
  });
});
