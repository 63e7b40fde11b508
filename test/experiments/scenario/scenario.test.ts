import { access, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example6 } from '../../../examples/cloudsim/example6.js';
import { summaryJson } from '../../../src/experiments/scit/paper-experiment.js';
import { experimentResultSchema } from '../../../src/experiments/scit/result-schema.js';
import {
  createRunContainer,
  loadScenario,
  paperScitConfig,
  resolveScitConfig,
  runCloudsimScenario,
  runPaperExperiment,
  ScenarioError,
  scenarioJsonSchema,
  scitExperimentOptions,
  validateScenario,
} from '../../../src/index.js';
import { cloudletRows } from '../../../src/report/index.js';
import { cli } from '../../support/in-process-cli.js';
import { INJECTED_STRATEGY_SOURCE } from '../../support/strategy-class.js';
import { useTempDirs } from '../../support/temp-dirs.js';

const tempDir = useTempDirs('scitsim-scenario-');

const minimal = {
  kind: 'scit',
  hosts: 3,
  vmsPerHost: 4,
  services: [
    { name: 'Web', required: 6 },
    { name: 'DNS', required: 2 },
  ],
  exposureSeconds: 180,
  cleansingSeconds: 60,
};

describe('scenario files', () => {
  it('publishes the schema: schema/scenario.schema.json is what the code validates with', async () => {
    const published = await readFile('schema/scenario.schema.json', 'utf8');
    expect(published).toBe(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  });

  it('examples/paper/paper.scenario.json is the paper system with the paper’s defaults', async () => {
    const loaded = await loadScenario('examples/paper/paper.scenario.json');
    if (loaded.scenario.kind !== 'scit') throw new Error('expected a scit scenario');
    const options = await scitExperimentOptions({ ...loaded, scenario: loaded.scenario }, null);
    expect(options.config).toBeDefined();
    expect(resolveScitConfig(options.config ?? paperScitConfig())).toEqual(
      resolveScitConfig(paperScitConfig()),
    );
    expect(options).toMatchObject({
      seeds: 1000,
      cycles: 30,
      seed: 1,
      strategies: ['conventional', 'redundancy-preserving'],
    });
  });

  it('reports every problem at once, each with its JSON path and value', () => {
    const bad = {
      ...minimal,
      hosts: 0,
      services: [
        { name: 'Web', required: 6 },
        { name: 'DNS', required: 0, replicas: 2 },
      ],
      exposureSeconds: -1,
      strategies: ['conventional', 5],
    };
    let error: unknown;
    try {
      validateScenario(bad, 'bad.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const message = (error as Error).message;
    expect(message).toMatch(/^5 problems in bad\.json:/);
    expect(message).toContain('hosts: must be ≥ 1 (got 0)');
    expect(message).toContain('services[1].required: must be ≥ 1 (got 0)');
    expect(message).toContain(
      'services[1].replicas: unknown field; valid fields are: name, required, minimum, target, exposureSeconds, requests (got 2)',
    );
    expect(message).toContain('exposureSeconds: must be > 0 (got -1)');
    expect(message).toContain('strategies[1]: must be a built-in name or {"file"');
  });

  it('examples/paper/figure-7.scenario.json is the paper system with the Figure 7 layout, and runs', async () => {
    const loaded = await loadScenario('examples/paper/figure-7.scenario.json');
    if (loaded.scenario.kind !== 'scit') throw new Error('expected a scit scenario');
    const options = await scitExperimentOptions({ ...loaded, scenario: loaded.scenario }, null);
    expect(resolveScitConfig(options.config ?? paperScitConfig())).toEqual(
      resolveScitConfig(paperScitConfig('figure-7')),
    );
    const result = await runPaperExperiment({ ...options, seeds: 20, requestSeeds: 2, attack: null });
    expect(result.summary['redundancy-preserving'].minLevel).toEqual({ Web: 3, DNS: 2 });
  });

  it('takes a first-expiry order (layout, random or a list) and passes it to the system', async () => {
    for (const firstExpiryOrder of ['random', [7, 6, 5, 4, 3, 2, 1, 0]]) {
      const scenario = validateScenario(
        { ...minimal, layout: paperScitConfig().layout, firstExpiryOrder },
        's.json',
      );
      if (scenario.kind !== 'scit') throw new Error('expected a scit scenario');
      const options = await scitExperimentOptions({ scenario, file: 's.json' } as never, null);
      expect(resolveScitConfig(options.config ?? paperScitConfig()).firstExpiryOrder).toEqual(
        firstExpiryOrder,
      );
    }
    expect(() => validateScenario({ ...minimal, firstExpiryOrder: 'first' }, 's.json')).toThrow(
      /firstExpiryOrder/,
    );
  });

  it('sets the request seeds (requests.seeds), and runs none when no service has requests', async () => {
    const withLoad = validateScenario(
      {
        ...minimal,
        services: [
          { name: 'Web', required: 6, requests: { ratePerSecond: 5, meanLengthMi: 100 } },
          minimal.services[1],
        ],
        requests: { seeds: 3 },
        seeds: 5,
        cycles: 5,
      },
      's.json',
    );
    if (withLoad.kind !== 'scit') throw new Error('expected a scit scenario');
    const loaded = await scitExperimentOptions({ scenario: withLoad, file: 's.json' } as never, null);
    const result = await runPaperExperiment({ ...loaded, attack: null });
    expect(result.requestSeeds).toBe(3);
    expect(result.requestSummary?.['redundancy-preserving'].Web.runs).toBe(3);

    const noLoad = validateScenario({ ...minimal, seeds: 5, cycles: 5 }, 's.json');
    if (noLoad.kind !== 'scit') throw new Error('expected a scit scenario');
    const idle = await runPaperExperiment({
      ...(await scitExperimentOptions({ scenario: noLoad, file: 's.json' } as never, null)),
      attack: null,
    });
    expect(idle.requestSeeds).toBe(0);
    expect(idle.requestSummary).toBeUndefined();

    expect(() => validateScenario({ ...minimal, requests: { seeds: -1 } }, 's.json')).toThrow(
      /requests\.seeds.*-1/,
    );
  });

  it('runs the summary under attack with the scenario’s security block; its JSON follows the output contract', async () => {
    const scenario = validateScenario(
      {
        ...minimal,
        seeds: 4,
        cycles: 5,
        requests: { seeds: 0 },
        attack: { model: 'vm-escape' },
        security: { seeds: 3, maxSwitches: 2000, stop: 'system-failure' },
      },
      's.json',
    );
    if (scenario.kind !== 'scit') throw new Error('expected a scit scenario');
    const result = await runPaperExperiment(
      await scitExperimentOptions({ scenario, file: 's.json' } as never, null),
    );
    expect(result.security?.settings).toMatchObject({
      seeds: 3,
      maxSwitches: 2000,
      stopWhen: 'system-failure',
    });
    expect(result.security?.settings.derivation.seeds).toBe('given');
    const json = experimentResultSchema.parse(summaryJson(result));
    expect(json.settings.security?.seeds).toBe(3);
    expect(Object.keys(json.strategies)).toEqual(['conventional', 'redundancy-preserving']);
  });

  it('rejects sizes above the stated bounds before anything runs', () => {
    expect(() => validateScenario({ ...minimal, hosts: 1e12 }, 's.json')).toThrow(
      /hosts: must be ≤ 100000 \(a SCIT host costs .*\) \(got 1000000000000\)/,
    );
    expect(() => validateScenario({ ...minimal, seeds: 1e12 }, 's.json')).toThrow(
      /seeds: must be ≤ 10000000/,
    );
    expect(() => validateScenario({ ...minimal, cycles: 30, horizonSeconds: 60 }, 's.json')).toThrow(
      /horizonSeconds: give cycles or horizonSeconds, not both/,
    );
  });

  it('loads YAML, and strategies from files relative to the scenario', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'mine.mts'),
      [
        "import { type DistributionView, waitDecision } from 'scitsim';",
        'export class FirstSpare {',
        "  readonly name = 'first-spare';",
        "  choose(_r: unknown, view: DistributionView) { return view.totalSpares === 0 ? waitDecision('none') : { kind: 'switch' as const, spare: view.spareAt(0) }; }",
        '}',
      ].join('\n'),
    );
    await writeFile(
      join(dir, 'study.yaml'),
      [
        'kind: scit',
        'hosts: 3',
        'vmsPerHost: 4',
        'services:',
        '  - { name: Web, required: 6 }',
        '  - { name: DNS, required: 2 }',
        'exposureSeconds: 180',
        'cleansingSeconds: 60',
        'strategies: [conventional, { file: mine.mts, export: FirstSpare }]',
        'seeds: 20',
        'horizonSeconds: 3600',
      ].join('\n'),
    );
    const loaded = await loadScenario(join(dir, 'study.yaml'));
    if (loaded.scenario.kind !== 'scit') throw new Error('expected a scit scenario');
    const options = await scitExperimentOptions({ ...loaded, scenario: loaded.scenario }, null);
    const result = await runPaperExperiment(options);
    expect(Object.keys(result.summary)).toEqual(['conventional', 'first-spare']);
    expect(result.horizonSeconds).toBe(3600);
    // One expiry every E / online = 22.5 s: about 160 switches in an hour.
    expect(result.summary.conventional.cyclesPerRun).toBeGreaterThan(150);
  });

  it('a cloudsim scenario builds the same cloud as the script: example6.scenario.json = example6.ts', async () => {
    const loaded = await loadScenario('examples/cloudsim/example6.scenario.json');
    if (loaded.scenario.kind !== 'cloudsim') throw new Error('expected a cloudsim scenario');
    const fromFile = cloudletRows(await runCloudsimScenario({ ...loaded, scenario: loaded.scenario }));
    expect(fromFile).toEqual(cloudletRows(example6(createRunContainer())));
  });
});

