/**
 * `report.html`: one self-contained page a command writes beside its other files. Everything is inline
 * — styles, the data, the charts (vega-lite specs of `charts.ts` compiled to vega here, in Node) and
 * vega's own browser build — so the page makes no network request and needs no web font (the
 * system's font stack). A page is sections of blocks: the printed output (paragraphs and tables, the
 * very parts the terminal shows), charts, the configuration as JSON, and links to the files written.
 *
 * Every text inserted is escaped for HTML; JSON inside a `<script>` has its `<` written `\u003c`, so
 * no value (a strategy named `</script>`) can end the script early.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type ChartSpec, compileChart } from './charts.js';
import { isNumericCell, type PrintedPart } from './printed.js';

/** The report's file name in a result directory. */
export const REPORT_HTML = 'report.html';

/** One block of a section. */
export type PageBlock =
  /** Lines and tables as a command prints them: blank lines separate paragraphs. */
  | { readonly kind: 'printed'; readonly parts: readonly PrintedPart[] }
  /** A chart, with the file of its SVG (relative to the report) when there is one. */
  | { readonly kind: 'chart'; readonly spec: ChartSpec; readonly file?: string }
  /** A value shown as pretty JSON (a configuration, settings). */
  | { readonly kind: 'json'; readonly value: unknown }
  /** Links to files (relative to the report), each with what it holds. */
  | { readonly kind: 'files'; readonly files: readonly { readonly name: string; readonly about?: string }[] };

/** A section: a heading and its blocks. */
export interface PageSection {
  readonly heading: string;
  readonly blocks: readonly PageBlock[];
}

/** A whole page. */
export interface ReportPage {
  readonly title: string;
  /** One sentence under the title: what the page shows. */
  readonly about: string;
  readonly sections: readonly PageSection[];
}

/** `text` with `& < > " '` written as entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that can sit inside a `<script>` element: no `<`, `>`, `&` or line separators as such. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A script's source made safe to inline: no `</script` or `<!--` can close or hide the element. */
function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** vega's browser build (self-contained, ~520 KB), found beside the installed `vega` package. */
async function vegaBrowserBuild(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('vega');
  return readFile(join(dirname(entry), 'vega.min.js'), 'utf8');
}

/**
 * Printed parts as HTML: paragraphs (line breaks kept), indented lines as `<pre>` listings (their
 * indent and aligned columns kept, also after a paragraph's opening lines), tables.
 */
function printedHtml(parts: readonly PrintedPart[]): string {
  const html: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    for (let start = 0; start < paragraph.length; ) {
      const listing = paragraph[start].startsWith('  ');
      let end = start + 1;
      while (end < paragraph.length && paragraph[end].startsWith('  ') === listing) end++;
      const text = escapeHtml(paragraph.slice(start, end).join('\n'));
      html.push(listing ? `<pre class="listing">${text}</pre>` : `<p>${text}</p>`);
      start = end;
    }
    paragraph = [];
  };
  for (const part of parts) {
    if (typeof part !== 'string') {
      flush();
      html.push(tableHtml(part.table));
    } else if (part.trim() === '') flush();
    else paragraph.push(part);
  }
  flush();
  return html.join('\n');
}

