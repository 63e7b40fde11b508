/**
 * The package as a researcher installs it, by the README's install steps word for word (section
 * "Install it in a project of your own", run as a shell script): `npm pack` in the clone (which builds
 * dist/), a fresh `npm init -y` project (CommonJS, npm's default), `npm install` of the tarball,
 * `npx scitsim init study`, and in the study `npm install && npm test && npm start`. Then, in that
 * project, with imports from 'scitsim' only: a plain .mjs script, the subpath entries and no internals,
 * a TypeScript script with a strategy class of its own, and the `scitsim` command on files of the
 * project. Last, every file path the command prints (help and output) is in the packed package.
 *
 * The clone is a copy of this one's files (no node_modules, no dist/), so every step runs as written.
 * Slow (an npm ci, a build and three installs), so not part of `npm test`: run it with `npm run test:package`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { access, cp, lstat, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = process.cwd();
const VERSION = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;
const TARBALL = `scitsim-${VERSION}.tgz`;
let work: string;
let project: string;
/** What the README's install steps printed (stdout and stderr). */
let installLog: string;

const run = (command: string, args: string[], cwd = project) =>
  exec(command, args, { cwd, env: { ...process.env, CI: 'true' }, maxBuffer: 1 << 24 });

/** The first ```sh block of the README section headed `heading`. */
async function shellBlock(heading: string): Promise<string> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(start));
  if (block === null) throw new Error(`README section "${heading}" has no sh block`);
  return block[1];
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'scitsim-pack-'));
  // The README starts in the clone, a folder named scitsim beside where the project goes: a copy of
  // this one's files (tracked, and new ones not ignored), as a fresh clone has them.
  const clone = join(work, 'scitsim');
  const { stdout: listed } = await run(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    ROOT,
  );
  for (const file of listed.split('\0').filter((name) => name !== '' && existsSync(join(ROOT, name))))
    await cp(join(ROOT, file), join(clone, file), { recursive: true });
  const steps = await shellBlock('Install it in a project of your own');
  expect(steps).toContain(`npm install ../scitsim/${TARBALL}`);
  const { stdout, stderr } = await run('bash', ['-euo', 'pipefail', '-c', steps], work);
  installLog = `${stdout}\n${stderr}`;
  project = join(work, 'my-project');
}, 900_000);

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

