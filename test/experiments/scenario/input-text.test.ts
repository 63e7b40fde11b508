/**
 * A scenario file is read as what it is (issue 20): bytes that are not UTF-8 are refused with the byte
 * offset, a byte-order mark is dropped, a JSON key given twice is refused with its path, a lone
 * surrogate or a control character in a name is refused with its path. Each through the command, in
 * this process: exit code 2, one message naming the file and where, nothing written.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/index.js';
import { findDuplicateKey, invalidUtf8Offset } from '../../../src/scenario/document.js';
import { cli } from '../../support/in-process-cli.js';
import { paperScenarioSystem } from '../../support/paper-scenario.js';
import { useTempDirs } from '../../support/temp-dirs.js';

const tempDir = useTempDirs('scitsim-text-');

/** The paper's system, a short run, as JSON text (one key a line: lines are predictable). */
const SCENARIO = JSON.stringify(
  { ...paperScenarioSystem(), seeds: 3, cycles: 5, requests: { seeds: 0 } },
  null,
  1,
);

async function file(name: string, content: string | Uint8Array): Promise<{ path: string; out: string }> {
  const dir = await tempDir();
  const path = join(dir, name);
  await writeFile(path, content);
  return { path, out: join(dir, 'out') };
}

/** `scitsim run FILE --out OUT` must fail with exit 2, write nothing, and print one error naming `file`. */
async function refused(path: string, out: string): Promise<string> {
  const { code, err } = await cli('run', path, '--out', out);
  expect(code).toBe(2);
  expect(err).toContain(path);
  expect(err).not.toMatch(/\n\s+at /); // no stack
  await expect(readdir(out)).rejects.toThrow();
  return err;
}

describe('scenario files read as UTF-8 text', () => {
  it('refuses a Latin-1 file, naming the byte, its offset and line (JSON and YAML)', async () => {
    // "Wéb" with é as the single byte 0xE9.
    const latin = Buffer.from(SCENARIO.replaceAll('Web', 'W\u00e9b'), 'latin1');
    const offset = latin.indexOf(0xe9);
    const line = latin.subarray(0, offset).toString('latin1').split('\n').length;
    const json = await file('latin.json', latin);
    expect(await refused(json.path, json.out)).toContain(
      `is not UTF-8 text: byte 0xE9 at offset ${offset} (line ${line},`,
    );
    const yaml = await file('latin.yaml', Buffer.from('kind: scit\nname: caf\u00e9\n', 'latin1'));
    expect(await refused(yaml.path, yaml.out)).toContain(
      'byte 0xE9 at offset 20 (line 2, byte 10 of the line)',
    );
  });

  it('finds the first ill-formed UTF-8 sequence (overlong, surrogate, truncated, past U+10FFFF)', () => {
    const at = (...bytes: number[]) => invalidUtf8Offset(Uint8Array.from(bytes));
    expect(at(0x61, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80)).toBe(-1); // "aé😀"
    expect(at(0x61, 0xc0, 0xaf)).toBe(1); // overlong "/"
    expect(at(0xe0, 0x80, 0xaf)).toBe(0); // overlong 3-byte form
    expect(at(0x61, 0xed, 0xa0, 0x80)).toBe(1); // UTF-8 of a surrogate (CESU-8)
    expect(at(0x61, 0x62, 0xe2, 0x82)).toBe(2); // truncated at the end
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0); // U+110000
    expect(at(0x61, 0x80)).toBe(1); // a lone continuation byte
  });

  it('accepts a UTF-8 byte-order mark (JSON and YAML): the same document as without it', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const json = await file('bom.json', Buffer.concat([bom, Buffer.from(SCENARIO)]));
    const loaded = await loadScenario(json.path);
    expect(loaded.document).toEqual(JSON.parse(SCENARIO));
    const yaml = await file('bom.yaml', Buffer.concat([bom, Buffer.from('kind: scit\nhosts: 3\n')]));
    // YAML: the BOM is not part of the first key (the schema then names what is missing, not "\ufeffkind").
    await expect(loadScenario(yaml.path)).rejects.toThrow(/services: is required/);
  });

  it('refuses a UTF-16 file, saying so', async () => {
    const utf16 = await file(
      'utf16.json',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SCENARIO, 'utf16le')]),
    );
    expect(await refused(utf16.path, utf16.out)).toContain(
      'byte 0xFF at offset 0 (line 1, byte 1 of the line) is not part of a UTF-8 character; it looks like UTF-16',
    );
  });
});

