import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { checkModels, deployedFile, fetchDraft, useDraftActions, type Deployment, type DeploymentProblem } from '../../api/admin';
import { ApiError } from '../../api/errors';
import type { BpmnEditorHandle } from '../../components/admin/BpmnEditor';
import { Button } from '../../components/Button';
import { ErrorNotice, Notice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { LoadingPage } from '../../components/LoadingPage';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { t } from '../../i18n';
import { blankProcess, idOf, kindOf, type ModelFile } from './model-files';
import { ModelFiles } from './ModelFiles';
import { ProblemList } from './ProblemList';
import '../../components/admin/modeler.css';

// Each editor loads when a file of its kind is opened.
const BpmnEditor = lazy(() => import('../../components/admin/BpmnEditor'));
const FormEditor = lazy(() => import('../../components/admin/FormEditor'));
const DecisionEditor = lazy(() => import('../../components/admin/DecisionEditor'));

/** What the modeler edits: the files of one deployment, kept as a named draft on the server. */
interface Workspace {
  draft: { id: string; version: number } | null;
  name: string;
  files: ModelFile[];
}

/** How long typing may pause before the server checks the files again. */
const CHECK_DELAY_MS = 600;

/** The problems of a refused deployment (422), shaped like the check's. */
function problemsOfRefusal(error: unknown): DeploymentProblem[] {
  if (!(error instanceof ApiError) || error.code !== 'DEPLOYMENT_REJECTED') return [];
  return error.fields.map((field) => ({ ...field, severity: 'error' as const }));
}

function Workbench({ initial }: { initial: Workspace }) {
  const [, setParams] = useSearchParams();
  const [workspace, setWorkspace] = useState(initial);
  const [selected, setSelected] = useState(initial.files[0]?.name ?? '');
  const [problems, setProblems] = useState<DeploymentProblem[]>([]);
  const [checking, setChecking] = useState(false);
  const [saved, setSaved] = useState(false);
  const [deployed, setDeployed] = useState<Deployment | null>(null);
  const [refused, setRefused] = useState(false);
  const actions = useDraftActions();
  const editor = useRef<BpmnEditorHandle>(null);
  const checkRun = useRef(0);
  const file = workspace.files.find((entry) => entry.name === selected);

  // The server checks the files as they are (the deploy check, with the same rule set), shortly after each change.
  useEffect(() => {
    const run = ++checkRun.current;
    setChecking(true);
    const timer = setTimeout(() => {
      void checkModels(workspace.files.map(({ name, content }) => ({ name, content })))
        .then((found) => run === checkRun.current && setProblems(found))
        .catch(() => undefined)
        .finally(() => run === checkRun.current && setChecking(false));
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [workspace.files]);

  const change = (content: string) => {
    setSaved(false);
    setRefused(false);
    setWorkspace((current) => ({ ...current, files: current.files.map((entry) => (entry.name === selected ? { ...entry, content } : entry)) }));
  };
  const add = (added: ModelFile) => {
    setWorkspace((current) => ({ ...current, files: [...current.files.filter((entry) => entry.name !== added.name), added] }));
    setSelected(added.name);
  };
  const remove = (name: string) => {
    setWorkspace((current) => ({ ...current, files: current.files.filter((entry) => entry.name !== name) }));
    if (name === selected) setSelected(workspace.files.find((entry) => entry.name !== name)?.name ?? '');
  };

  /** Saves the draft (creates it the first time); the draft's id goes into the address, so a reload reopens it. */
  const save = async (): Promise<{ id: string; version: number }> => {
    const body = { name: workspace.name.trim(), files: workspace.files };
    const result = workspace.draft
      ? await actions.replace.mutateAsync({ id: workspace.draft.id, version: workspace.draft.version, ...body })
      : await actions.create.mutateAsync(body);
    const draft = { id: result.id, version: result.version };
    setWorkspace((current) => ({ ...current, draft }));
    setParams({ navrh: result.id }, { replace: true });
    setSaved(true);
    return draft;
  };

  const deploy = async () => {
    setDeployed(null);
    setRefused(false);
    try {
      const draft = await save();
      const result = await actions.deploy.mutateAsync(draft);
      setDeployed(result);
      setSaved(false);
      // The deployed draft is gone on the server; further edits start a new draft of the same name.
      setWorkspace((current) => ({ ...current, draft: null }));
      setParams({}, { replace: true });
    } catch (error) {
      const refusal = problemsOfRefusal(error);
      if (refusal.length > 0) {
        setProblems(refusal);
        setRefused(true);
      }
    }
  };

  const show = (problem: DeploymentProblem) => {
    if (problem.field !== selected) setSelected(problem.field);
    else if (problem.elementId) editor.current?.focusElement(problem.elementId);
  };

  const submitName = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void save().catch(() => undefined);
  };
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const failure = actions.create.error ?? actions.replace.error ?? (refused ? null : actions.deploy.error);
  const fileProblems = problems.filter((problem) => problem.field === selected && problem.elementId).map((problem) => ({ elementId: problem.elementId!, severity: problem.severity }));

  return (
    <div className="modeler">
      <form className="modeler__toolbar" onSubmit={submitName} aria-label={t('admin.modeler.draft')}>
        <TextField id="draft-name" label={t('admin.modeler.draftName')} required value={workspace.name} onChange={(event) => setWorkspace({ ...workspace, name: event.target.value })} />
        <Button color="primary" type="outlined" nativeType="submit" busy={actions.create.isPending || actions.replace.isPending}>
          {t('admin.modeler.save')}
        </Button>
        <Button color="primary" type="solid" onClick={() => void deploy()} busy={actions.deploy.isPending}>
          {t('admin.modeler.deploy')}
        </Button>
      </form>
      {saved ? <Notice>{t('admin.modeler.saved')}</Notice> : null}
      {failure ? <ErrorNotice error={failure} /> : null}
      {refused ? (
        <div role="alert" className="notice notice--error">
          <p>{t('admin.modeler.refused', { count: problems.length })}</p>
        </div>
      ) : null}
      {deployed ? (
        <Notice>
          {t('admin.modeler.deployed')}{' '}
          {deployed.resources.map((resource) => (
            <span key={`${resource.kind}-${resource.resourceId}`} className="deployed-resource">
              {resource.kind === 'process' ? (
                <Link to={`/sprava/modely/${resource.resourceId}`}>{t('admin.modeler.deployedVersion', { id: resource.resourceId, version: resource.version })}</Link>
              ) : (
                t('admin.modeler.deployedVersion', { id: resource.resourceId, version: resource.version })
              )}
            </span>
          ))}
        </Notice>
      ) : null}
      <div className="modeler__body">
        <ModelFiles files={workspace.files} selected={selected} onSelect={setSelected} onAdd={add} onRemove={remove} />
        <div className="modeler__editor">
          <Suspense fallback={<LoadingPage />}>
            {file && kindOf(file.name) === 'bpmn' ? <BpmnEditor key={file.name} ref={editor} xml={file.content} onChange={change} problems={fileProblems} /> : null}
            {file && kindOf(file.name) === 'form' ? <FormEditor key={file.name} schema={file.content} onChange={change} /> : null}
            {file && kindOf(file.name) === 'dmn' ? <DecisionEditor key={file.name} xml={file.content} onChange={change} /> : null}
          </Suspense>
        </div>
      </div>
      <section className="admin-section" aria-labelledby="problems-title" aria-busy={checking}>
        <h2 id="problems-title">{t('admin.modeler.problems', { errors, total: problems.length })}</h2>
        <ProblemList problems={problems} onShow={show} />
      </section>
    </div>
  );
}

/** Starts a new process: its name gives its id and its file. */
function NewProcess({ onStart }: { onStart: (workspace: Workspace) => void }) {
  const [name, setName] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) return;
    const id = idOf(name);
    onStart({ draft: null, name: name.trim(), files: [{ name: `${id}.bpmn`, content: blankProcess(id, name.trim()) }] });
  };
  return (
    <form onSubmit={submit} aria-label={t('admin.modeler.newProcess')} className="admin-section">
      <TextField id="process-name" label={t('admin.modeler.processName')} hint={t('admin.modeler.processNameHint')} required value={name} onChange={(event) => setName(event.target.value)} />
      <Button color="primary" type="solid" nativeType="submit">
        {t('admin.modeler.create')}
      </Button>
    </form>
  );
}

/**
 * The modeler (`/sprava/modeler`): a draft (`?navrh=`), a deployed version of a process, form or
 * decision table (`?proces=`, `?formular=`, `?rozhodnuti=` with `&verze=`) or a new process, with
 * its forms and decision tables, checked as it is edited and deployed whole.
 */
export default function ModelerPage() {
  useDocumentTitle(t('admin.modeler.title'));
  const [params] = useSearchParams();
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [error, setError] = useState<unknown>(null);
  const draftId = params.get('navrh');
  const processId = params.get('proces');
  const formId = params.get('formular');
  const decisionId = params.get('rozhodnuti');
  const version = Number(params.get('verze'));
  const opensDeployed = Boolean((processId || formId || decisionId) && version > 0);

  useEffect(() => {
    // The address names what to open once; later changes of it (the draft's id after a save) do not reload the editor.
    if (workspace) return;
    if (draftId) {
      fetchDraft(draftId).then((draft) => setWorkspace({ draft: { id: draft.id, version: draft.version }, name: draft.name, files: draft.files }), setError);
    } else if (opensDeployed) {
      const [kind, id] = processId ? (['bpmn', processId] as const) : formId ? (['form', formId] as const) : (['dmn', decisionId!] as const);
      deployedFile(kind, id, version).then((file) => setWorkspace({ draft: null, name: id, files: [file] }), setError);
    }
  }, [draftId, processId, formId, decisionId, version, opensDeployed, workspace]);

  return (
    <>
      <p>
        <Link to="/sprava/modely">{t('admin.models.back')}</Link>
      </p>
      <h1>{t('admin.modeler.title')}</h1>
      {error ? <ErrorNotice error={error} /> : null}
      {workspace ? <Workbench initial={workspace} /> : !draftId && !opensDeployed ? <NewProcess onStart={setWorkspace} /> : error ? null : <LoadingPage />}
    </>
  );
}
