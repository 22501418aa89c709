/**
 * Snippet detection for text without code fences (the notes format): finds
 * runs of YAML, shell sessions and the command output that follows a command.
 * Prose stays out. Works on already CRLF-normalised lines; tabs and full-width
 * punctuation are tolerated.
 */
import type { ParsedSnippet, SnippetKind } from './types.js';

const HAN = /\p{Script=Han}/u;
/** Full-width punctuation that marks CJK prose (：，（）。；！？、“”【】). */
const FULLWIDTH = /[\uFF1A\uFF0C\uFF08\uFF09\u3002\uFF1B\uFF01\uFF1F\u3001\u201C\u201D\u3010\u3011]/;

/** Commands that open a shell line when they are the first word (lowercase, exact). */
const COMMANDS = new Set([
  'kubectl', 'kubeadm', 'kubelet', 'kube-proxy', 'minikube', 'kustomize', 'helm', 'etcdctl', 'etcd',
  'docker', 'podman', 'crictl', 'ctr', 'nerdctl', 'curl', 'wget', 'systemctl', 'journalctl', 'service',
  'iptables', 'ip6tables', 'iptables-save', 'ipvsadm', 'ipset', 'conntrack', 'grep', 'egrep', 'awk', 'sed',
  'cat', 'echo', 'ls', 'cd', 'cp', 'mv', 'rm', 'mkdir', 'chmod', 'chown', 'tar', 'openssl', 'cfssl', 'base64',
  'ssh', 'scp', 'git', 'apt', 'apt-get', 'yum', 'dnf', 'sudo', 'export', 'nslookup', 'dig', 'ping', 'telnet',
  'netstat', 'ifconfig', 'jq', 'head', 'tail', 'touch', 'vi', 'vim', 'nano', 'kill', 'mount', 'umount',
  'swapoff', 'modprobe', 'sysctl', 'nc', 'socat', 'tcpdump', 'env', 'alias', 'source',
]);

export const isBlank = (line: string): boolean => line.trim() === '';
export const indentOf = (line: string): number => /^[ \t]*/.exec(line)![0].replace(/\t/g, '  ').length;
const isCjkProse = (s: string): boolean => HAN.test(s) || FULLWIDTH.test(s);

