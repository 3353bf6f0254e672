import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface LintProblem {
  /** Id of the offending element; '' when the XML as a whole is at fault. */
  elementId: string;
  /** bpmnlint rule name, or `xml-import` for problems reading the XML. */
  rule: string;
  message: string;
  category: 'error' | 'warn';
}

/**
 * The product's rule set: bpmnlint's recommendations plus what Zeebe 8.8 can execute,
 * with two rules off because they contradict product decisions:
 * - `superfluous-label` flags labels on plain sequence flows; our convention is that every
 *   flow is labelled, so officials can read a diagram as sentences.
 * - `camunda-compat/zeebe-user-task` nudges towards Camunda user tasks (`zeebe:userTask`),
 *   which Zeebe manages without creating a job; our task inbox is fed by the
 *   `io.camunda.zeebe:userTask` jobs of job-based user tasks, so a model following that
 *   advice would create tasks nobody ever sees.
 */
export const LINT_CONFIG = {
  extends: ['bpmnlint:recommended', 'plugin:camunda-compat/camunda-cloud-8-8'],
  rules: { 'superfluous-label': 'off', 'camunda-compat/zeebe-user-task': 'off' },
} as const;

/*
 * Linting runs in a worker thread. bpmnlint and its plugins are CommonJS that require()
 * ES-module-only dependencies (min-dash 5), which only Node's own loader can do (Node
 * >= 20.19); hosts that replace the module loader, such as Jest, cannot. The worker always
 * has Node's loader, keeps the rule modules loaded between calls and keeps linting of large
 * models off the caller's event loop.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');

const load = createRequire(workerData.base);
const { Linter } = load('bpmnlint');
const NodeResolver = load('bpmnlint/lib/resolver/node-resolver');
const resolver = new NodeResolver({ require: load });
const zeebe = load('zeebe-bpmn-moddle/resources/zeebe.json');
const moddle = import(pathToFileURL(load.resolve('bpmn-moddle')).href).then(({ BpmnModdle }) => BpmnModdle({ zeebe }));

async function lint(xml) {
  let parsed;
  try {
    parsed = await (await moddle).fromXML(xml, 'bpmn:Definitions');
  } catch (error) {
    return [{ elementId: '', rule: 'xml-import', message: error.message, category: 'error' }];
  }
  const problems = parsed.warnings.map((warning) => ({
    elementId: (warning.element && warning.element.id) || '',
    rule: 'xml-import',
    message: warning.message,
    category: 'error',
  }));
  // A Linter instantiates each rule once and some rules keep state while they walk a model
  // (no-duplicate-sequence-flows), so every model gets a fresh Linter; the modules behind
  // the rules stay loaded in the resolver's require cache.
  const linter = new Linter({ config: workerData.config, resolver });
  const results = await linter.lint(parsed.rootElement);
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      if (report.category === 'info') continue;
      // A rule that crashed ('rule-error') has not vouched for the model, so it blocks like an error.
      problems.push({ elementId: report.id || '', rule, message: report.message, category: report.category === 'warn' ? 'warn' : 'error' });
    }
  }
  return problems;
}

parentPort.on('message', ({ id, xml }) => {
  lint(xml).then(
    (problems) => parentPort.postMessage({ id, problems }),
    (error) => parentPort.postMessage({ id, error: String(error && error.stack || error) }),
  );
});
`;

interface Reply {
  id: number;
  problems?: LintProblem[];
  error?: string;
}

interface Pending {
  resolve(problems: LintProblem[]): void;
  reject(error: Error): void;
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function lintWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { base: fileURLToPath(import.meta.url), config: LINT_CONFIG },
  });
  started.on('message', ({ id, problems, error }: Reply) => {
    const call = pending.get(id);
    pending.delete(id);
    if (error !== undefined) call?.reject(new Error(`bpmnlint failed: ${error}`));
    else call?.resolve(problems ?? []);
    if (pending.size === 0) started.unref();
  });
  // A dead worker fails what it was doing; the next call starts a fresh one.
  const fail = (error: Error) => {
    worker = undefined;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`bpmnlint worker exited with code ${code}`)));
  worker = started;
  return started;
}

/** How many models' answers are kept: more than the files of a large draft. */
const MAX_REMEMBERED = 128;
/** The answers for the models linted last, by the SHA-256 of their text, least recently used first. */
const remembered = new Map<string, Promise<LintProblem[]>>();

/**
 * Lints a BPMN model against {@link LINT_CONFIG}. Returns errors and warnings (never info);
 * XML that cannot be read, or only partially, comes back as `xml-import` errors. The answer
 * depends on the text alone, so the last ones are remembered: the editors check every file of
 * a draft while only one of them changes.
 */
export function lintBpmn(xml: string): Promise<LintProblem[]> {
  const key = createHash('sha256').update(xml).digest('base64');
  let answer = remembered.get(key);
  if (answer) {
    remembered.delete(key);
  } else {
    answer = lintInWorker(xml);
    // A failure (a dead worker) is not the model's answer: the next call tries again.
    answer.catch(() => remembered.get(key) === answer && remembered.delete(key));
  }
  remembered.set(key, answer);
  if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  // Each caller gets problems of its own to keep or change.
  return answer.then((problems) => problems.map((problem) => ({ ...problem })));
}

function lintInWorker(xml: string): Promise<LintProblem[]> {
  const target = lintWorker();
  const id = nextId++;
  return new Promise<LintProblem[]>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // Only a worker with work to do may keep the process alive.
    target.ref();
    target.postMessage({ id, xml });
  });
}
