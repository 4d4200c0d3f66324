import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/**
 * A Chromium for the browser tests, with nothing to install beyond `npm ci`: the system's
 * Chromium when there is one, otherwise the headless Chromium that the npm package
 * @sparticuz/chromium carries inside itself (a devDependency), decompressed once into the
 * temporary folder. When neither starts, the tests fail with both reasons: they never skip.
 */

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

/** The flags the tests always used: no sandbox (CI runs as root), no GPU. */
const FLAGS = ['--no-sandbox', '--disable-gpu'];

const WEAKENING = ['--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials'];

/**
 * Decompresses @sparticuz/chromium's binary into `<tmp>/ita-report-chromium-<version>/` and returns
 * the executable. The package itself decompresses into the temporary folder and takes an existing
 * file there for a finished one; decompressing into a private folder that is then renamed into
 * place means a concurrent or interrupted run can never leave a half-written browser behind.
 */
async function bundledChromium(): Promise<{ executablePath: string; args: string[] }> {
  const { default: packed } = await import('@sparticuz/chromium');
  const require = createRequire(import.meta.url);
  const packageDir = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..', '..');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  // No WebGL: the page does not use it, and the SwiftShader libraries then stay packed.
  packed.setGraphicsMode = false;
  const home = path.join(tmpdir(), `ita-report-chromium-${version}`);
  const executablePath = path.join(home, 'chromium');
  if (!existsSync(executablePath)) {
    const staging = mkdtempSync(`${home}.partial-`);
    // The package decompresses into os.tmpdir(), which follows TMPDIR.
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = staging;
    try {
      await packed.executablePath(path.join(packageDir, 'bin'));
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    try {
      renameSync(staging, home);
    } catch (err) {
      // Another run finished first: use its copy.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(executablePath)) throw err;
    }
  }
  // The package's flags for serverless hosts, less those that lift the browser's security: the
  // page is tested under the same-origin rules a clerk's browser enforces.
  const args = packed.args.filter((a) => !WEAKENING.includes(a));
  return { executablePath, args };
}

/** Starts a headless Chromium, saying which one; fails with every reason when none starts. */
export async function launchChromium(): Promise<{ browser: Browser; executablePath: string }> {
  const failures: string[] = [];
  const system = SYSTEM_CHROMIUM.find((p) => existsSync(p));
  if (system) {
    try {
      return { browser: await chromium.launch({ executablePath: system, args: FLAGS, headless: true }), executablePath: system };
    } catch (err) {
      failures.push(`system Chromium ${system}: ${(err as Error).message}`);
    }
  } else {
    failures.push(`no system Chromium (looked for ${SYSTEM_CHROMIUM.join(', ')})`);
  }
  try {
    const bundled = await bundledChromium();
    const browser = await chromium.launch({ executablePath: bundled.executablePath, args: [...bundled.args, ...FLAGS], headless: true });
    return { browser, executablePath: bundled.executablePath };
  } catch (err) {
    failures.push(`Chromium of the npm package @sparticuz/chromium (npm ci installs it): ${(err as Error).message}`);
  }
  throw new Error(`No Chromium could be started for the browser tests:\n- ${failures.join('\n- ')}`);
}
