import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../infra/build-assets.ts';
import { spawnLocalStack } from '../scripts/local/stack-process.ts';
import { benchDigest } from './digest.ts';
import { seconds } from './figures.ts';
import { benchFunctions } from './functions.ts';
import { benchLists } from './lists.ts';
import { benchMatching } from './matching.ts';
import { benchSignup } from './signup.ts';
import { benchTasks } from './tasks.ts';

/**
 * `npm run bench`: the figures — how long a cold `npm start` takes to be ready and to stop, synth
 * time, each function's bundle size and cold init, sign-up latency, matching and the weekly
 * digest at national scale. Bounded, loopback only.
 */

const coldStart = async () => {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'venner-bench-start-'));
  const begin = performance.now();
  const stack = await spawnLocalStack({
    stage: 'local',
    stateDir,
    args: ['--no-scheduler'],
    ports: { gateway: 3390, dynamodb: 8390, ses: 8395, cognito: 9590 },
  });
  const ready = performance.now() - begin;
  const stopBegin = performance.now();
  await stack.stop();
  rmSync(stateDir, { recursive: true, force: true });
  console.log(
    `\nCold npm start (fresh data folder) to ready: ${seconds(ready)}; stop to all stopped: ${seconds(performance.now() - stopBegin)}`,
  );
};

/** Runs `work`, keeping a copy of everything it prints with console.log (the figures). */
const capturingOutput = async (work: () => Promise<void>): Promise<string> => {
  const lines: string[] = [];
  const print = console.log;
  console.log = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
    print(...args);
  };
  try {
    await work();
  } finally {
    console.log = print;
  }
  return lines.join('\n').trim();
};

/**
 * Writes a part's printed figures into docs/performance.md between its markers
 * (`<!-- bench:NAME -->` … `<!-- /bench:NAME -->`), or at the end under a heading of its own, so
 * the document always shows the latest run beside the explanation of each figure.
 */
const writeLatestRun = (name: string, printed: string, machine: string) => {
  const file = path.join(projectRoot, 'docs', 'performance.md');
  const doc = readFileSync(file, 'utf8');
  const block = [
    `<!-- bench:${name} -->`,
    `Latest \`npm run bench -- ${name}\` (${new Date().toISOString().slice(0, 10)}, ${machine}):`,
    '',
    '```text',
    printed,
    '```',
    `<!-- /bench:${name} -->`,
  ].join('\n');
  const marked = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
  writeFileSync(
    file,
    marked.test(doc)
      ? doc.replace(marked, () => block)
      : `${doc.trimEnd()}\n\n## Latest run: ${name}\n\n${block}\n`,
  );
  console.log(`(written to docs/performance.md)`);
};

/** `npm run bench` runs every part; `npm run bench -- signup` (or another part's name) runs one. */
const parts: Record<string, () => Promise<void>> = {
  foundation: coldStart,
  functions: benchFunctions,
  signup: benchSignup,
  matching: benchMatching,
  digest: benchDigest,
  lists: benchLists,
  tasks: benchTasks,
};
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in parts));
if (unknown.length > 0) {
  console.error(`Unknown part ${unknown.join(', ')}. Parts: ${Object.keys(parts).join(', ')}`);
  process.exit(2);
}
const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`venner benchmark on ${machine}`);
for (const name of chosen.length > 0 ? chosen : Object.keys(parts)) {
  console.log(`\n== ${name}`);
  const printed = await capturingOutput(() => parts[name]?.() ?? Promise.resolve());
  writeLatestRun(name, printed, machine);
}
