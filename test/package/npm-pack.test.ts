/**
 * The package as a researcher installs it: `npm pack` (which builds dist/), install the tarball into an
 * empty project, and use it there with imports from 'scitsim' only — a plain .mjs script, the subpath
 * entries (`scitsim/analysis`, `/checks`, `/report`, `/sweep`) and no internals, a TypeScript script
 * with a strategy class of its own, and the `scitsim` command on a file of that project.
 *
 * Slow (a build and an install), so not part of `npm test`: run it with `npm run test:package`.
 */
import { execFile } from 'node:child_process';
import { access, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = process.cwd();
let work: string;
let project: string;

const run = (command: string, args: string[], cwd = project) =>
  exec(command, args, { cwd, env: { ...process.env, CI: 'true' }, maxBuffer: 1 << 24 });

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'scitsim-pack-'));
  await run('npm', ['pack', '--pack-destination', work], ROOT);
  const tarball = (await readdir(work)).find((file) => file.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('npm pack made no tarball');
  project = join(work, 'project');
  await exec('mkdir', ['-p', project]);
  await writeFile(
    join(project, 'package.json'),
    '{ "name": "my-study", "private": true, "type": "module" }\n',
  );
  await writeFile(
    join(project, 'tsconfig.json'),
    '{ "compilerOptions": { "experimentalDecorators": true, "module": "NodeNext", "moduleResolution": "NodeNext", "target": "ES2022", "strict": true } }\n',
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, tarball)]);
}, 300_000);

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

const STRATEGY = `
import { chooseSpareWhere, type DistributionView, injectable, keepsTarget, type RandomStream,
  type RotationStrategy, type SwitchRequest } from 'scitsim';

@injectable()
export class KeepTargets implements RotationStrategy {
  readonly name = 'keep-targets';
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream) {
    const spare = chooseSpareWhere(view, random, (to) => keepsTarget(view, request.service, request.host, to));
    return spare < 0 ? { kind: 'wait' as const, reason: 'no spare keeps the targets' } : { kind: 'switch' as const, spare };
  }
}
`;

describe('the packed package, installed into an empty project', () => {
  it('ships dist/, the command and no sources', async () => {
    const files = await readdir(join(project, 'node_modules/scitsim'));
    expect(files).toEqual(expect.arrayContaining(['dist', 'bin', 'package.json', 'tsconfig.runtime.json']));
    expect(files).not.toContain('src');
  });

  it('runs a plain .mjs script that imports only from scitsim', async () => {
    await writeFile(
      join(project, 'summary.mjs'),
      [
        "import { createRunContainer, paperScitConfig, resolveScitConfig, summarizeSeeds } from 'scitsim';",
        "const container = createRunContainer({ rotation: 'conventional' });",
        'const summary = summarizeSeeds(container, resolveScitConfig(paperScitConfig()), { seeds: 50, cycles: 30 });',
        'console.log(JSON.stringify(summary.minLevel));',
      ].join('\n'),
    );
    const { stdout } = await run(process.execPath, ['summary.mjs']);
    expect(JSON.parse(stdout)).toEqual({ Web: 2, DNS: 1 });
  });

  it('has the root entry and each subpath entry, with types, and nothing else', async () => {
    const manifest = JSON.parse(await readFile(join(project, 'node_modules/scitsim/package.json'), 'utf8'));
    const entries = Object.entries(manifest.exports as Record<string, { types: string; import: string }>);
    expect(entries.map(([subpath]) => subpath)).toEqual([
      '.',
      './analysis',
      './checks',
      './report',
      './sweep',
      './package.json',
    ]);
    for (const [, target] of entries.filter(([subpath]) => subpath !== './package.json')) {
      await access(join(project, 'node_modules/scitsim', target.types));
      await access(join(project, 'node_modules/scitsim', target.import));
    }
    await writeFile(
      join(project, 'entries.mjs'),
      [
        "import * as root from 'scitsim';",
        "import { estimateOf } from 'scitsim/analysis';",
        "import { SPEC_PROPERTIES } from 'scitsim/checks';",
        "import { timelineCsv } from 'scitsim/report';",
        "import { gridParameters } from 'scitsim/sweep';",
        'console.log(JSON.stringify({',
        '  mean: estimateOf([1, 2, 3]).mean,',
        '  properties: SPEC_PROPERTIES.length > 0,',
        "  csv: timelineCsv([], ['Web']).split('\\n')[0],",
        "  grid: gridParameters({ 'services[0].required': [1, 2] }).length,",
        "  internal: ['cellFileName', 'splitCsv', 'HEARTBEAT_BYTES', 'buildFailure'].filter((name) => name in root),",
        '}));',
        "try { await import('scitsim/dist/sweep/output.js'); console.log('deep import allowed'); }",
        'catch (error) { console.log(error.code); }',
      ].join('\n'),
    );
    const { stdout } = await run(process.execPath, ['entries.mjs']);
    const [summary, deep] = stdout.trim().split('\n');
    expect(JSON.parse(summary)).toEqual({
      mean: 2,
      properties: true,
      csv: 'cycle,time_s,Web_level',
      grid: 1,
      internal: [],
    });
    expect(deep).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('runs a TypeScript script with its own strategy class under tsx', async () => {
    await writeFile(join(project, 'strategy.ts'), STRATEGY);
    await writeFile(
      join(project, 'study.ts'),
      [
        "import { createRunContainer, paperScitConfig, resolveScitConfig, summarizeSeeds } from 'scitsim';",
        "import { KeepTargets } from './strategy.js';",
        'const summary = summarizeSeeds(createRunContainer({ rotation: KeepTargets }), resolveScitConfig(paperScitConfig()), { seeds: 50, cycles: 30 });',
        'console.log(summary.strategy, JSON.stringify(summary.minLevel));',
      ].join('\n'),
    );
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'study.ts']);
    expect(stdout.trim()).toBe('keep-targets {"Web":3,"DNS":2}');
  });

  it('runs the scitsim command on a strategy file of the project', async () => {
    await writeFile(join(project, 'strategy.ts'), STRATEGY);
    const check = await run('npx', ['scitsim', 'check', 'strategy.ts', '--runs', '5', '--seed', '1']);
    expect(check.stdout).toContain('All properties hold.');
    const paper = await run('npx', [
      'scitsim',
      'paper',
      '--seeds',
      '10',
      '--json',
      '--out',
      'out',
      '--strategy-file',
      'strategy.ts',
    ]);
    expect(Object.keys(JSON.parse(paper.stdout).strategies)).toEqual(
      expect.arrayContaining(['conventional', 'keep-targets']),
    );
  });

  it('prints its version, and as its schema what the installed library builds', async () => {
    const version = await run(process.execPath, ['node_modules/scitsim/bin/scitsim.mjs', '--version']);
    const manifest = JSON.parse(await readFile(join(project, 'node_modules/scitsim/package.json'), 'utf8'));
    expect(version.stdout).toBe(`${manifest.version}\n`);
    // The command prints the schema file it ships: it must be what the installed function builds.
    const schema = await run(process.execPath, ['node_modules/scitsim/bin/scitsim.mjs', 'schema']);
    const built = await run(process.execPath, [
      '--input-type=module',
      '-e',
      "import { scenarioJsonSchema } from 'scitsim'; console.log(JSON.stringify(scenarioJsonSchema(), null, 2));",
    ]);
    expect(schema.stdout).toBe(built.stdout);
  });
});
