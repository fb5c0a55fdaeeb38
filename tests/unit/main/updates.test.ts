// Issue 10, item 5: only signed updates install. A Windows build that cannot check an update's
// signature (no publisherName in its app-update.yml: an unsigned build) does not update at all.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readAppUpdateConfig, startUpdater, unsignedUpdateProblem } from '../../../src/main/updater.ts';

const SIGNED = 'provider: generic\nurl: https://updates.example.com/seatmate/\nchannel: latest\nupdaterCacheDirName: seatmate-updater\npublisherName:\n  - SeatMate\n';
const UNSIGNED = 'provider: generic\nurl: https://updates.example.com/seatmate/\nchannel: latest\nupdaterCacheDirName: seatmate-updater\n';

function fakeUpdater() {
  return { on: vi.fn(), checkForUpdates: vi.fn(async () => null), setFeedURL: vi.fn() } as unknown as Parameters<typeof startUpdater>[0] & { checkForUpdates: ReturnType<typeof vi.fn>; setFeedURL: ReturnType<typeof vi.fn> };
}

function start(platform: NodeJS.Platform, appUpdateYml: string | undefined) {
  const updater = fakeUpdater();
  const lines: string[] = [];
  const stop = startUpdater(updater, 'auto', 'https://updates.example.org/seatmate/', { log: (m) => lines.push(m), ready: () => {} },
    { platform, readUpdateConfig: () => appUpdateYml });
  stop();
  return { updater, lines };
}

describe('signed updates only', () => {
  it('an unsigned Windows build (app-update.yml without publisherName) refuses to update, and says why', () => {
    const { updater, lines } = start('win32', UNSIGNED);
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    expect(lines).toEqual([expect.stringMatching(/^updates: REFUSED — this build is unsigned \(app-update.yml names no publisherName\)/)]);
  });

  it.each([
    ['missing', undefined],
    ['empty publisherName', `${UNSIGNED}publisherName: ''\n`],
    ['empty list', `${UNSIGNED}publisherName: []\n`],
    ['not YAML', 'publisherName: [unclosed\n'],
  ])('a Windows build whose app-update.yml is %s refuses too', (_case, text) => {
    const { updater, lines } = start('win32', text);
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(lines[0]).toMatch(/^updates: REFUSED/);
  });

  it('a signed Windows build checks for updates (electron-updater verifies each against the publisher)', () => {
    const { updater, lines } = start('win32', SIGNED);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(lines.join()).not.toMatch(/REFUSED/);
    expect(unsignedUpdateProblem({ platform: 'win32', readUpdateConfig: () => `${UNSIGNED}publisherName: CN=Example Call Centre Ltd\n` })).toBeUndefined();
  });

  it('macOS leaves the check to Squirrel.Mac (an update must match the running app\'s signature)', () => {
    expect(start('darwin', undefined).updater.checkForUpdates).toHaveBeenCalledTimes(1);
  });

  it('reads app-update.yml from the resources folder; none there means undefined', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seatmate-upd-'));
    try {
      expect(readAppUpdateConfig(dir)).toBeUndefined();
      writeFileSync(join(dir, 'app-update.yml'), SIGNED);
      expect(readAppUpdateConfig(dir)).toBe(SIGNED);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