function tableHtml(rows: readonly (readonly string[])[]): string {
  const cell = (tag: string, text: string, c: number) =>
    `<${tag}${c > 0 && isNumericCell(text) ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  const [header, ...body] = rows;
  return [
    '<div class="table"><table>',
    `<thead><tr>${header.map((text, c) => cell('th', text, c)).join('')}</tr></thead>`,
    '<tbody>',
    ...body.map((row) => `<tr>${row.map((text, c) => cell(c === 0 ? 'th' : 'td', text, c)).join('')}</tr>`),
    '</tbody></table></div>',
  ].join('\n');
}

/** A relative link to a file of the result directory (each path segment URL-encoded). */
function fileHref(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/');
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  margin: 0 auto; padding: 1.5rem 2rem 4rem; max-width: 1200px; color: #1d1d1f; line-height: 1.45; }
header { border-bottom: 1px solid #d0d0d5; margin-bottom: 1rem; }
header p { color: #555; margin-top: 0; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #e3e3e8; padding-bottom: 0.2rem; }
nav ul { padding-left: 1.2rem; columns: 2; }
p { white-space: pre-line; max-width: 62rem; }
pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 0.85rem; background: #f6f6f8; padding: 0.6rem 0.8rem; overflow-x: auto; border-radius: 4px; }
.table { overflow-x: auto; margin: 0.6rem 0 1rem; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { padding: 0.25rem 0.7rem; border-bottom: 1px solid #e3e3e8; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #b8b8c0; background: #f6f6f8; }
tbody th { font-weight: normal; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure.chart { margin: 1rem 0 2rem; }
figure.chart figcaption { font-size: 0.85rem; color: #555; }
.chart-view { overflow-x: auto; }
.chart-error { color: #b00020; }
ul.files li { margin: 0.15rem 0; }
`;

/**
 * Draws every chart of the page with vega (already inline), and records the outcome on <html>:
 * `data-charts-rendered` (how many drew), `data-errors` (a JSON list of every error, a failed chart's
 * or an uncaught one) and `data-render-done` once all have settled — what a test in a browser reads.
 */
const RENDER_SCRIPT = `
(function () {
  var root = document.documentElement;
  var errors = [];
  function record(message) {
    errors.push(String(message));
    root.setAttribute('data-errors', JSON.stringify(errors));
  }
  window.addEventListener('error', function (event) { record(event.message); });
  window.addEventListener('unhandledrejection', function (event) { record(event.reason); });
  root.setAttribute('data-errors', '[]');
  var rendered = 0;
  var figures = Array.prototype.slice.call(document.querySelectorAll('figure.chart'));
  Promise.all(figures.map(function (figure) {
    var target = figure.querySelector('.chart-view');
    try {
      var spec = JSON.parse(document.getElementById(figure.getAttribute('data-spec')).textContent);
      var view = new vega.View(vega.parse(spec), { renderer: 'svg', container: target, hover: true });
      return view.runAsync().then(function () { rendered += 1; }, function (error) {
        target.innerHTML = '<p class="chart-error">This chart could not be drawn.</p>';
        record(error && error.message ? error.message : error);
      });
    } catch (error) {
      target.innerHTML = '<p class="chart-error">This chart could not be drawn.</p>';
      record(error && error.message ? error.message : error);
      return undefined;
    }
  })).then(function () {
    root.setAttribute('data-charts-rendered', String(rendered));
    root.setAttribute('data-render-done', 'true');
  });
})();
`;

/** The page as one self-contained HTML document (vega-lite and vega's browser build loaded lazily). */
export async function reportHtml(page: ReportPage): Promise<string> {
  const scripts: string[] = [];
  const sections: string[] = [];
  for (const [s, section] of page.sections.entries()) {
    const blocks: string[] = [];
    for (const block of section.blocks) {
      if (block.kind === 'printed') blocks.push(printedHtml(block.parts));
      else if (block.kind === 'json')
        blocks.push(`<pre class="json">${escapeHtml(JSON.stringify(block.value, null, 2))}</pre>`);
      else if (block.kind === 'files')
        blocks.push(
          '<ul class="files">',
          ...block.files.map(
            (file) =>
              `<li><a href="${escapeHtml(fileHref(file.name))}">${escapeHtml(file.name)}</a>` +
              `${file.about === undefined ? '' : ` — ${escapeHtml(file.about)}`}</li>`,
          ),
          '</ul>',
        );
      else {
        const id = `chart-spec-${scripts.length}`;
        scripts.push(
          `<script type="application/json" id="${id}">${scriptJson(await compileChart(block.spec))}</script>`,
        );
        const caption =
          block.file === undefined
            ? ''
            : `<figcaption>Click a legend entry to pick its series (click beside it to show all); hover a point for its values. ` +
              `The same figure as a file: <a href="${escapeHtml(fileHref(block.file))}">${escapeHtml(block.file)}</a></figcaption>`;
        blocks.push(
          `<figure class="chart" data-spec="${id}"><div class="chart-view"></div>` +
            `<noscript>This chart needs JavaScript; see the SVG file.</noscript>${caption}</figure>`,
        );
      }
    }
    sections.push(
      `<section id="section-${s}">\n<h2>${escapeHtml(section.heading)}</h2>\n${blocks.join('\n')}\n</section>`,
    );
  }
  const contents = page.sections
    .map((section, s) => `<li><a href="#section-${s}">${escapeHtml(section.heading)}</a></li>`)
    .join('');
  const vega = scripts.length > 0 ? `<script>${inlineScript(await vegaBrowserBuild())}</script>\n` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="scitsim">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.about)} Written by scitsim; self-contained: the page loads nothing from the network.</p>
<nav><ul>${contents}</ul></nav>
</header>
<main>
${sections.join('\n')}
</main>
${scripts.join('\n')}
${vega}<script>${RENDER_SCRIPT}</script>
</body>
</html>
`;
}
