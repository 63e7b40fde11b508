/**
 * Results of the CloudSim examples: one row per returned cloudlet, printed as CloudSim's table or as
 * JSON at full precision.
 */
import type { CloudletStatus, DatacenterBroker } from '../entities/index.js';
import { csvLine } from './csv.js';
import type { ReportPage } from './html-page.js';
import { type PrintedPart, table } from './printed.js';

/** One row of CloudSim's cloudlet table. Times in seconds. */
export interface CloudletRow {
  /** Broker (user) name. */
  broker: string;
  cloudletId: number;
  status: CloudletStatus;
  datacenterId: number;
  vmId: number;
  /** Finish − start, as CloudSim's getActualCPUTime. */
  cpuTime: number;
  start: number;
  finish: number;
}

/** The file a cloudlet table is written to, in an output directory (`scitsim run --out` on a cloudsim scenario). */
export const CLOUDLETS_CSV = 'cloudlets.csv';

/** The rows as CSV, one line per cloudlet, times at full precision. */
export function cloudletCsv(rows: readonly CloudletRow[]): string {
  const columns = [
    'broker',
    'cloudletId',
    'status',
    'datacenterId',
    'vmId',
    'cpuTime',
    'start',
    'finish',
  ] as const;
  return `${[csvLine(columns), ...rows.map((row) => csvLine(columns.map((column) => row[column])))].join('\n')}\n`;
}

/** Rows of every broker, in broker creation order, each in its return order. */
export function cloudletRows(brokers: readonly DatacenterBroker[]): CloudletRow[] {
  const rows: CloudletRow[] = [];
  for (const broker of [...brokers].sort((a, b) => a.id - b.id)) {
    for (const cloudlet of broker.cloudletsReceived) {
      rows.push({
        broker: broker.name,
        cloudletId: cloudlet.id,
        status: cloudlet.status,
        datacenterId: cloudlet.datacenterId,
        vmId: cloudlet.vmId ?? -1,
        cpuTime: cloudlet.actualCpuTime,
        start: cloudlet.execStartTime,
        finish: cloudlet.finishTime,
      });
    }
  }
  return rows;
}

/**
 * Formats like Java's `new DecimalFormat("###.##")`, which the CloudSim examples use: at most two
 * decimals, HALF_EVEN rounding, no trailing zeros ("400", "0.1", "3.02").
 */
export function formatTwoDecimals(value: number): string {
  const negative = value < 0;
  const magnitude = Math.abs(value);
  let text = magnitude.toFixed(2);
  // toFixed rounds exact ties (…xx5 exactly, e.g. 0.125) away from zero; DecimalFormat rounds them to even.
  const exact = magnitude.toFixed(40);
  if (/\.\d\d50*$/.test(exact)) {
    const cents = Math.floor(magnitude * 100);
    text = ((cents % 2 === 0 ? cents : cents + 1) / 100).toFixed(2);
  }
  text = text.replace(/0+$/, '').replace(/\.$/, '');
  return negative && text !== '0' ? `-${text}` : text;
}

const INDENT = '    ';

/** CloudSim's "OUTPUT" table for the rows of one broker. */
export function formatCloudletTable(rows: readonly CloudletRow[]): string {
  const lines = [
    '',
    '========== OUTPUT ==========',
    ['Cloudlet ID', 'STATUS', 'Data center ID', 'VM ID', 'Time', 'Start Time', 'Finish Time'].join(INDENT),
  ];
  for (const row of rows) {
    lines.push(
      INDENT +
        row.cloudletId +
        INDENT +
        INDENT +
        row.status +
        INDENT +
        INDENT +
        row.datacenterId +
        INDENT +
        INDENT +
        INDENT +
        row.vmId +
        INDENT +
        INDENT +
        formatTwoDecimals(row.cpuTime) +
        INDENT +
        INDENT +
        formatTwoDecimals(row.start) +
        INDENT +
        INDENT +
        formatTwoDecimals(row.finish),
    );
  }
  return lines.join('\n');
}

