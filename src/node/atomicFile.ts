// Writing a file so that a crash (kill -9, power loss) leaves either the old content or the new,
// never half of one (issue 14 §7): a temporary file in the same folder, flushed to disk, renamed
// over the target, and the folder flushed so the rename itself is durable.
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  // A settings file may hold a password: the new file keeps the old one's permissions (else owner only).
  const mode = await stat(file).then((s) => s.mode & 0o777, () => 0o600);
  const handle = await open(tmp, 'wx', mode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  const folder = await open(dir, 'r').catch(() => undefined);
  await folder?.sync().catch(() => undefined); // not every platform can flush a folder
  await folder?.close();
}