/** `key: value` or `- key: value` with an ASCII key (no spaces), nothing CJK. */
const YAML_KEY = /^[ \t]*(?:-[ \t]+)?(["']?)[A-Za-z_$][\w.\-/$]*\1[ \t]*:(?:[ \t]+(.*))?[ \t]*$/;
const YAML_LIST = /^[ \t]*-(?:[ \t]+\S.*)?[ \t]*$/;
const YAML_STRONG = /^[ \t]*(?:apiVersion|kind)[ \t]*:[ \t]*\S/;
const DOC_SEPARATOR = /^(?:---|\.\.\.)[ \t]*$/;
const COMMENT = /^[ \t]*#/;
const PROMPT = /^[ \t]*(?:\$|\[[^\]\n]*\][#$]|[\w.@~:-]+[#$]|#)[ \t]+(\S+)/;
const URL_ONLY = /^[ \t]*[a-z][a-z0-9+.-]*:\/\/\S+[ \t]*$/i;

/** Number of words made of letters only (an English-like token, trailing punctuation allowed). */
function wordStats(line: string): { alpha: number; total: number } {
  const tokens = line.trim().split(/\s+/).filter(Boolean);
  const alpha = tokens.filter((t) => /^[A-Za-z][a-z']*[,.;:!?)]*$/.test(t)).length;
  return { alpha, total: tokens.length };
}

/** An English sentence: unindented, five or more plain words making up most of the line. */
export function isEnglishProse(line: string): boolean {
  if (indentOf(line) > 0) return false;
  const { alpha, total } = wordStats(line);
  return alpha >= 5 && alpha / total >= 0.6;
}

export function isYamlKeyLine(line: string): boolean {
  const m = YAML_KEY.exec(line);
  if (!m) return false;
  const beforeComment = line.replace(/[ \t]#.*$/, '');
  if (isCjkProse(beforeComment)) return false;
  const value = m[2] ?? '';
  // "Note: this is a sentence ..." is prose, not a mapping.
  if (!/^["'[{|>&*!]/.test(value) && wordStats(value).alpha >= 6) return false;
  return true;
}

function isYamlListLine(line: string): boolean {
  return YAML_LIST.test(line) && !isCjkProse(line.replace(/[ \t]#.*$/, ''));
}

/** The command word of a shell line (after a prompt or bare), or null. */
export function commandOf(line: string): string | null {
  const code = line.replace(/[ \t]+#[^!].*$/, ''); // a trailing comment may be prose
  if (isCjkProse(code)) return null;
  const prompt = PROMPT.exec(code);
  if (prompt) {
    const word = prompt[1]!;
    // "# comment" is only a root prompt when a known command follows.
    if (/^[ \t]*#/.test(code) && !COMMANDS.has(word)) return null;
    return word;
  }
  const tokens = code.trim().split(/\s+/);
  let first = tokens[0] ?? '';
  if (first === 'sudo' && tokens.length > 1) first = tokens[1]!;
  if (!COMMANDS.has(first)) return null;
  const shellish = /[|>&;=/'"`$]|(?:^|\s)--?[A-Za-z]/.test(code.trim().slice(tokens[0]!.length));
  return shellish || tokens.length <= 3 ? first : null;
}

const isCommand = (line: string): boolean => commandOf(line) !== null;
const isComment = (line: string): boolean => COMMENT.test(line) && !isCommand(line);

/** Index of the next non-blank line at or after i (or lines.length). */
function nextNonBlank(lines: readonly string[], i: number, end: number): number {
  while (i < end && isBlank(lines[i]!)) i++;
  return i;
}

/** Index of the next line that is neither blank nor a comment. */
function nextCode(lines: readonly string[], i: number, end: number): number {
  while (i < end && (isBlank(lines[i]!) || COMMENT.test(lines[i]!))) i++;
  return i;
}

function isProseLine(line: string): boolean {
  return isCjkProse(line) || isEnglishProse(line) || URL_ONLY.test(line);
}

/** A line that can be command output: not blank, not prose, not a command, not a header. */
function isOutputLine(line: string): boolean {
  return !isBlank(line) && !/^#{2,}/.test(line) && !isCommand(line) && !isProseLine(line);
}

/** Output may continue across a blank line only into lines that clearly look like output. */
function isStrongOutputLine(line: string): boolean {
  return isOutputLine(line) && (indentOf(line) > 0 || /^\S+:\s/.test(line) || /\S\s{2,}\S/.test(line) || /^</.test(line));
}

/** YAML continuation: what may follow inside a YAML run. */
function isYamlContinuation(line: string): boolean {
  if (isYamlKeyLine(line) || isYamlListLine(line) || DOC_SEPARATOR.test(line)) return true;
  return indentOf(line) > 0 && !isBlank(line) && !isCjkProse(line) && !COMMENT.test(line);
}

/** End (exclusive) of a YAML run starting at i, or i when no valid run starts there. */
function yamlRunEnd(lines: readonly string[], i: number, end: number): number {
  if (!isYamlKeyLine(lines[i]!)) return i;
  let j = i + 1;
  while (j < end) {
    const line = lines[j]!;
    if (isBlank(line) || COMMENT.test(line)) {
      const k = nextCode(lines, j, end);
      const nxt = lines[k];
      if (nxt === undefined || !isYamlContinuation(nxt)) break;
      // a blank line ends the run unless indented YAML (or a new document) follows
      if (isBlank(line) && !(indentOf(nxt) > 0 || DOC_SEPARATOR.test(nxt))) break;
      j = k;
      continue;
    }
    if (!isYamlContinuation(line)) break;
    j++;
  }
  const run = lines.slice(i, j);
  const nonBlank = run.filter((l) => !isBlank(l) && !COMMENT.test(l));
  const strong = run.some((l) => YAML_STRONG.test(l));
  const nested = nonBlank.some((l) => indentOf(l) > indentOf(run[0]!));
  if (nonBlank.length >= 2 && (strong || nested || nonBlank.length >= 3)) return j;
  if (strong) return j;
  return i;
}

/** Shell run starting at i: commands, comments leading to commands, blanks between them. */
function shellRunEnd(lines: readonly string[], i: number, end: number): number {
  const startsHere = isCommand(lines[i]!) ||
    (isComment(lines[i]!) && /^[ \t]*#[ \t]/.test(lines[i]!) && (() => {
      const k = nextNonBlank(lines, i + 1, end);
      return k === i + 1 && k < end && isCommand(lines[k]!);
    })());
  if (!startsHere) return i;
  let j = i;
  while (j < end) {
    const line = lines[j]!;
    if (isCommand(line)) {
      j++;
      while (j < end && /\\[ \t]*$/.test(lines[j - 1]!)) j++; // backslash continuation
      if (j < end && isOutputLine(lines[j]!)) break; // output follows: a separate snippet
      continue;
    }
    if (isBlank(line) || isComment(line)) {
      let k = j;
      while (k < end && (isBlank(lines[k]!) || isComment(lines[k]!))) k++;
      if (k < end && isCommand(lines[k]!) && /^[ \t]*#[ \t]|^[ \t]*$/.test(line)) { j = k; continue; }
      break;
    }
    break;
  }
  // trim trailing blanks/comments
  while (j > i && (isBlank(lines[j - 1]!) || isComment(lines[j - 1]!))) j--;
  return j;
}

function outputRunEnd(lines: readonly string[], i: number, end: number): number {
  let j = i;
  while (j < end) {
    const line = lines[j]!;
    if (isOutputLine(line)) { j++; continue; }
    if (isBlank(line)) {
      const k = nextNonBlank(lines, j, end);
      if (k < end && isStrongOutputLine(lines[k]!)) { j = k; continue; }
    }
    break;
  }
  return j;
}

/**
 * Snippets among lines[start..end) (0-based indices into the document's lines);
 * line numbers in the result are 1-based document lines.
 */
export function detectSnippets(lines: readonly string[], start = 0, end = lines.length): ParsedSnippet[] {
  const out: ParsedSnippet[] = [];
  const push = (kind: SnippetKind, a: number, b: number): void => {
    out.push({ kind, language: null, content: lines.slice(a, b).join('\n'), lineStart: a + 1, lineEnd: b });
  };
  let i = start;
  while (i < end) {
    const shellEnd = shellRunEnd(lines, i, end);
    if (shellEnd > i) {
      push('shell', i, shellEnd);
      i = shellEnd;
      if (isCommand(lines[i - 1]!)) {
        const outEnd = outputRunEnd(lines, i, end);
        if (outEnd > i) { push('output', i, outEnd); i = outEnd; }
      }
      continue;
    }
    const yamlEnd = yamlRunEnd(lines, i, end);
    if (yamlEnd > i) {
      let e = yamlEnd;
      while (e > i && (isBlank(lines[e - 1]!) || COMMENT.test(lines[e - 1]!))) e--;
      push('yaml', i, e);
      i = yamlEnd;
      continue;
    }
    i++;
  }
  return out;
}

/** Kind of a fenced block's content when its info string does not say. */
export function guessKind(content: string): SnippetKind {
  const lines = content.split('\n');
  if (lines.some((l) => PROMPT.test(l) && isCommand(l)) || (lines[0] !== undefined && isCommand(lines[0]))) return 'shell';
  const snippets = detectSnippets(lines);
  const yamlLines = snippets.filter((s) => s.kind === 'yaml').reduce((n, s) => n + s.lineEnd - s.lineStart + 1, 0);
  if (yamlLines > 0 && yamlLines >= lines.filter((l) => !isBlank(l)).length / 2) return 'yaml';
  return 'text';
}
