// The SIP password is sealed with the OS key store (DPAPI on Windows, Keychain on macOS,
// libsecret/kwallet on Linux) through Electron's safeStorage, and only the sealed bytes touch
// the disk. Where no real key store exists (Linux "basic_text" falls back to a fixed key) we
// refuse to persist it at all: the agent re-enters it each session.
import type { SafeStorage } from 'electron';

export interface SecretBox {
  canPersist(): boolean;
  seal(clear: string): string;
  open(sealed: string): string | undefined;
}

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?(): string;
};

export function createSecretBox(safeStorage: SafeStorageLike, platform: NodeJS.Platform, log: (m: string) => void): SecretBox {
  const canPersist = (): boolean => {
    if (!safeStorage.isEncryptionAvailable()) return false;
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return false;
    return true;
  };
  return {
    canPersist,
    seal: (clear) => {
      if (!canPersist()) throw new Error('no OS key store: the password cannot be stored');
      return safeStorage.encryptString(clear).toString('base64');
    },
    open: (sealed) => {
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch (error) {
        // A profile copied from another user or machine cannot be decrypted: ask again.
        log(`stored SIP password cannot be decrypted (${(error as Error).message}); the agent must enter it again`);
        return undefined;
      }
    },
  };
}
