import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { resolveScitConfig, type ScitConfig } from '../../../src/entities/scit/config.js';
import { paperScitConfig } from '../../../src/entities/scit/paper-system.js';

function errorOf(config: ScitConfig): ConfigError {
  try {
    resolveScitConfig(config);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveScitConfig', () => {
  describe('having the paper configuration', () => {
    it('fills in targets min(required, hosts), G = 0 and the staggered initial timing', () => {
      const config = resolveScitConfig(paperScitConfig());
      expect(config.services.map((s) => [s.name, s.target, s.minimum])).toEqual([
        ['Web', 3, 1],
        ['DNS', 2, 1],
      ]);
      expect(config.graceSeconds).toBe(0);
      expect(config.firstExpirySeconds).toEqual([22.5, 45, 67.5, 90, 112.5, 135, 157.5, 180]);
      expect(config.firstCleansingDoneSeconds).toEqual([20, 40, 60]);
    });
  });

  describe('having no layout', () => {
    it('deals Active VMs round-robin so that every service reaches min(required, hosts)', () => {
      const config = resolveScitConfig({
        hosts: 4,
        vmsPerHost: 3,
        services: [
          { name: 'A', required: 5 },
          { name: 'B', required: 2 },
        ],
        exposureSeconds: 10,
        cleansingSeconds: 5,
      });
      const hostsWith = (s: number) =>
        config.layout.filter((host) => host.some((slot) => slot.state === 'active' && slot.service === s))
          .length;
      expect(hostsWith(0)).toBe(4);
      expect(hostsWith(1)).toBe(2);
      expect(config.layout.flat().filter((slot) => slot.state === 'spare')).toHaveLength(5);
    });
  });

  describe('having bad input', () => {
    const cases: [string, (c: ScitConfig) => void, string, unknown][] = [
      [
        'unknown service in the layout',
        (c) =>
          (c.layout = [
            ['Web', 'Web', 'Web', 'spare'],
            ['Web', 'FTP', 'cleansing', 'cleansing'],
            ['Web', 'Web', 'DNS', 'cleansing'],
          ]),
        'layout[1][1]',
        'FTP',
      ],
      [
        'required counts that cannot be placed',
        (c) => {
          c.services[0].required = 11;
          c.layout = undefined;
        },
        'services',
        13,
      ],
      [
        'required count differing from the layout',
        (c) => (c.services[0].required = 5),
        'services[0].required',
        5,
      ],
      [
        'a target unreachable from the layout',
        (c) =>
          (c.layout = [
            ['Web', 'Web', 'Web', 'spare'],
            ['Web', 'DNS', 'DNS', 'cleansing'],
            ['Web', 'Web', 'spare', 'cleansing'],
          ]),
        'services[1].target',
        2,
      ],
      ['a target above min(required, hosts)', (c) => (c.services[1].target = 3), 'services[1].target', 3],
      ['zero exposure time', (c) => (c.exposureSeconds = 0), 'exposureSeconds', 0],
      ['negative cleansing time', (c) => (c.cleansingSeconds = -60), 'cleansingSeconds', -60],
      ['negative grace time', (c) => (c.graceSeconds = -1), 'graceSeconds', -1],
      ['NaN exposure', (c) => (c.exposureSeconds = Number.NaN), 'exposureSeconds', Number.NaN],
      ['a host with more VMs than it holds', (c) => c.layout?.[0].push('spare'), 'layout[0]', 5],
      ['minimum above required', (c) => (c.services[1].minimum = 3), 'services[1].minimum', 3],
      ['a duplicate service', (c) => (c.services[1].name = 'Web'), 'services[1].name', 'Web'],
      ['an unknown field', (c) => Object.assign(c, { exposure: 180 }), 'exposure', 180],
      ['a fractional host count', (c) => (c.hosts = 2.5), 'hosts', 2.5],
      ['wrong number of first expiries', (c) => (c.firstExpirySeconds = [1, 2]), 'firstExpirySeconds', 2],
    ];
    for (const [what, mutate, field, value] of cases) {
      it(`names the field and the value for ${what}`, () => {
        const config = paperScitConfig();
        mutate(config);
        const error = errorOf(config);
        expect(error.field).toBe(field);
        expect(error.value).toEqual(value);
        expect(error.message).toContain(field);
      });
    }
  });
});