/** One table per broker (in creation order), headed by the broker's name and id when there are several. */
export function formatResults(rows: readonly CloudletRow[], brokers: readonly DatacenterBroker[]): string {
  const ordered = [...brokers].sort((a, b) => a.id - b.id);
  if (ordered.length === 1) return formatCloudletTable(rows);
  return ordered
    .map(
      (broker) =>
        `=============> User ${broker.id} (${broker.name})${formatCloudletTable(rows.filter((r) => r.broker === broker.name))}`,
    )
    .join('\n\n');
}

/** What a reader should know about the brokers' runs: VMs no datacenter could create, cloudlets that never ran. */
export function cloudWarnings(brokers: readonly DatacenterBroker[]): string[] {
  const warnings: string[] = [];
  for (const broker of brokers) {
    for (const vm of broker.vmsFailed) {
      const why = broker.vmFailures
        .filter((failure) => failure.vm === vm)
        .map((failure) => `${failure.datacenter.name}: ${failure.reason}`);
      warnings.push(
        `${broker.name}: VM ${vm.id} could not be created (${why.join(', ') || 'no datacenter'})`,
      );
    }
    for (const cloudlet of broker.cloudletsNotRun)
      warnings.push(
        `${broker.name}: cloudlet ${cloudlet.id} never ran (${cloudlet.status}: no VM could take it)`,
      );
  }
  return warnings;
}

/**
 * Prints the brokers' results as the CloudSim examples do: CloudSim's table per broker, or (`json`) one
 * JSON array of {@link CloudletRow}s at full precision, on stdout; {@link cloudWarnings} on stderr.
 */
export function printCloudletResults(brokers: readonly DatacenterBroker[], json: boolean): void {
  const rows = cloudletRows(brokers);
  console.log(json ? JSON.stringify(rows) : formatResults(rows, brokers));
  for (const warning of cloudWarnings(brokers)) console.error(`Warning: ${warning}`);
}

/** Rows the report page shows of a cloudlet table (every row is in cloudlets.csv). */
const REPORT_ROWS = 2000;

/**
 * `report.html` of a CloudSim scenario run (`scitsim run --out` on a `cloudsim` scenario): the
 * scenario, what the run printed (warnings, then each broker's cloudlet table, its first
 * {@link REPORT_ROWS} rows), and links to the files written beside it.
 */
export function cloudletReportPage(
  name: string,
  scenario: unknown,
  rows: readonly CloudletRow[],
  brokers: readonly DatacenterBroker[],
  files: readonly { name: string; about: string }[],
): ReportPage {
  const parts: PrintedPart[] = [];
  const warnings = cloudWarnings(brokers);
  if (warnings.length > 0) parts.push(...warnings.map((w) => `Warning: ${w}`), '');
  const header = [
    'broker',
    'cloudlet',
    'status',
    'datacenter',
    'VM',
    'CPU time (s)',
    'start (s)',
    'finish (s)',
  ];
  const shown = rows.slice(0, REPORT_ROWS);
  parts.push(
    `${rows.length} cloudlets returned to ${brokers.length} broker${brokers.length === 1 ? '' : 's'}` +
      (rows.length > shown.length
        ? `; the first ${shown.length} are shown (all are in ${CLOUDLETS_CSV}).`
        : '.'),
    table([
      header,
      ...shown.map((row) => [
        row.broker,
        String(row.cloudletId),
        row.status,
        String(row.datacenterId),
        String(row.vmId),
        formatTwoDecimals(row.cpuTime),
        formatTwoDecimals(row.start),
        formatTwoDecimals(row.finish),
      ]),
    ]),
  );
  return {
    title: `CloudSim run — ${name}`,
    about:
      'The cloudlets of a CloudSim scenario as its brokers received them, with the scenario that ran and ' +
      'the files written.',
    sections: [
      { heading: 'Results', blocks: [{ kind: 'printed', parts }] },
      { heading: 'Configuration', blocks: [{ kind: 'json', value: scenario }] },
      { heading: 'Files written', blocks: [{ kind: 'files', files }] },
    ],
  };
}