describe('scitsim run', () => {
  it('prints, for paper.scenario.json with fewer seeds, exactly what scitsim paper prints with them', async () => {
    // The full file against npm start's output (1000 seeds) is scenario.long.test.ts.
    const dir = await tempDir();
    const scenario = JSON.parse(await readFile('examples/paper/paper.scenario.json', 'utf8'));
    scenario.$schema = undefined;
    await writeFile(
      join(dir, 'paper.json'),
      // No security block: its seeds default to min(seeds, 200), as for `scitsim paper --seeds 30`.
      JSON.stringify({
        ...scenario,
        seeds: 30,
        security: undefined,
        requests: { ...scenario.requests, seeds: 3 },
      }),
    );
    const printed = async (args: string[], out: string) => {
      const run = await cli(...args, '--out', out);
      expect(run).toMatchObject({ code: 0, err: '' });
      return run.out
        .replaceAll(out, '$OUT')
        .split('\n')
        .filter((line) => !/computed in \d/.test(line))
        .join('\n');
    };
    const fromFile = await printed(['run', join(dir, 'paper.json')], join(dir, 'run'));
    expect(fromFile).toMatch(/^SCIT with service redundancy — the paper's system:/);
    expect(fromFile).toContain('Client requests over seeds 1…3');
    expect(fromFile).toBe(
      await printed(['paper', '--seeds', '30', '--request-seeds', '3'], join(dir, 'paper')),
    );
  });

  it('exits 2 on a bad scenario, listing every problem, and writes nothing', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'bad.json'),
      JSON.stringify({ ...minimal, hosts: -2, cleansingSeconds: 'soon', output: { dir: join(dir, 'out') } }),
    );
    expect(await cli('run', join(dir, 'bad.json'))).toMatchObject({
      code: 2,
      out: '',
      err: expect.stringMatching(
        /2 problems in .*bad\.json:\n {2}hosts: must be ≥ 1 \(got -2\)\n {2}cleansingSeconds: must be a number \(got "soon"\)/,
      ),
    });
    await expect(access(join(dir, 'out'))).rejects.toThrow();
  });

  it('resolves every path of a scenario against the scenario file, output.dir included, wherever it runs', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'study.json'),
      JSON.stringify({ ...minimal, seeds: 2, cycles: 3, requests: { seeds: 0 }, output: { dir: 'results' } }),
    );
    const run = await cli('run', join(dir, 'study.json'));
    expect(run.code).toBe(0);
    expect((await readdir(join(dir, 'results'))).sort()).toContain('summary.json');
    await expect(access(join(process.cwd(), 'results'))).rejects.toThrow();
  });

  it("writes a cloudsim scenario's cloudlet table to --out (CSV and JSON at full precision), or to output.dir", async () => {
    const dir = await tempDir();
    const run = await cli('run', 'examples/cloudsim/example6.scenario.json', '--out', join(dir, 'out'));
    expect(run.code).toBe(0);
    const rows = cloudletRows([...example6(createRunContainer())]);
    const json = JSON.parse(await readFile(join(dir, 'out/cloudlets.json'), 'utf8'));
    expect(json).toEqual(JSON.parse(JSON.stringify(rows)));
    const csv = (await readFile(join(dir, 'out/cloudlets.csv'), 'utf8')).trimEnd().split('\n');
    expect(csv[0]).toBe('broker,cloudletId,status,datacenterId,vmId,cpuTime,start,finish');
    expect(csv).toHaveLength(rows.length + 1);
    expect(csv[1].split(',').map(String)).toEqual(Object.values(rows[0]).map(String));
    // From the file: relative to it.
    const scenario = JSON.parse(await readFile('examples/cloudsim/example6.scenario.json', 'utf8'));
    await writeFile(
      join(dir, 'six.json'),
      JSON.stringify({ ...scenario, $schema: undefined, output: { dir: 'table' } }),
    );
    expect((await cli('run', join(dir, 'six.json'))).code).toBe(0);
    expect((await readdir(join(dir, 'table'))).sort()).toEqual([
      'cloudlets.csv',
      'cloudlets.json',
      'report.html',
    ]);
    // The report: every cloudlet in a table, the scenario, links to the two files; nothing from the network.
    const html = await readFile(join(dir, 'out/report.html'), 'utf8');
    expect(html.match(/<tr>/g)?.length).toBe(rows.length + 1);
    expect(html).toContain('href="cloudlets.csv"');
    expect(html).toContain('href="cloudlets.json"');
    expect(html).toContain('CloudSimExample6');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('states the unit of every size and time of the system in the schema', () => {
    const text = JSON.stringify(scenarioJsonSchema());
    for (const unit of [
      'm_s, in VMs',
      'T_s, in hosts',
      'r_s, in VMs',
      'H, in hosts',
      'E, in seconds',
      'C, in seconds',
      'G, in seconds',
      'relative to the scenario file',
    ])
      expect(text).toContain(unit);
  });

  it('compiles a strategy file with parameter decorators in a new folder inside the clone (a hidden one too), as outside it', async () => {
    const folder = await mkdtemp(join(process.cwd(), '.tmp-my-study-'));
    try {
      await writeFile(join(folder, 'injected.ts'), INJECTED_STRATEGY_SOURCE);
      const run = await cli(
        'check',
        join(folder, 'injected.ts'),
        '--runs',
        '3',
        '--no-preserves-redundancy',
        '--seed',
        '1',
      );
      expect(run, run.err).toMatchObject({ code: 0, out: expect.stringContaining('All properties hold') });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
