/**
 * Schema-validation issues of a scenario file as a researcher reads them: the JSON path and the value,
 * every problem at once (`services[2].required: must be ≥ 1 (got 0)`). The wording is shared with
 * every other schema (`core/config-issues.ts`); a scenario's problems are always listed under its file.
 */
import { ConfigIssues, type Issue, listIssues } from '../core/config-issues.js';

export { formatPath, type Issue, toIssues } from '../core/config-issues.js';

/** Every problem of one document; a `ConfigError` (exit code 2) whose message lists them all. */
export class ScenarioError extends ConfigIssues {
  constructor(source: string, issues: readonly Issue[]) {
    super(source, issues);
    this.message = listIssues(source, issues);
  }
}
