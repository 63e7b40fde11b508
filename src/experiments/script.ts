/** Helpers for experiment scripts (the files in `examples/`): a script that is also an importable module. */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ConfigError } from '../core/errors.js';

/**
 * True when the module at `moduleUrl` (pass `import.meta.url`) is the script Node was started with, so
 * that a script can export its experiment for tests and other scripts and run it only when invoked.
 */
export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && resolve(entry) === fileURLToPath(moduleUrl);
}

/** The options a script accepts, as `node:util`'s `parseArgs` describes them. */
export type ScriptOptions = NonNullable<ParseArgsConfig['options']>;

/** The values `parseArgs` gives for `O` (strict: only the declared options, no positionals). */
export type ScriptValues<O extends ScriptOptions> = ReturnType<
  typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>
>['values'];

/** A command-line mistake in a script's arguments: one line on stderr and exit code 2. */
class ScriptUsageError extends Error {}

/**
 * Runs `main` when the module at `moduleUrl` is the script being run, with its command-line options
 * parsed by `node:util`'s `parseArgs` against `options` (none by default), as the `scitsim` command
 * treats its own:
 * - `--help` (or `-h`) prints the script's header comment (its first block comment: what it does and
 *   how to run it) and the options it accepts, and exits 0 without running it;
 * - an unknown option, a missing value or an argument the script does not take is one line on stderr
 *   and exit code 2;
 * - a `ConfigError` thrown by `main` (a bad value) is one line on stderr and exit code 2.
 */
export async function runScript<const O extends ScriptOptions = Record<never, never>>(
  moduleUrl: string,
  main: (values: ScriptValues<O>) => unknown,
  options?: O,
): Promise<void> {
  if (!isMainModule(moduleUrl)) return;
  const declared = (options ?? {}) as O;
  const name = basename(fileURLToPath(moduleUrl));
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(scriptHelp(moduleUrl, declared));
    return;
  }
  try {
    let values: ScriptValues<O>;
    try {
      ({ values } = parseArgs({ args, options: declared, strict: true, allowPositionals: false }));
    } catch (error) {
      throw new ScriptUsageError(usageMessage(error, declared));
    }
    await main(values);
  } catch (error) {
    if (error instanceof ScriptUsageError) {
      console.error(`${name}: ${error.message} (see --help)`);
      process.exitCode = 2;
      return;
    }
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Invalid configuration: ${error.message}`);
    process.exitCode = 2;
  }
}

/** `parseArgs`' message without its advice to pass `--` (a script takes no positionals). */
function usageMessage(error: unknown, options: ScriptOptions): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0].replace(/\.? ?To specify a positional argument.*$/, '');
  const names = Object.keys(options);
  const known =
    names.length === 0 ? 'it takes no options' : `options: ${names.map((n) => `--${n}`).join(', ')}`;
  return `${first.replace(/\.$/, '')}; ${known}`;
}

/** The script's first block comment as text, then its options with their defaults. */
export function scriptHelp(moduleUrl: string, options: ScriptOptions): string {
  const lines: string[] = [];
  let source = '';
  try {
    source = readFileSync(fileURLToPath(moduleUrl), 'utf8');
  } catch {
    // A compiled script without its source: the options alone.
  }
  const comment = /\/\*\*([\s\S]*?)\*\//.exec(source);
  if (comment !== null)
    lines.push(
      ...comment[1]
        .split('\n')
        .map((line) => line.replace(/^\s*\* ?/, ''))
        .join('\n')
        .trim()
        .split('\n'),
    );
  const names = Object.keys(options);
  lines.push('', names.length === 0 ? 'Options: --help (this text).' : 'Options:');
  for (const name of names) {
    const option = options[name];
    const value = option.type === 'string' ? ` <${option.multiple === true ? 'value…' : 'value'}>` : '';
    const fallback = option.default === undefined ? '' : ` (default ${JSON.stringify(option.default)})`;
    lines.push(`  --${name}${value}${fallback}`);
  }
  if (names.length > 0) lines.push('  --help, -h (this text)');
  return lines.join('\n');
}
