/**
 * Names that end up in result files (service names, strategy names): what makes one unwritable. Every
 * CSV, SVG and JSON writer quotes or escapes what it writes, but two things no quoting can save — a
 * lone UTF-16 surrogate (half a character: it becomes U+FFFD in every UTF-8 file) and a control
 * character other than tab and line breaks (XML 1.0, hence SVG, cannot hold it even escaped). Results
 * are keyed by name, so a name must not be one every object has (`__proto__`), and a name that becomes
 * a file name must not leave its folder.
 */

/** A lone surrogate: in `u` mode a well-formed pair is one code point, so only halves match. */
const LONE_SURROGATE = /\p{Cs}/u;
/** C0 controls but tab, LF and CR; DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** `"\ud800"` → `\ud800`: a code unit as its JSON escape, readable in any terminal. */
function escaped(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Why `text` cannot be written into a UTF-8 text file, or `undefined` when it can. */
export function textProblem(text: string): string | undefined {
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate !== null)
    return `holds a lone surrogate ${escaped(surrogate[0])} (half of a character, not text) at index ${surrogate.index}`;
  const control = CONTROL.exec(text);
  if (control !== null)
    return `holds the control character ${escaped(control[0])} at index ${control.index}, which result files cannot hold`;
  return undefined;
}

/**
 * Why `name` cannot name a service or a strategy, or `undefined` when it can: it must be text
 * ({@link textProblem}) and not a property every JavaScript object has (`__proto__`, `constructor`,
 * `toString`…), since results are keyed by name.
 */
export function nameProblem(name: string): string | undefined {
  const text = textProblem(name);
  if (text !== undefined) return text;
  if (name in Object.prototype)
    return 'is a name every JavaScript object already has (results are keyed by name): choose another';
  return undefined;
}

/**
 * Why `name` cannot be part of a file name (`<strategy>.levels.csv`), or `undefined` when it can: it
 * must be a name ({@link nameProblem}), hold no path separator (`/`, `\`) and not be `.` or `..`.
 */
export function fileNameProblem(name: string): string | undefined {
  const problem = nameProblem(name);
  if (problem !== undefined) return problem;
  if (/[/\\]/.test(name))
    return 'holds a path separator (/ or \\): it names files, which must stay in their folder';
  if (name === '.' || name === '..') return 'is "." or "..": it names files, which must stay in their folder';
  return undefined;
}
