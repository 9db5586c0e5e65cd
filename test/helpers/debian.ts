import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';

/**
 * A program from a Debian package, installed with apt when it is missing (as the browser tests
 * do with Chromium); anywhere apt cannot run, one line saying what to install.
 */
export function debianBinary(binary: string, pkg: string): string {
  if (existsSync(binary)) return binary;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    // Two test files may ask at once: the second waits for the first's dpkg lock, not fail on it.
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', pkg], {
      stdio: 'ignore',
    });
  }
  if (!existsSync(binary)) throw new Error(`this test needs ${binary}: install it (apt-get install ${pkg})`);
  return binary;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The account server programs that refuse root (PostgreSQL, PgBouncer) run as when the tests run
 * as root: `postgres`. Undefined when not root: they run as the current user.
 */
export function serverAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  };
}
