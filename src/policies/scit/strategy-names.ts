/**
 * The built-in rotation strategies' names, in the order the commands list them. A module of its own, so
 * that a command can name them (`scitsim strategies`, option help) without loading the classes and
 * inversify: `ROTATION_STRATEGIES` (./module.ts) holds exactly these keys, in this order.
 */
export const ROTATION_STRATEGY_NAMES = [
  'conventional',
  'redundancy-preserving',
  'reserve-aware',
  'outage-aware',
  'look-ahead',
] as const;
