import { once } from 'node:events';
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Pack } from 'tar-stream';

/** Counts what went into an archive, for progress and the closing line. */
export interface PackCounter {
  files: number;
  bytes: number;
  onBytes?: (bytes: number) => void;
}

const CHUNK = 256 * 1024;

function vanished(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Resolves when tar-stream has taken the whole entry. */
function entryDone(pack: Pack, header: Parameters<Pack['entry']>[0], body?: Buffer) {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error | null) => (error ? reject(error) : resolve());
    if (body) pack.entry(header, body, done);
    else pack.entry(header, done);
  });
}

/**
 * Adds one file as it is at this moment. A live database file may grow or shrink while it is
 * read: the entry keeps the size it had when opened (cut, or padded with zeros), which the
 * recovery of a backup taken with pg_backup_start makes good from the WAL. A file gone before
 * it was opened is left out, as PostgreSQL's documentation allows.
 */
export async function addFile(pack: Pack, file: string, name: string, counter: PackCounter): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if (vanished(error)) return;
    throw error;
  }
  try {
    const stat = await handle.stat();
    const size = stat.size;
    const sink = pack.entry({ name, size, mode: stat.mode & 0o7777, mtime: stat.mtime, type: 'file' });
    const finished = new Promise<void>((resolve, reject) => {
      sink.on('finish', resolve);
      sink.on('error', reject);
    });
    const buffer = Buffer.alloc(CHUNK);
    let position = 0;
    while (position < size) {
      const want = Math.min(CHUNK, size - position);
      const { bytesRead } = await handle.read(buffer, 0, want, position);
      // Shrunk while read: zeros stand in for the rest.
      const chunk = bytesRead === 0 ? Buffer.alloc(want) : Buffer.from(buffer.subarray(0, bytesRead));
      position += chunk.length;
      counter.bytes += chunk.length;
      counter.onBytes?.(counter.bytes);
      if (!sink.write(chunk)) await once(sink, 'drain');
    }
    sink.end(undefined);
    await finished;
    counter.files += 1;
  } finally {
    await handle.close();
  }
}

/** Adds a file made in memory (a label, a manifest). */
export async function addBuffer(pack: Pack, name: string, body: Buffer, counter: PackCounter): Promise<void> {
  await entryDone(pack, { name, size: body.length, mode: 0o600, mtime: new Date(), type: 'file' }, body);
  counter.files += 1;
  counter.bytes += body.length;
}

/**
 * Adds a directory tree under `name`; `keep(relative, isDirectory)` decides what goes in, and an
 * excluded directory's contents are left out while the directory itself stays (PostgreSQL needs
 * pg_wal/, pg_replslot/ and the like to exist, empty).
 */
export async function addTree(
  pack: Pack,
  dir: string,
  name: string,
  counter: PackCounter,
  keep: (relative: string, isDirectory: boolean) => 'all' | 'empty' | 'skip',
  relative = '',
): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(path.join(dir, relative), { withFileTypes: true });
  } catch (error) {
    if (vanished(error)) return;
    throw error;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    const isDirectory = entry.isDirectory();
    const decision = keep(rel, isDirectory);
    if (decision === 'skip') continue;
    if (isDirectory) {
      await entryDone(pack, { name: `${name}/${rel}`, type: 'directory', mode: 0o700, mtime: new Date() });
      if (decision === 'all') await addTree(pack, dir, name, counter, keep, rel);
    } else if (entry.isFile()) {
      await addFile(pack, path.join(dir, rel), `${name}/${rel}`, counter);
    }
  }
}