describe("the README's install steps", () => {
  it('make a CommonJS project with the package, and a study that installs, checks and runs', async () => {
    const manifest = JSON.parse(await readFile(join(project, 'package.json'), 'utf8'));
    expect(manifest.type ?? 'commonjs').toBe('commonjs');
    expect(installLog).toContain(`${VERSION}\n`); // npx scitsim --version
    // The study installs scitsim from the tarball the project was installed from, as its own copy.
    const study = join(project, 'study');
    const studyManifest = JSON.parse(await readFile(join(study, 'package.json'), 'utf8'));
    expect(studyManifest.type).toBe('module');
    expect(studyManifest.dependencies.scitsim).toBe(`file:${join(work, 'scitsim', TARBALL)}`);
    expect((await lstat(join(study, 'node_modules/scitsim'))).isDirectory()).toBe(true);
    // npm test: the spec checker on the strategy, then the allocation contract on the policy.
    expect(installLog).toContain('All properties hold.');
    expect(installLog).toContain('FewestOfItsService: passes the allocation-policy contract');
    // npm start: the table of the paper's strategy and the study's own, under attack too.
    expect(installLog).toMatch(/redundancy-preserving\s+move-away/);
    expect(installLog).toContain('MTTSF, system');
  });

  it('refuse to init a study into a folder that is not empty', async () => {
    const refused = await run('npx', ['scitsim', 'init', 'study']).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not empty');
  });
});

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

  it('runs a TypeScript script with its own strategy class under tsx, in a CommonJS project', async () => {
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

  it('loads a strategy file of a CommonJS project as an ES module (top-level await), one scitsim', async () => {
    // Top-level await compiles only as an ES module; as such the file's 'scitsim' is the command's.
    await writeFile(join(project, 'awaits.ts'), `await Promise.resolve();\n${STRATEGY}`);
    const check = await run('npx', ['scitsim', 'check', 'awaits.ts', '--runs', '5', '--seed', '1']);
    expect(check.stdout).toContain('All properties hold.');
  });

  it("builds a strategy written with the project's own inversify decorators (the package inlines its copy)", async () => {
    // `inject` and `injectable` from 'inversify' itself, not from 'scitsim': the command's container
    // (inversify inlined in dist/) reads the metadata they leave in the global Reflect registry.
    await writeFile(
      join(project, 'own-inversify.ts'),
      [
        "import { inject, injectable } from 'inversify';",
        'import { chooseSpareWhere, type DistributionView, keepsTarget, type RandomStream, type RotationStrategy, SIMULATION,',
        "  type Simulation, type SwitchRequest } from 'scitsim';",
        '@injectable()',
        'export class KeepTargetsOwn implements RotationStrategy {',
        "  readonly name = 'keep-targets-own';",
        '  constructor(@inject(SIMULATION) private readonly sim: Simulation) {}',
        '  choose(request: SwitchRequest, view: DistributionView, random: RandomStream) {',
        "    if (!(this.sim.now >= 0)) throw new Error('no simulation injected');",
        '    const spare = chooseSpareWhere(view, random, (to) => keepsTarget(view, request.service, request.host, to));',
        "    return spare < 0 ? { kind: 'wait' as const, reason: 'none' } : { kind: 'switch' as const, spare };",
        '  }',
        '}',
      ].join('\n'),
    );
    const check = await run('npx', ['scitsim', 'check', 'own-inversify.ts', '--runs', '5', '--seed', '1']);
    expect(check.stdout).toContain('All properties hold.');
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
    // report.html, with vega's browser build found in the installed package and inlined (no network).
    const report = await readFile(join(project, 'out', 'report.html'), 'utf8');
    expect(report).toContain('<figure class="chart"');
    expect(report).toContain('keep-targets');
    expect(report.length).toBeGreaterThan(300_000);
    expect(report).not.toMatch(/(src|href)="(https?:)?\/\//);
    // The security study's worker threads load the installed dist/ and the project's strategy file.
    const security = await run('npx', [
      ...['scitsim', 'security', '--workers', '2', '--seeds', '5', '--preset-seeds', '5', '--schedules', '0'],
      ...[
        '--exposures',
        '90',
        '--intervals',
        '300',
        '--json',
        '--out',
        'security-out',
        '--strategy-file',
        'strategy.ts',
      ],
    ]);
    expect(Object.keys(JSON.parse(security.stdout).strategies)).toEqual(
      expect.arrayContaining(['conventional', 'keep-targets']),
    );
  });

  it('runs a sweep on worker threads from the installed dist/, as from the sources', async () => {
    // The relaunched sweep process and its workers (bin/sweep-worker.mjs) load the bundled dist/.
    const scenario = 'node_modules/scitsim/examples/scit/exposure.sweep.json';
    await run('npx', ['scitsim', 'sweep', scenario, '--workers', '2', '--out', 'sweep-out']);
    const summary = (await readFile(join(project, 'sweep-out', 'summary.csv'), 'utf8')).trim().split('\n');
    // 5 exposure times × 2 strategies, 200 seeds each.
    expect(summary.slice(1).map((row) => row.split(',').slice(1, 4).join(','))).toEqual(
      [60, 120, 180, 300, 600].flatMap((e) => [`${e},conventional,200`, `${e},redundancy-preserving,200`]),
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

describe('every file a command mentions', () => {
  it('is in the packed package', async () => {
    const [{ files }] = JSON.parse(
      (await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], join(work, 'scitsim'))).stdout,
    ) as [{ files: { path: string }[] }];
    const packed = new Set(files.map((file) => file.path));
    const bin = join(project, 'node_modules/scitsim/bin/scitsim.mjs');
    const scitsim = async (...args: string[]) => (await run(process.execPath, [bin, ...args])).stdout;
    const top = await scitsim('--help');
    const commands = [...top.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]).filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['paper', 'run', 'scale', 'init', 'check']));
    const texts = [top, ...(await Promise.all(commands.map((command) => scitsim(command, '--help'))))];
    texts.push(await scitsim('paper', '--seeds', '10', '--out', join(work, 'paper-out')));
    const mentioned = new Set(
      texts.flatMap((text) =>
        [
          ...text.matchAll(
            /(?:node_modules\/scitsim\/)?\b((?:examples|schema|templates|bin|dist|docs|src|test)\/[\w./-]*\w)/g,
          ),
        ].map((m) => m[1]),
      ),
    );
    expect([...mentioned]).toEqual(
      expect.arrayContaining([
        'schema/scenario.schema.json',
        'examples/paper/exact.ts',
        'examples/cloudsim/README.md',
      ]),
    );
    for (const path of mentioned) expect([...packed], path).toContain(path);
    for (const path of mentioned) await access(join(project, 'node_modules/scitsim', path));
  });
});
