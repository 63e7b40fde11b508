/**
 * report.html without a browser (the browser test is `npm run test:browser`): one real report is
 * self-contained (no address outside it, every link a file it sits beside), and nothing inserted —
 * a name with `</script>` or markup — can break out of its place.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seriesChart } from '../../src/report/charts.js';
import { escapeHtml, REPORT_HTML, reportHtml, scriptJson } from '../../src/report/html-page.js';
import { cli } from '../support/in-process-cli.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('scitsim-report-');

/** The contents of every `<script …>…</script>` element, in order. */
const scripts = (html: string) => [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);

describe('report.html', () => {
  it('of scitsim paper is one self-contained page whose links are the files written beside it', async () => {
    const out = join(await tempDir(), 'paper');
    const { code } = await cli('paper', '--seeds', '4', '--request-seeds', '0', '--out', out);
    expect(code).toBe(0);
    const html = await readFile(join(out, REPORT_HTML), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    // Nothing from elsewhere: no script, style, image or font fetched, no link leaving the folder.
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    const style = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? '';
    expect(style).not.toMatch(/@import|@font-face|url\(/);
    const links = [...html.matchAll(/href="([^"#][^"]*)"/g)].map((m) => decodeURIComponent(m[1]));
    expect(links).toEqual(
      expect.arrayContaining(['conventional.levels.svg', 'redundancy-preserving.levels.csv', 'summary.json']),
    );
    for (const link of links) expect((await stat(join(out, link))).isFile(), link).toBe(true);
    // Two charts (their vega specs inline), vega's build inline, and the tables the command prints.
    expect(html.match(/<figure class="chart"/g)).toHaveLength(2);
    // A paragraph's indented lines (aligned columns) stay a listing after its opening lines.
    expect(html).toMatch(/In this run:<\/p>\n<pre class="listing"> {2}conventional {2,}Web {2}below target/);
    expect(
      scripts(html).filter((s) => s.includes('"$schema":"https://vega.github.io/schema/vega/')),
    ).toHaveLength(2);
    expect(scripts(html).some((s) => s.includes('vega') && s.length > 300_000)).toBe(true);
    expect((html.match(/<table>/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('<th>DNS: cycles below target (2)</th>');
  });

  it('escapes what it inserts: a name with </script> or markup stays text', async () => {
    const name = '</script><img src=x onerror=alert(1)>\u2028"\'&';
    const html = await reportHtml({
      title: name,
      about: name,
      sections: [
        {
          heading: name,
          blocks: [
            {
              kind: 'printed',
              parts: [
                name,
                '',
                {
                  table: [
                    ['', name],
                    [name, '1.0 s'],
                  ],
                },
              ],
            },
            {
              kind: 'chart',
              spec: seriesChart([{ x: 1, mean: 1, low: 0, high: 2, series: name }], {
                title: name,
                x: { title: 'x' },
                y: { title: 'y' },
                seriesTitle: name,
              }),
              file: name,
            },
            { kind: 'json', value: { name } },
            { kind: 'files', files: [{ name, about: name }] },
          ],
        },
      ],
    });
    expect(html).not.toContain('<img');
    expect(html).toContain(escapeHtml(name));
    // Every script element ends where it should: the chart's JSON parses whole and holds the name.
    const json = scripts(html).find((s) => s.startsWith('{'));
    expect(json).toBeDefined();
    expect(JSON.stringify(JSON.parse(json as string))).toContain(JSON.stringify(name).slice(1, -1));
    expect(html).toContain('href="%3C/script%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%E2%80%A8%22');
  });

  it('writes JSON for a script element with no <, >, & or line separator as such', () => {
    const text = scriptJson({ a: '</script><!--\u2028\u2029&' });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ a: '</script><!--\u2028\u2029&' });
  });
});
