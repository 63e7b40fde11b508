#!/usr/bin/env node
// The API reports: one etc/<entry>.api.md per entry of package.json's `exports`, made by API Extractor
// from the declarations tsc emits for src/ (into .tmp/api-dts/, leaving dist/ alone).
//
//   node scripts/api-report.mjs           # npm run api: (re)writes etc/*.api.md
//   node scripts/api-report.mjs --check   # npm run api:check: fails when a report differs from the API
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DTS = join(ROOT, '.tmp/api-dts');
const check = process.argv.includes('--check');

rmSync(DTS, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    join(ROOT, 'node_modules/typescript/bin/tsc'),
    '-p',
    join(ROOT, 'tsconfig.build.json'),
    '--emitDeclarationOnly',
    '--declarationMap',
    'false',
    '--outDir',
    DTS,
  ],
  { stdio: 'inherit' },
);

/** `.` → scitsim.api.md and index.d.ts; `./sweep` → scitsim-sweep.api.md and sweep/index.d.ts. */
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const entries = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object' && target.types !== undefined)
  .map(([subpath, target]) => ({
    name: subpath === '.' ? pkg.name : `${pkg.name}${subpath.slice(1)}`,
    report: subpath === '.' ? `${pkg.name}.api.md` : `${pkg.name}-${subpath.slice(2).replaceAll('/', '-')}.api.md`,
    types: join(DTS, target.types.replace(/^\.\/dist\//, '')),
  }));

const base = ExtractorConfig.loadFile(join(ROOT, 'api-extractor.json'));
const changed = [];
for (const entry of entries) {
  const config = ExtractorConfig.prepare({
    configObject: {
      ...base,
      mainEntryPointFilePath: entry.types,
      apiReport: { ...base.apiReport, reportFileName: entry.report },
    },
    configObjectFullPath: join(ROOT, 'api-extractor.json'),
    packageJsonFullPath: join(ROOT, 'package.json'),
  });
  const result = Extractor.invoke(config, { localBuild: !check, showVerboseMessages: false });
  if (result.apiReportChanged) changed.push(`etc/${entry.report}`);
  if (result.errorCount > 0) {
    console.error(`${entry.name}: API Extractor reported ${result.errorCount} error(s)`);
    process.exitCode = 1;
  }
}

if (check && changed.length > 0) {
  console.error(
    `\nThe public API differs from its committed report (${changed.join(', ')}).\n` +
      'If the change is intended, run `npm run api` and commit the updated etc/*.api.md with it.',
  );
  process.exitCode = 1;
} else if (!check) {
  console.log(changed.length > 0 ? `updated: ${changed.join(', ')}` : 'API reports unchanged');
}