describe('a JSON key given twice', () => {
  it('is refused with the JSON path of the second and the lines of both', async () => {
    const lines = SCENARIO.split('\n');
    const at = lines.findIndex((l) => l.includes('"cleansingSeconds"'));
    lines.splice(at + 1, 0, ' "exposureSeconds": 120,');
    const first = lines.findIndex((l) => l.includes('"exposureSeconds"')) + 1;
    const twice = await file('twice.json', lines.join('\n'));
    expect(await refused(twice.path, twice.out)).toContain(
      `exposureSeconds: is given twice in one object (lines ${first} and ${at + 2}); JSON would keep only the last: remove one (got "exposureSeconds")`,
    );
  });

  it('is found at any depth, in arrays, and when one of the two is written with escapes', () => {
    expect(findDuplicateKey('{"a": [1, {"b": 1}, {"b": 2, "c": {"d": 1, "d": 2}}]}')).toEqual({
      path: ['a', 2, 'c', 'd'],
      lines: [1, 1],
    });
    expect(findDuplicateKey('{"na\\u006de": 1,\n"name": 2}')).toEqual({ path: ['name'], lines: [1, 2] });
    expect(findDuplicateKey('{"a": "}", "b": "\\"a\\"", "c": [{"a": 1}, {"a": 2}]}')).toBeUndefined();
    expect(findDuplicateKey('[{"x": {"y": 1}}, {"x": {"y": 2}}]')).toBeUndefined();
    // No recursion: any depth that JSON.parse takes.
    const deep = `${'['.repeat(100_000)}{"k": 1, "k": 2}${']'.repeat(100_000)}`;
    expect(findDuplicateKey(deep)?.path).toHaveLength(100_001);
  });

  it('is refused in YAML too, on one line naming its line', async () => {
    const yaml = await file('twice.yaml', 'kind: scit\nhosts: 3\nhosts: 4\n');
    const err = await refused(yaml.path, yaml.out);
    expect(err).toContain('is not valid YAML: Map keys must be unique at line 3, column 1');
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});

describe('strings that are not text', () => {
  it('refuses a lone surrogate in a name, naming the field path (JSON and YAML)', async () => {
    const json = await file('surrogate.json', SCENARIO.replace('"name": "DNS"', '"name": "D\\ud800NS"'));
    expect(await refused(json.path, json.out)).toContain(
      'services[1].name: holds a lone surrogate \\ud800 (half of a character, not text) at index 1 (got "D\\ud800NS")',
    );
    const yaml = await file('surrogate.yaml', 'kind: scit\nname: "x\\udc00"\n');
    expect(await refused(yaml.path, yaml.out)).toContain('name: holds a lone surrogate \\udc00');
  });

  it('refuses a control character that no SVG can hold, and a lone surrogate in a key', async () => {
    const control = await file('control.json', SCENARIO.replace('"name": "Web"', '"name": "W\\u0001eb"'));
    expect(await refused(control.path, control.out)).toContain(
      'services[0].name: holds the control character \\u0001 at index 1',
    );
    const key = await file('key.json', SCENARIO.replace('"hosts"', '"ho\\udfffsts"'));
    expect(await refused(key.path, key.out)).toMatch(/\["ho\\udfffsts"\]: its key holds a lone surrogate/);
  });
});
