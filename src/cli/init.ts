/**
 * `scitsim init DIR`: a ready study folder (see ./init-action.ts): a scenario of the paper's system, a
 * rotation strategy and an allocation policy of your own with their checks, a study script, the Slurm
 * batch script and a README of the next commands.
 */
import { Command } from '@commander-js/extra-typings';

/** The `init` command. */
export function initCommand() {
  return new Command('init')
    .description(
      'Create a study folder: package.json, tsconfig.json, scenario.json, your own strategy and allocation policy, a study script, sweep.sbatch and a README',
    )
    .argument('<dir>', 'the folder to create (it must not exist, or be empty)')
    .option(
      '--from <spec>',
      'where the study installs scitsim from (an npm install spec: a tarball, a folder, a git URL); default: the source this scitsim was installed from',
    )
    .action(async (dir, opts) => {
      const { initStudy } = await import('./init-action.js');
      await initStudy(dir, opts);
    });
}

export type InitOptions = ReturnType<ReturnType<typeof initCommand>['opts']>;
