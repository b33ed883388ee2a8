import { cpSync, mkdirSync, rmSync } from 'node:fs';
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
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(path.join(projectRoot, 'web', 'public'), out, { recursive: true });
  // dkfds exports no package.json, so it is found where npm installs it.
  const dkfds = path.join(projectRoot, 'node_modules', 'dkfds', 'dist');
  const target = path.join(out, 'dkfds');
  cpSync(path.join(dkfds, 'css', 'dkfds.min.css'), path.join(target, 'css', 'dkfds.min.css'));
  for (const format of ['woff2', 'woff']) {
    cpSync(
      path.join(dkfds, 'fonts', 'IBMPlexSans', 'complete', format),
      path.join(target, 'fonts', 'IBMPlexSans', 'complete', format),
      { recursive: true },
    );
  }
  cpSync(path.join(dkfds, 'img'), path.join(target, 'img'), { recursive: true });
  return out;
};

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(`Built ${buildPublicAssets()}`);
}
