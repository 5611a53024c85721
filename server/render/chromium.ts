/** The one place that decides which Chromium to launch (CHROMIUM_PATH, Debian's /usr/bin/chromium, or the packaged @sparticuz/chromium) and launches it. */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import type { Browser } from 'playwright-core';

/** Debian's package: the documented browser for a server. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

// Flags keep the browser off this machine's closed network and quiet: it only lays out the HTML it is handed.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type ChromiumSource = 'path' | 'system' | 'packaged';
export type ResolvedChromium = { source: ChromiumSource; executablePath: string; env?: Record<string, string> };

/**
 * `choice` is CHROMIUM_PATH: a path to a browser, `packaged` to force the browser inside the npm package, or unset
 * for Debian's chromium when it is installed and the packaged one otherwise.
 */
export async function resolveChromium(choice?: string): Promise<ResolvedChromium> {
  if (choice && choice !== 'packaged') {
    if (!existsSync(choice)) throw new Error(`Chromium not found at CHROMIUM_PATH=${choice}`);
    return { source: 'path', executablePath: choice };
  }
  if (!choice && existsSync(SYSTEM_CHROMIUM)) return { source: 'system', executablePath: SYSTEM_CHROMIUM };
  return packagedChromium();
}

/** Launches the resolved browser with playwright-core, loaded only now: it is a dev dependency and the server starts without it. */
export async function launchChromium(choice?: string, extraArgs: string[] = []): Promise<Browser> {
  const resolved = await resolveChromium(choice);
  const { chromium } = await import('playwright-core').catch((err: unknown) => {
    throw new Error('PDF output and browser tests need the playwright-core package (npm ci installs it)', { cause: err });
  });
  return chromium.launch({
    executablePath: resolved.executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    env: resolved.env ? { ...process.env, ...resolved.env } : undefined,
  });
}

let unpacking: Promise<ResolvedChromium> | undefined;

/**
 * @sparticuz/chromium ships a brotli-packed headless Chromium with its NSS libraries and a few fonts. The package's own
 * unpacker writes to fixed names in /tmp and trusts any file already there, which races when several processes (test
 * workers, other checkouts) start at once; so the files are unpacked here into a staging folder that is renamed into
 * place in one step, one folder per package version.
 */
function packagedChromium(): Promise<ResolvedChromium> {
  unpacking ??= unpackPackaged().catch((err: unknown) => {
    unpacking = undefined;
    throw err;
  });
  return unpacking;
}

async function unpackPackaged(): Promise<ResolvedChromium> {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  } catch (err) {
    throw new Error(`no Chromium: ${SYSTEM_CHROMIUM} is missing and the @sparticuz/chromium package is not installed (npm ci installs it)`, { cause: err });
  }
  const pkgDir = join(dirname(entry), '..');
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const dir = join(tmpdir(), `cchc-chromium-${version}`);
  const resolved: ResolvedChromium = {
    source: 'packaged',
    executablePath: join(dir, 'chromium'),
    // The binary links NSS, NSPR and expat, which the package carries (built for Amazon Linux 2023, plain glibc otherwise).
    env: { LD_LIBRARY_PATH: join(dir, 'lib'), FONTCONFIG_FILE: join(dir, 'fonts.conf') },
  };
  if (existsSync(join(dir, 'ready'))) return resolved;

  await mkdir(tmpdir(), { recursive: true });
  const staging = await mkdtemp(join(tmpdir(), `cchc-chromium-${version}-`));
  try {
    const bin = join(pkgDir, 'bin');
    await pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(staging, 'chromium'), { mode: 0o755 }));
    await untarBrotli(join(bin, 'al2023.tar.br'), staging); // lib/
    await mkdir(join(staging, 'fonts'));
    await untarBrotli(join(bin, 'fonts.tar.br'), join(staging, 'fonts'));
    await writeFile(
      join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${join(dir, 'fonts')}</dir>\n  <cachedir>${join(dir, 'fontcache')}</cachedir>\n</fontconfig>\n`,
    );
    await writeFile(join(staging, 'ready'), `${version}\n`);
    await rename(staging, dir);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    // Another process renamed its copy into place first: use that one.
    if (existsSync(join(dir, 'ready'))) return resolved;
    throw err;
  }
  return resolved;
}

/** A .tar.br archive into a folder: brotli from node:zlib into a plain .tar, unpacked by the system's tar (no extra package). */
async function untarBrotli(archive: string, into: string): Promise<void> {
  const plain = `${into}.tar`;
  await pipeline(createReadStream(archive), createBrotliDecompress(), createWriteStream(plain));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const tar = spawn('tar', ['-x', '-C', into, '-f', plain], { stdio: ['ignore', 'ignore', 'inherit'] });
      tar.once('error', reject);
      tar.once('close', resolve);
    });
    if (code !== 0) throw new Error(`tar exited with ${code} unpacking ${archive}`);
  } finally {
    await rm(plain, { force: true });
  }
}
