import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the built static files go; `public/` under it is what the static-assets function serves. */
export const buildDir = path.join(projectRoot, '.build');

/**
 * Assembles `.build/public`: our own files from `web/public`, and from the Danish common design
 * system (dkfds) the stylesheet, the IBM Plex Sans web fonts it references and its icons.
 */
export const buildPublicAssets = (): string => {
  const out = path.join(buildDir, 'public');
  // Built aside and moved into place, and left alone when nothing changed: several processes
  // (a test stack, a synth, `npm start`) may build at once, and a running stack serves from here.
  mkdirSync(buildDir, { recursive: true });
  const fresh = mkdtempSync(path.join(buildDir, 'public-'));
  cpSync(path.join(projectRoot, 'web', 'public'), fresh, { recursive: true });
  // dkfds exports no package.json, so it is found where npm installs it.
  const dkfds = path.join(projectRoot, 'node_modules', 'dkfds', 'dist');
  const target = path.join(fresh, 'dkfds');
  cpSync(path.join(dkfds, 'css', 'dkfds.min.css'), path.join(target, 'css', 'dkfds.min.css'));
  for (const format of ['woff2', 'woff']) {
    cpSync(
      path.join(dkfds, 'fonts', 'IBMPlexSans', 'complete', format),
      path.join(target, 'fonts', 'IBMPlexSans', 'complete', format),
      { recursive: true },
    );
  }
  cpSync(path.join(dkfds, 'img'), path.join(target, 'img'), { recursive: true });
  const unchanged = () => {
    try {
      return existsSync(out) && assetVersion(out) === assetVersion(fresh);
    } catch {
      return false; // being replaced by another process right now
    }
  };
  if (unchanged()) {
    rmSync(fresh, { recursive: true, force: true });
    return out;
  }
  rmSync(out, { recursive: true, force: true });
  try {
    renameSync(fresh, out);
  } catch {
    // Another process moved its (identical) build into place first.
    rmSync(fresh, { recursive: true, force: true });
  }
  return out;
};

/**
 * The content hash of the built files (12 hex digits): asset URLs carry it (`/assets/<version>/…`),
 * so CloudFront and browsers may keep them for a year and a deploy with new files gets new URLs.
 */
export const assetVersion = (publicDir: string = path.join(buildDir, 'public')): string => {
  const hash = createHash('sha256');
  const files = readdirSync(publicDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files)
    hash.update(path.relative(publicDir, file)).update('\0').update(readFileSync(file));
  return hash.digest('hex').slice(0, 12);
};

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(`Built ${buildPublicAssets()}`);
}
